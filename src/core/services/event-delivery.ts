// Delivers a task's recorded events to the notifier and marks each delivered. Events are written in
// the same transaction as the state change, so a crash between commit and publish only delays the
// event: the next copy of the message (or the next call) delivers it. Delivered events are never
// sent again, which is why a result that arrives twice notifies once.

import type { Clock } from '../domain/clock.ts';
import type { Notifier } from '../ports/notifier.ts';
import type { Store } from '../ports/store.ts';

export async function deliverPendingEvents(
  deps: { store: Store; notifier: Notifier; clock: Clock },
  taskId: string,
): Promise<number> {
  const pending = await deps.store.undeliveredEvents(taskId);
  for (const event of pending) {
    await deps.notifier.publish(event);
    await deps.store.markEventDelivered(event.eventId, deps.clock.now());
  }
  return pending.length;
}
