// Flexible checksums: the supported algorithms, which headers carry a checksum, and refusal of
// malformed digests.
import { describe, expect, it } from 'vitest';
import {
  algorithmForHeader,
  computeChecksum,
  isWellFormedDigest,
} from '../../../../src/emulator/s3/codec/checksums.ts';

const CHECK_INPUT = Buffer.from('123456789');
const hex = (value: string) => Buffer.from(value, 'hex').toString('base64');

describe('checksums', () => {
  // The standard "check" values of each algorithm over the ASCII digits 1-9.
  it.each([
    ['CRC32', hex('cbf43926')],
    ['CRC32C', hex('e3069283')],
    ['CRC64NVME', hex('ae8b14860a799888')],
    ['SHA1', hex('f7c3bc1d808e04732adf679965ccc34ca7ae3441')],
    ['SHA256', hex('15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225')],
  ] as const)('computes the %s check value', async (algorithm, expected) => {
    expect(await computeChecksum(algorithm, CHECK_INPUT)).toBe(expected);
    expect(isWellFormedDigest(algorithm, expected)).toBe(true);
  });

  it('recognises checksum headers but not the mode/type/algorithm headers', () => {
    expect(algorithmForHeader('x-amz-checksum-crc64nvme')).toBe('CRC64NVME');
    expect(algorithmForHeader('X-Amz-Checksum-SHA256')).toBe('SHA256');
    for (const name of [
      'x-amz-checksum-mode',
      'x-amz-checksum-type',
      'x-amz-checksum-algorithm',
      'content-md5',
    ]) {
      expect(algorithmForHeader(name)).toBeUndefined();
    }
  });

  it('rejects digests of the wrong length or non-canonical base64', () => {
    expect(isWellFormedDigest('CRC32', 'AAAAAA==')).toBe(true);
    expect(isWellFormedDigest('CRC32', 'AAAAAAAA')).toBe(false);
    expect(isWellFormedDigest('CRC32', 'AAAAAA')).toBe(false);
    expect(isWellFormedDigest('CRC32', '!!!!!!==')).toBe(false);
  });
});
