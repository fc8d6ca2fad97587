// Time and identity sources. Domain code receives these as arguments so tests can move time and
// pin ids; only the composition root (start.ts, test setup) picks the system implementations.
import { monotonicFactory } from 'ulid';

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

export type IdSource = () => string;

/** ULIDs that sort by creation time even within one millisecond of the given clock. */
export function ulidSource(clock: Clock): IdSource {
  const next = monotonicFactory();
  return () => next(clock.now());
}
