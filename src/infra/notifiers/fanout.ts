// Publishes each event to several notifiers. It fails if any of them fails, so the caller retries
// the event; receivers that already got it deduplicate on `eventId`.

import type { TaskEvent } from '../../core/domain/events.ts';
import type { Notifier } from '../../core/ports/notifier.ts';

export class FanoutNotifier implements Notifier {
  readonly #targets: readonly Notifier[];

  constructor(targets: readonly Notifier[]) {
    this.#targets = targets;
  }

  async publish(event: TaskEvent): Promise<void> {
    const results = await Promise.allSettled(this.#targets.map((t) => t.publish(event)));
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    if (failures.length > 0) {
      throw new AggregateError(
        failures,
        `${failures.length} of ${this.#targets.length} notifiers failed for event ${event.eventId} (task ${event.taskId})`,
      );
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.#targets.map((t) => t.close?.()));
  }
}
