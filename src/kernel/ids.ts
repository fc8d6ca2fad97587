// Id sources. `IdSource` hands out the back end's ids (ULIDs: sortable by creation time);
// `RandomIds` hands out the emulator's (UUIDs and hex nonces from a seedable PRNG, so two seeded
// runs hand out the same message ids, receipt-handle nonces and request ids in the same order).
import { monotonicFactory } from 'ulid';
import type { Clock } from './clock.ts';
import { pooledRandom, type Random } from './random.ts';

export type IdSource = () => string;

/** ULIDs that sort by creation time even within one millisecond of the given clock. */
export function ulidSource(clock: Clock): IdSource {
  const next = monotonicFactory(pooledRandom());
  return () => next(clock.now());
}

export interface RandomIds {
  /** RFC 4122 version-4 shaped UUID. */
  uuid(): string;
  /** `bytes` random bytes as lowercase hex. */
  hex(bytes: number): string;
}

// Ids are written as bytes and decoded once, so each is one flat string: built by concatenation
// they would be chains of string pieces, several times the size and slower to make.
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const DASH = 0x2d;

export function randomIds(random: Random): RandomIds {
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
