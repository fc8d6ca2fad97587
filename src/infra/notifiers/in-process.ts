// In-process notifications for the single-process stack: the worker's publish reaches the API's
// event stream through memory.

import { EventEmitter } from 'node:events';
import type { TaskEvent } from '../../core/domain/events.ts';
import type { Notifier, TaskEventFeed, Unsubscribe } from '../../core/ports/notifier.ts';

export class InProcessNotifier implements Notifier, TaskEventFeed {
  readonly #emitter = new EventEmitter();

  constructor() {
    // One listener per open event stream; many browsers may be open at once.
    this.#emitter.setMaxListeners(0);
  }

  async publish(event: TaskEvent): Promise<void> {
    this.#emitter.emit(event.userId, event);
  }

  async subscribe(userId: string, listener: (event: TaskEvent) => void): Promise<Unsubscribe> {
    this.#emitter.on(userId, listener);
    return async () => {
      this.#emitter.off(userId, listener);
    };
  }
}
