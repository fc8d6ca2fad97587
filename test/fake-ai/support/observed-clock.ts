// A view of the shared test clock that sees only the fake AI's timers (its sleeps, heartbeats and
// delayed sends), so a test can move time exactly to the fake AI's next deadline instead of
// guessing how long to advance — and never sleeps in real time.
import type { Timer, TimerClock } from '../../../src/kernel/virtual-clock.ts';

export class ObservedClock implements TimerClock {
  readonly #inner: TimerClock;
  readonly #pending = new Map<Timer, number>();
  #waiters: (() => void)[] = [];

  constructor(inner: TimerClock) {
    this.#inner = inner;
  }

  now(): number {
    return this.#inner.now();
  }

  schedule(at: number, fn: () => void): Timer {
    const timer: Timer = this.#inner.schedule(at, () => {
      this.#pending.delete(handle);
      fn();
    });
    const handle: Timer = {
      cancel: () => {
        this.#pending.delete(handle);
        timer.cancel();
      },
    };
    this.#pending.set(handle, at);
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
    return handle;
  }

  /** The earliest instant a fake AI timer waits for, if any. */
  nextDeadline(): number | undefined {
    let next: number | undefined;
    for (const at of this.#pending.values()) if (next === undefined || at < next) next = at;
    return next;
  }

  /** Resolves once the fake AI has a timer pending. */
  whenPending(): Promise<void> {
    if (this.#pending.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}
