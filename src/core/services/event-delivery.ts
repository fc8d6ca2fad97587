// Delivers recorded task events to the notifier and marks each delivered. Events are written in
// the same transaction as the state change, so a crash between commit and publish only delays the
// event: the next copy of the message, or the periodic sweep, delivers it. Each event is claimed in
// the store before it is published, so two copies of a message handled at once publish it once;
// delivered events are never sent again, which is why a result that arrives twice notifies once.
// Publishing stays at-least-once (a crash after publish, before the mark, publishes again once the
// claim lapses): receivers dedupe on `eventId`.

import type { Clock } from '../../kernel/clock.ts';
import type { TaskEvent } from '../domain/events.ts';
import type { Notifier } from '../ports/notifier.ts';
import type { Store } from '../ports/store.ts';

export interface DeliveryDeps {
  store: Store;
  notifier: Notifier;
  clock: Clock;
}

/**
 * How long a claim keeps other deliverers off an event: longer than a publish can take (the webhook
 * notifier's five attempts with timeouts and backoff, about 33 s). Outlasting it costs at most a
 * second publish of the same event, never a lost one.
 */
export const PUBLISH_CLAIM_MS = 60_000;

/** Publishes the events this caller claims; one claimed elsewhere is that deliverer's to send. */
async function deliver(deps: DeliveryDeps, events: TaskEvent[]): Promise<number> {
  const { store, notifier, clock } = deps;
  let delivered = 0;
  for (const event of events) {
    if (!(await store.claimEvent(event.eventId, clock.now(), PUBLISH_CLAIM_MS))) continue;
    try {
      await notifier.publish(event);
    } catch (error) {
      await store.releaseEvent(event.eventId).catch(() => {
        // The claim lapses on its own; the publish failure is the error worth reporting.
      });
      throw error;
    }
    await store.markEventDelivered(event.eventId, clock.now());
    delivered++;
  }
  return delivered;
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
