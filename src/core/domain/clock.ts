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

/**
 * Cryptographic random numbers in [0, 1) drawn from a pool refilled 4 KiB at a time. ulid asks
 * for one random byte per character, and by default makes one getRandomValues call for each.
 */
export function pooledRandom(bytes = 4096): () => number {
  const pool = new Uint8Array(bytes);
  let next = pool.length;
  return () => {
    if (next === pool.length) {
      crypto.getRandomValues(pool);
      next = 0;
    }
    return (pool[next++] as number) / 256;
  };
}

/** ULIDs that sort by creation time even within one millisecond of the given clock. */
export function ulidSource(clock: Clock): IdSource {
  const next = monotonicFactory(pooledRandom());
  return () => next(clock.now());
}
