// Randomness shared by the emulator, the back end and the fake AI: one seedable PRNG type (the
// same seed gives the same sequence, which makes recorded exchanges, fault draws and fake-AI
// behaviour reproducible), a string-to-seed mix, and a pooled cryptographic source for ids.

/** A PRNG returning floats in [0, 1). */
export type Random = () => number;

/** sfc32 seeded through splitmix32: small, fast and good enough for ids and fault draws. */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4_294_967_296;
  };
}

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

/** Mixes a string into a 32-bit seed (FNV-1a), so draws can depend on an id, not arrival order. */
export function hashSeed(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
