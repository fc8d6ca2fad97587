// Range header parsing: the single byte ranges served as 206, the rest ignored or refused.
import { describe, expect, it } from 'vitest';
import { S3ProtocolError } from '../../../../src/emulator/s3/codec/protocol-error.ts';
import { parseRange } from '../../../../src/emulator/s3/codec/range.ts';

describe('parseRange', () => {
  it.each([
    ['bytes=0-0', 10, { start: 0, end: 0 }],
    ['bytes=3-', 10, { start: 3, end: 9 }],
    ['bytes=-4', 10, { start: 6, end: 9 }],
    ['bytes=2-999999999999999999999', 10, { start: 2, end: 9 }],
    [' bytes=1-2 ', 10, { start: 1, end: 2 }],
  ])('reads %j of a %i-byte object', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it.each([
    undefined,
    'bytes=',
    'bytes=-',
    'bytes=4-2',
    'bytes=a-b',
    'bytes=0-1,2-3',
    'octets=0-1',
  ])('ignores %j', (header) => {
    expect(parseRange(header, 10)).toBeUndefined();
  });

  it.each([
    ['bytes=10-', 10],
    ['bytes=99999999999999999999-', 10],
    ['bytes=-0', 10],
    ['bytes=0-', 0],
    ['bytes=-5', 0],
  ])('refuses %j of a %i-byte object with InvalidRange', (header, size) => {
    expect(() => parseRange(header, size)).toThrow(S3ProtocolError);
    try {
      parseRange(header, size);
    } catch (error) {
      expect((error as S3ProtocolError).code).toBe('InvalidRange');
      expect((error as S3ProtocolError).fields.ActualObjectSize).toBe(String(size));
    }
  });
});
