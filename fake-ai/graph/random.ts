// Seeded pseudo-random numbers for the fake AI: the same seed always gives the same sequence, so
// clustering and behaviour profiles are repeatable. (mulberry32: tiny, fast, good enough for
// picking centroids and drawing latencies; not for anything security-related.)

export type Random = () => number;

/** A generator of floats in [0, 1) fully determined by `seed` (any integer). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a string into a 32-bit seed (FNV-1a), so per-task randomness can derive from a task id. */
export function hashSeed(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
