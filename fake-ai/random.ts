// Seeded randomness for the fake AI: the emulator's PRNG (same seed, same sequence), plus a way to
// derive a seed from a string, so each task's draws depend on its id and not on arrival order.
export { type Random, seededRandom } from '../src/emulator/random.ts';

/** Mixes a string into a 32-bit seed (FNV-1a). */
export function hashSeed(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
