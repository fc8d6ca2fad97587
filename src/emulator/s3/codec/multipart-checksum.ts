// The checksum of an object assembled from parts, as S3 computes it: FULL_OBJECT checksums cover
// the whole object; COMPOSITE ones are a checksum of the parts' raw checksums, suffixed `-N`.
// Uploads created without an algorithm get S3's default full-object CRC64NVME.
import type { Part, Upload } from '../domain/multipart.ts';
import type { StoredChecksum } from '../domain/types.ts';
import {
  algorithmNamed,
  type ChecksumAlgorithm,
  computeChecksum,
  DEFAULT_ALGORITHM,
} from './checksums.ts';
import type { CompletedPart } from './multipart-xml.ts';

async function partChecksum(part: Part, algorithm: ChecksumAlgorithm): Promise<string> {
  if (part.checksum?.algorithm === algorithm) return part.checksum.value;
  return computeChecksum(algorithm, part.body);
}

/** Listed part checksums must match what was uploaded; returns the index of a mismatch, or -1. */
export function mismatchedPart(parts: readonly Part[], listed: readonly CompletedPart[]): number {
  return listed.findIndex((entry, index) => {
    const part = parts[index];
    return Object.entries(entry.checksums).some(
      ([algorithm, value]) =>
        part?.checksum?.algorithm === algorithm && part.checksum.value !== value,
    );
  });
}

export async function assembledChecksum(
  upload: Upload,
  parts: readonly Part[],
): Promise<StoredChecksum> {
  const requested = upload.checksum ? algorithmNamed(upload.checksum.algorithm) : undefined;
  if (requested === undefined || upload.checksum?.type !== 'COMPOSITE') {
    const algorithm = requested ?? DEFAULT_ALGORITHM;
    const whole = Buffer.concat(parts.map((part) => part.body));
    return { algorithm, value: await computeChecksum(algorithm, whole), type: 'FULL_OBJECT' };
  }
  const digests: Buffer[] = [];
  for (const part of parts) {
    digests.push(Buffer.from(await partChecksum(part, requested), 'base64'));
  }
  const combined = await computeChecksum(requested, Buffer.concat(digests));
  return { algorithm: requested, value: `${combined}-${parts.length}`, type: 'COMPOSITE' };
}
