// Time for the fake AI: the emulator's clock interface (now + schedule), so tests can hand the
// fake AI the very clock the emulator runs on and move both at once, plus an abortable sleep.
import { type Clock, VirtualClock } from '../src/emulator/clock.ts';

export type { Clock } from '../src/emulator/clock.ts';

/** Real time, flowing at wall-clock speed (the default outside tests). */
export function systemClock(): Clock {
  return new VirtualClock({ start: Date.now(), scale: 1 });
}

export class SleepAborted extends Error {
  override name = 'SleepAborted';
}

/** Resolves when `clock` reaches now + ms; rejects with SleepAborted if `signal` aborts first. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new SleepAborted('sleep aborted'));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      timer.cancel();
      reject(new SleepAborted('sleep aborted'));
    };
    const timer = clock.schedule(clock.now() + Math.max(0, ms), () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
