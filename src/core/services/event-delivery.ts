// Delivers recorded task events to the notifier and marks each delivered. Events are written in
// the same transaction as the state change, so a crash between commit and publish only delays the
// event: the next copy of the message, or the periodic sweep, delivers it. Delivered events are
// never sent again, which is why a result that arrives twice notifies once.

import type { Clock } from '../domain/clock.ts';
import type { TaskEvent } from '../domain/events.ts';
import type { Notifier } from '../ports/notifier.ts';
import type { Store } from '../ports/store.ts';

export interface DeliveryDeps {
  store: Store;
  notifier: Notifier;
  clock: Clock;
}

async function deliver(deps: DeliveryDeps, events: TaskEvent[]): Promise<number> {
  for (const event of events) {
    await deps.notifier.publish(event);
    await deps.store.markEventDelivered(event.eventId, deps.clock.now());
  }
  return events.length;
}

/** Delivers one task's pending events, oldest first; stops at the first failure. */
export async function deliverPendingEvents(deps: DeliveryDeps, taskId: string): Promise<number> {
  return deliver(deps, await deps.store.undeliveredEvents(taskId));
}

/**
 * Delivers events of any task left undelivered for longer than `olderThanMs` (a notifier outage
 * outlasted the message's redeliveries, or the process died after commit).
 */
export async function redeliverStaleEvents(
  deps: DeliveryDeps,
  olderThanMs: number,
  limit = 100,
): Promise<number> {
  return deliver(deps, await deps.store.staleEvents(deps.clock.now() - olderThanMs, limit));
}
