// Seeded ids: the same seed gives the same sequence; ids have the documented shapes.
import { describe, expect, it } from 'vitest';
import { randomIds } from '../../src/kernel/ids.ts';
import { seededRandom } from '../../src/kernel/random.ts';

describe('seeded ids', () => {
  it('repeats with the same seed and differs with another', () => {
    const a = randomIds(seededRandom(42));
    const b = randomIds(seededRandom(42));
    const c = randomIds(seededRandom(43));
    const first = [a.uuid(), a.uuid(), a.hex(8)];
    expect([b.uuid(), b.uuid(), b.hex(8)]).toEqual(first);
    expect(c.uuid()).not.toBe(first[0]);
  });

  it('produces version-4 shaped UUIDs and floats in [0, 1)', () => {
    const ids = randomIds(seededRandom(1));
    for (let i = 0; i < 100; i++) {
      expect(ids.uuid()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
    const random = seededRandom(9);
    for (let i = 0; i < 1000; i++) {
      const x = random();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});

describe('id text', () => {
  it('keeps the values a seed has always given', () => {
    // Pinned so a seed reproduces recorded exchanges across emulator versions.
    const ids = randomIds(seededRandom(42));
    expect(ids.uuid()).toBe('e95dc8e2-7557-4783-928c-96a73d951732');
    expect(ids.hex(16)).toBe('72d5d9ed76fd38b85afb6cfcdc4d85cb');
    expect(ids.uuid()).toBe('0fcd4637-4495-4509-baee-5f49dafdc723');
  });
});
