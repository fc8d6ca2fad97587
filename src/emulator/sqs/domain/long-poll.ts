// Long polling without a sweeper: a receive that finds nothing parks as a waiter on its queue and
// is answered the moment a message becomes receivable. Sends and visibility changes call serve();
// for deadlines (delays ending, visibility expiring) each queue with waiters keeps exactly one
// clock timer, at its next visibility instant.
import type { Timer, TimerClock } from '../../../kernel/virtual-clock.ts';
import type { Queue, Waiter } from './queue.ts';

export class LongPolls {
  readonly #clock: TimerClock;

  constructor(clock: TimerClock) {
    this.#clock = clock;
  }

  /** Waits up to `waitSeconds` for `take` to return something; empty on timeout or abort. */
  park<T>(queue: Queue, waitSeconds: number, take: () => T[], signal?: AbortSignal): Promise<T[]> {
    return new Promise((resolve) => {
      let timer: Timer | undefined;
      const finish = (items: T[]): void => {
        timer?.cancel();
        signal?.removeEventListener('abort', onAbort);
        const index = queue.waiters.indexOf(waiter);
        if (index !== -1) queue.waiters.splice(index, 1);
        resolve(items);
      };
      const onAbort = (): void => finish([]);
      const waiter: Waiter = {
        tryServe: () => {
          const items = take();
          if (items.length === 0) return false;
          finish(items);
          return true;
        },
        cancel: () => finish([]),
      };
      queue.waiters.push(waiter);
      timer = this.#clock.schedule(this.#clock.now() + waitSeconds * 1000, () => finish([]));
      signal?.addEventListener('abort', onAbort);
      this.#armWake(queue);
    });
  }

  /** Answers parked polls in arrival order while messages are receivable. */
  serve(queue: Queue): void {
    while (queue.waiters.length > 0) {
      if (!queue.waiters[0]!.tryServe()) break;
    }
    this.#armWake(queue);
  }

  /** Answers every parked poll of the queue empty (queue deleted, reset, shutdown). */
  cancel(queue: Queue): void {
    for (const waiter of [...queue.waiters]) waiter.cancel();
    queue.wake?.cancel();
    queue.wake = undefined;
  }

  #armWake(queue: Queue): void {
    const next = queue.waiters.length > 0 ? queue.nextVisibleAt(this.#clock.now()) : undefined;
    if (queue.wake && queue.wake.at === next) return;
    queue.wake?.cancel();
    queue.wake = undefined;
    if (next === undefined) return;
    const timer = this.#clock.schedule(next, () => {
      if (queue.wake?.at === next) queue.wake = undefined;
      this.serve(queue);
    });
    queue.wake = { at: next, cancel: () => timer.cancel() };
  }
}
