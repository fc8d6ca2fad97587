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

export function idSource(random: Random): IdSource {
  const hex = (bytes: number): string => {
    let out = '';
    for (let i = 0; i < bytes; i++) {
      out += Math.floor(random() * 256)
        .toString(16)
        .padStart(2, '0');
    }
    return out;
  };
  return {
    hex,
    uuid: () => {
      const h = hex(16);
      const variant = ((Number.parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}
