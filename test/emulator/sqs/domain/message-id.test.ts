// Message ids kept as numbers: their text is a version-4 UUID, distinct numbers never share one
// (also across the 2^32 boundary), a seed reproduces the same texts and another seed does not.
import { describe, expect, it } from 'vitest';
import { MessageIdFormat } from '../../../../src/emulator/sqs/domain/message-id.ts';
import { randomIds } from '../../../../src/kernel/ids.ts';
import { seededRandom } from '../../../../src/kernel/random.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const format = (seed: number) => new MessageIdFormat(randomIds(seededRandom(seed)));

describe('message id format', () => {
  it('writes version-4 UUIDs, distinct for distinct numbers', () => {
    const ids = format(1);
    const numbers = [
      ...Array.from({ length: 50_000 }, (_, i) => i),
      // Same low 32 bits, different high bits: told apart by the fifth group.
      2 ** 32,
      2 ** 32 + 1,
      2 ** 40 + 7,
      Number.MAX_SAFE_INTEGER,
    ];
    const texts = numbers.map((n) => ids.text(n));
    for (const text of texts) expect(text).toMatch(UUID_V4);
    expect(new Set(texts).size).toBe(numbers.length);
  });

  it('gives the same text for a number every time, and follows the seed', () => {
    const a = format(42);
    expect(a.text(7)).toBe(a.text(7));
    expect(format(42).text(7)).toBe(a.text(7));
    expect(format(43).text(7)).not.toBe(a.text(7));
  });
});
