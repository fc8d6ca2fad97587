import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/kernel/clock.ts';
import { ulidSource } from '../../src/kernel/ids.ts';
import { pooledRandom } from '../../src/kernel/random.ts';

describe('pooled random numbers', () => {
  it('stays in [0, 1) in steps of 1/256 across pool refills', () => {
    const random = pooledRandom(8);
    const draws = Array.from({ length: 100 }, random);
    for (const x of draws) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      expect(Number.isInteger(x * 256)).toBe(true);
    }
    // 100 draws from a pool of 8 forced a dozen refills; they are not one pool repeated.
    expect(new Set(draws.map((x) => x * 256)).size).toBeGreaterThan(8);
  });
});

describe('ULID source', () => {
  it('gives distinct ids that sort by creation, within and across milliseconds', () => {
    const clock = new ManualClock();
    const ids = ulidSource(clock);
    const made: string[] = [];
    for (let i = 0; i < 50; i++) {
      made.push(ids());
      if (i % 10 === 9) clock.advance(1);
    }
    expect(new Set(made).size).toBe(50);
    expect([...made].sort()).toEqual(made);
    for (const id of made) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('draws different randomness for two sources at the same instant', () => {
    const clock = new ManualClock();
    expect(ulidSource(clock)()).not.toBe(ulidSource(clock)());
  });
});
