// Store decorators the scenarios wrap around the real store: an
// outage switch (the database "down" for a while: every call fails as a dropped connection would)
// and the sabotaged variant the runner's own tests use to prove that broken idempotency is caught.

import { eventForTask } from '../src/core/domain/events.ts';
import type { Effect, Store } from '../src/core/ports/store.ts';
import { delegateStore } from '../src/infra/recording/delegate-store.ts';
import type { IdSource } from '../src/kernel/ids.ts';

export class DatabaseDownError extends Error {
  override name = 'DatabaseDownError';
}

/** A store whose every call fails while `down` is true, like a database that dropped off. */
export class OutageSwitch {
  down = false;
  /** Calls refused while down. */
  refused = 0;

  /** Every method of the port is refused while down, including ones added to it later. */
  wrap(inner: Store): Store {
    const refuse = () => {
      this.refused++;
      return Promise.reject(new DatabaseDownError('connect ECONNREFUSED (database down)'));
    };
    return new Proxy(inner, {
      get: (target, key) => {
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        // Bound so adapters' private fields resolve against the real instance.
        return (...args: unknown[]) => (this.down ? refuse() : value.apply(target, args));
      },
    });
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
        // Every copy looks new to the processed-message check (the type stays, for the record).
        inbox: input.inbox ? { ...input.inbox, discriminator: `sabotaged-${ids()}` } : null,
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
