// Seedable randomness for the emulator: one PRNG type, and the id source built on it (message
// ids, receipt-handle nonces, request ids). With a seed, two runs hand out the same ids in the
// same order, which makes recorded exchanges and fault-rule draws reproducible.

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

export interface IdSource {
  /** RFC 4122 version-4 shaped UUID. */
  uuid(): string;
  /** `bytes` random bytes as lowercase hex. */
  hex(bytes: number): string;
}

// Ids are written as bytes and decoded once, so each is one flat string: built by concatenation
// they would be chains of string pieces, several times the size and slower to make.
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const DASH = 0x2d;

export function idSource(random: Random): IdSource {
  const byte = (): number => Math.floor(random() * 256);
  const text = Buffer.alloc(36);
  return {
    hex: (bytes) => {
      const raw = Buffer.alloc(bytes);
      for (let i = 0; i < bytes; i++) raw[i] = byte();
      return raw.toString('hex');
    },
    uuid: () => {
      let at = 0;
      for (let i = 0; i < 16; i++) {
        if (i === 4 || i === 6 || i === 8 || i === 10) text[at++] = DASH;
        const b = byte();
        // Byte 6 carries the version (4), byte 8 the RFC 4122 variant (10xx).
        const high = i === 6 ? 4 : i === 8 ? ((b >> 4) & 0x3) | 0x8 : b >> 4;
        text[at++] = HEX_DIGITS[high]!;
        text[at++] = HEX_DIGITS[b & 0xf]!;
      }
      return text.toString('latin1');
    },
  };
}
