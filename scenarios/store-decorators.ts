// Store decorators the scenarios wrap around the real store: a plain delegate to build on, an
// outage switch (the database "down" for a while: every call fails as a dropped connection would)
// and the sabotaged variant the runner's own tests use to prove that broken idempotency is caught.
import { eventForTask } from '../src/core/domain/events.ts';
import type { IdSource } from '../src/core/domain/clock.ts';
import type { Effect, Store } from '../src/core/ports/store.ts';

/** A store that forwards every call to `inner`, with some methods replaced. */
export function delegateStore(inner: Store, overrides: Partial<Store> = {}): Store {
  return {
    createTask: (r) => inner.createTask(r),
    findByIdempotencyKey: (u, k) => inner.findByIdempotencyKey(u, k),
    getTask: (t) => inner.getTask(t),
    listTasks: (u, l) => inner.listTasks(u, l),
    claimOutbox: (n, l, m) => inner.claimOutbox(n, l, m),
    markOutboxSent: (t) => inner.markOutboxSent(t),
    rescheduleOutbox: (t, a, n, e) => inner.rescheduleOutbox(t, a, n, e),
    applyEffect: (i) => inner.applyEffect(i),
    undeliveredEvents: (t) => inner.undeliveredEvents(t),
    markEventDelivered: (e, n) => inner.markEventDelivered(e, n),
    listEvents: (t) => inner.listEvents(t),
    getGraph: (u) => inner.getGraph(u),
    ping: () => inner.ping(),
    close: () => inner.close(),
    ...overrides,
  };
}

export class DatabaseDownError extends Error {
  override name = 'DatabaseDownError';
}

/** A store whose every call fails while `down` is true, like a database that dropped off. */
export class OutageSwitch {
  down = false;
  /** Calls refused while down. */
  refused = 0;

  wrap(inner: Store): Store {
    const guard =
      <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
      (...args: A): Promise<R> => {
        if (this.down) {
          this.refused++;
          return Promise.reject(new DatabaseDownError('connect ECONNREFUSED (database down)'));
        }
        return fn(...args);
      };
    const base = delegateStore(inner);
    return {
      ...base,
      getTask: guard(base.getTask),
      applyEffect: guard(base.applyEffect),
      undeliveredEvents: guard(base.undeliveredEvents),
      markEventDelivered: guard(base.markEventDelivered),
      ping: guard(base.ping),
    };
  }
}

/**
 * A worker-side store with idempotency removed, as a careless change would: the processed-message
 * (inbox) check is gone and a result for a finished task is applied again instead of ignored, so
 * every duplicate result re-runs the transition and notifies again.
 */
export function withoutIdempotency(inner: Store, ids: IdSource): Store {
  return delegateStore(inner, {
    applyEffect: (input) =>
      inner.applyEffect({
        ...input,
        inbox: null,
        decide: (task): Effect => {
          const effect = input.decide(task);
          if (effect.kind === 'ignore' && effect.reason === 'terminal' && task) {
            const again = { ...task, updatedAt: input.now };
            return { kind: 'apply', task: again, event: eventForTask(again, ids()) };
          }
          return effect;
        },
      }),
  });
}
