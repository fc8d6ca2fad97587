// Message ids as numbers, written as UUIDs only when shown. A queue a million messages deep would
// otherwise hold a million 36-character strings; a number below 2^31 costs nothing beyond its
// field. The text is a keyed scrambling of the number into a version-4 UUID: the first group is a
// bijection of the number's low 32 bits and the fifth group's first eight digits one of its high
// bits given the low ones, so distinct numbers always give distinct ids. The keys come from the
// engine's seeded id source, so a seed reproduces the same ids and different seeds give unrelated
// ones.
import type { RandomIds } from '../../../kernel/ids.ts';

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const DASH = 0x2d;

/** MurmurHash3's 32-bit finaliser: a bijection on 32-bit words that spreads every input bit. */
function mix(word: number): number {
  let h = word >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Writes the low `count` hex digits of `word` at `at`; returns the offset after them. */
function writeHex(out: Buffer, at: number, word: number, count: number): number {
  for (let shift = (count - 1) * 4; shift >= 0; shift -= 4) {
    out[at++] = HEX_DIGITS[(word >>> shift) & 0xf]!;
  }
  return at;
}

export class MessageIdFormat {
  #keys: [number, number, number, number];
  readonly #text = Buffer.alloc(36);

  constructor(ids: RandomIds) {
    const key = (): number => Number.parseInt(ids.hex(4), 16);
    this.#keys = [key(), key(), key(), key()];
  }

  /** The scrambling keys, kept by persistence so restored messages keep their ids. */
  get keys(): readonly number[] {
    return [...this.#keys];
  }

  /** Takes back keys `keys` returned (a restored emulator, before any message exists). */
  restoreKeys(keys: readonly number[]): void {
    const [k0, k1, k2, k3] = keys;
    if (keys.length !== 4 || [k0, k1, k2, k3].some((k) => !Number.isInteger(k))) {
      throw new RangeError(`message id keys must be four integers, got ${JSON.stringify(keys)}`);
    }
    this.#keys = [k0!, k1!, k2!, k3!];
  }

  /** The UUID of message number `n` (a non-negative integer below 2^53). */
  text(n: number): string {
    const [k0, k1, k2, k3] = this.#keys;
    const low = n >>> 0;
    const high = Math.floor(n / 2 ** 32) >>> 0;
    const first = mix(low ^ k0);
    const fifth = mix((high ^ k1) + first);
    const filler = mix(first ^ fifth ^ k2);
    const tail = mix(fifth ^ filler ^ k3);
    const out = this.#text;
    let at = writeHex(out, 0, first, 8);
    out[at++] = DASH;
    at = writeHex(out, at, filler >>> 16, 4);
    out[at++] = DASH;
    // Version 4, then 12 more scrambled bits.
    at = writeHex(out, at, 0x4000 | (filler & 0xfff), 4);
    out[at++] = DASH;
    // RFC 4122 variant (10xx), then 14 more scrambled bits.
    at = writeHex(out, at, 0x8000 | (tail & 0x3fff), 4);
    out[at++] = DASH;
    at = writeHex(out, at, fifth, 8);
    writeHex(out, at, tail >>> 16, 4);
    return out.toString('latin1');
  }
}
