// The flexible checksum algorithms S3 accepts (`x-amz-checksum-*`), computed over stored bytes.
// CRC32, SHA-1 and SHA-256 come from Node; CRC32C and CRC64NVME from the AWS SDK's own package,
// so the emulator agrees bit-for-bit with what the SDK computes and validates.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { Crc32c, Crc64Nvme } from '@aws-sdk/checksums/crc';

export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export const DIGEST_BYTES: Record<ChecksumAlgorithm, number> = {
  CRC32: 4,
  CRC32C: 4,
  CRC64NVME: 8,
  SHA1: 20,
  SHA256: 32,
};

/** What S3 computes for objects uploaded without any checksum. */
export const DEFAULT_ALGORITHM: ChecksumAlgorithm = 'CRC64NVME';

export function checksumHeaderName(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

export function algorithmNamed(name: string): ChecksumAlgorithm | undefined {
  const upper = name.toUpperCase();
  return CHECKSUM_ALGORITHMS.find((algorithm) => algorithm === upper);
}

/** The algorithm a header such as `x-amz-checksum-crc32` carries, if it is a checksum header. */
export function algorithmForHeader(header: string): ChecksumAlgorithm | undefined {
  const prefix = 'x-amz-checksum-';
  if (!header.toLowerCase().startsWith(prefix)) return undefined;
  return algorithmNamed(header.slice(prefix.length));
}

export async function computeChecksum(algorithm: ChecksumAlgorithm, data: Buffer): Promise<string> {
  switch (algorithm) {
    case 'CRC32': {
      const digest = Buffer.alloc(4);
      digest.writeUInt32BE(crc32(data));
      return digest.toString('base64');
    }
    case 'CRC32C':
    case 'CRC64NVME': {
      const hasher = algorithm === 'CRC32C' ? new Crc32c() : new Crc64Nvme();
      hasher.update(data);
      return Buffer.from(await hasher.digest()).toString('base64');
    }
    case 'SHA1':
      return createHash('sha1').update(data).digest('base64');
    case 'SHA256':
      return createHash('sha256').update(data).digest('base64');
  }
}

/** True when `value` is canonical base64 of exactly the algorithm's digest length. */
export function isWellFormedDigest(algorithm: ChecksumAlgorithm, value: string): boolean {
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === DIGEST_BYTES[algorithm] && bytes.toString('base64') === value;
}
