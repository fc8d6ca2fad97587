// Wall-clock time as the back end reads it. Domain code receives a Clock as an argument so tests
// can move time; only the composition root (src/app/) picks the system clock. A clock that can
// also call back at a later instant (the emulator's, the fake AI's) is in virtual-clock.ts.

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  #now: number;
  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  advance(ms: number): void {
    this.#now += ms;
  }
  set(ms: number): void {
    this.#now = ms;
  }
}
