// The virtual clock shared by the emulator and the fake AI: every deadline (visibility, delays,
// long polls, purge windows, move tasks, injected latency, fake-AI work) is an instant on this
// clock, never on the wall clock. Virtual time flows at `scale` virtual ms per real ms (0 = frozen,
// moved only by `advance`), and timers fire when their virtual instant is reached however that
// happens: by real time passing, by `advance` jumping over it (fires at once) or by a scale change
// (re-armed).

import type { Clock } from './clock.ts';

export interface Timer {
  cancel(): void;
}

/** What the emulator's domain and the fake AI need: the current instant and a later callback. */
export interface TimerClock extends Clock {
  /** Virtual epoch milliseconds. */
  now(): number;
  /** Calls `fn` once when virtual time reaches `at` (at once, asynchronously, if already past). */
  schedule(at: number, fn: () => void): Timer;
}

/** What the control plane and tests need on top: moving time and changing its speed. */
export interface ControllableClock extends TimerClock {
  advance(ms: number): void;
  setScale(scale: number): void;
  scale(): number;
}

/** Real-time sources, injectable so the clock itself can be tested without waiting. */
export interface RealTime {
  /** Monotonic real milliseconds. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

const systemRealTime: RealTime = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // The clock must never keep a process alive on its own; servers and tests own the lifetime.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

// Node's setTimeout cannot take more than 2^31-1 ms; longer waits are re-armed on expiry.
const MAX_REAL_DELAY_MS = 2_147_483_647;

export interface VirtualClockOptions {
  /** Virtual epoch ms at creation. */
  start: number;
  /** Virtual ms per real ms; 0 freezes time (a manual clock). */
  scale?: number;
  realTime?: RealTime;
}

export class VirtualClock implements ControllableClock {
  #baseVirtual: number;
  #baseReal: number;
  #scale: number;
  readonly #real: RealTime;
  // Kept sorted by (at, seq); timer counts stay small (one per queue with waiters, per poll, per task).
  #timers: PendingTimer[] = [];
  #seq = 0;
  #armed: unknown;
  #firing = false;

  constructor(options: VirtualClockOptions) {
    this.#real = options.realTime ?? systemRealTime;
    this.#baseVirtual = options.start;
    this.#baseReal = this.#real.now();
    this.#scale = checkScale(options.scale ?? 1);
  }

  now(): number {
    if (this.#scale === 0) return this.#baseVirtual;
    return Math.floor(this.#baseVirtual + (this.#real.now() - this.#baseReal) * this.#scale);
  }

  scale(): number {
    return this.#scale;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance: ms must be >= 0, got ${ms}`);
    this.#rebase();
    const target = this.#baseVirtual + ms;
    // Step through the due timers so each runs with now() at its own instant: a timer that
    // reschedules itself (a move task's next tick) then lands where it would in real time.
    for (;;) {
      const next = this.#timers[0];
      if (next === undefined || next.at > target) break;
      if (next.at > this.#baseVirtual) {
        this.#baseVirtual = next.at;
        this.#baseReal = this.#real.now();
      }
      this.#timers.shift();
      next.cancelled = true;
      next.fn();
    }
    this.#baseVirtual = target;
    this.#baseReal = this.#real.now();
    this.#rearm();
  }

  setScale(scale: number): void {
    this.#rebase();
    this.#scale = checkScale(scale);
    this.#rearm();
  }

  schedule(at: number, fn: () => void): Timer {
    const timer: PendingTimer = { at, seq: this.#seq++, fn, cancelled: false };
    const index = this.#timers.findIndex((t) => t.at > at);
    if (index === -1) this.#timers.push(timer);
    else this.#timers.splice(index, 0, timer);
    if (at <= this.now()) {
      // Due already: fire on the next tick so callers never see re-entrant callbacks.
      queueMicrotask(() => {
        this.#fireDue();
        this.#rearm();
      });
    } else if (this.#timers[0] === timer) {
      this.#rearm();
    }
    return {
      cancel: () => {
        if (timer.cancelled) return;
        timer.cancelled = true;
        const i = this.#timers.indexOf(timer);
        if (i !== -1) this.#timers.splice(i, 1);
      },
    };
  }

  /** Number of timers still waiting; exposed for inspection and leak checks in tests. */
  pendingTimers(): number {
    return this.#timers.length;
  }

  #rebase(): void {
    this.#baseVirtual = this.now();
    this.#baseReal = this.#real.now();
  }

  #fireDue(): void {
    if (this.#firing) return;
    this.#firing = true;
    try {
      // Callbacks may schedule more timers (also already due ones); loop until none is due.
      for (;;) {
        const next = this.#timers[0];
        if (next === undefined || next.at > this.now()) break;
        this.#timers.shift();
        next.cancelled = true;
        next.fn();
      }
    } finally {
      this.#firing = false;
    }
  }

  #rearm(): void {
    if (this.#armed !== undefined) {
      this.#real.clearTimeout(this.#armed);
      this.#armed = undefined;
    }
    const next = this.#timers[0];
    if (next === undefined || this.#scale === 0) return;
    const realDelay = Math.max(0, Math.ceil((next.at - this.now()) / this.#scale));
    this.#armed = this.#real.setTimeout(
      () => {
        this.#armed = undefined;
        this.#fireDue();
        this.#rearm();
      },
      Math.min(realDelay, MAX_REAL_DELAY_MS),
    );
  }
}

function checkScale(scale: number): number {
  if (!Number.isFinite(scale) || scale < 0) {
    throw new RangeError(`clock scale must be a finite number >= 0, got ${scale}`);
  }
  return scale;
}

/** A clock that only moves when told to: what domain tests use. */
export function manualClock(start = Date.UTC(2026, 0, 1)): VirtualClock {
  return new VirtualClock({ start, scale: 0 });
}

/** Real time, flowing at wall-clock speed (the default outside tests). */
export function realTimeClock(): VirtualClock {
  return new VirtualClock({ start: Date.now(), scale: 1 });
}

export class SleepAborted extends Error {
  override name = 'SleepAborted';
}

/** Resolves when `clock` reaches now + ms; rejects with SleepAborted if `signal` aborts first. */
export function sleep(clock: TimerClock, ms: number, signal?: AbortSignal): Promise<void> {
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
