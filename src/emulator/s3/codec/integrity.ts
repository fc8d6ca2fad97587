// Integrity headers of a request body: the flexible checksum (`x-amz-checksum-*`, as a header or
// an aws-chunked trailer) and Content-MD5, verified against the bytes before anything is stored.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { StoredChecksum } from '../domain/types.ts';
import {
  algorithmForHeader,
  algorithmNamed,
  CHECKSUM_ALGORITHMS,
  type ChecksumAlgorithm,
  computeChecksum,
  DEFAULT_ALGORITHM,
  isWellFormedDigest,
} from './checksums.ts';
import { headerValue } from './headers.ts';
import { S3ProtocolError } from './protocol-error.ts';

interface DeclaredChecksum {
  algorithm: ChecksumAlgorithm;
  value: string;
  source: 'header' | 'trailer';
}

function declaredChecksums(
  headers: IncomingHttpHeaders,
  trailers: Map<string, string>,
): DeclaredChecksum[] {
  const declared: DeclaredChecksum[] = [];
  for (const name of Object.keys(headers)) {
    const algorithm = algorithmForHeader(name);
    const value = headerValue(headers, name);
    if (algorithm !== undefined && value !== undefined) {
      declared.push({ algorithm, value: value.trim(), source: 'header' });
    }
  }
  const trailerNames = (headerValue(headers, 'x-amz-trailer') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  for (const name of trailerNames) {
    const algorithm = algorithmForHeader(name);
    if (algorithm === undefined) {
      throw new S3ProtocolError('InvalidRequest', `The trailer ${name} is not supported.`);
    }
    const value = trailers.get(name);
    if (value === undefined) {
      throw new S3ProtocolError(
        'InvalidRequest',
        `x-amz-trailer declared ${name} but the request body carried no such trailer.`,
      );
    }
    declared.push({ algorithm, value, source: 'trailer' });
  }
  if (declared.length > 1) {
    throw new S3ProtocolError(
      'InvalidRequest',
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    );
  }
  return declared;
}

function requestedAlgorithm(headers: IncomingHttpHeaders): ChecksumAlgorithm | undefined {
  const name = headerValue(headers, 'x-amz-sdk-checksum-algorithm');
  if (name === undefined) return undefined;
  const algorithm = algorithmNamed(name.trim());
  if (algorithm === undefined) {
    throw new S3ProtocolError(
      'InvalidRequest',
      `Checksum algorithm provided is unsupported. Please try again with any of the valid types: [${CHECKSUM_ALGORITHMS.join(', ')}]`,
    );
  }
  return algorithm;
}

/** Verifies Content-MD5 when present (InvalidDigest when unreadable, BadDigest when different). */
export function verifyContentMd5(headers: IncomingHttpHeaders, data: Buffer): boolean {
  const md5 = headerValue(headers, 'content-md5');
  if (md5 === undefined) return false;
  const digest = Buffer.from(md5.trim(), 'base64');
  if (digest.length !== 16 || digest.toString('base64') !== md5.trim()) {
    throw new S3ProtocolError('InvalidDigest');
  }
  if (!digest.equals(createHash('md5').update(data).digest())) {
    throw new S3ProtocolError('BadDigest');
  }
  return true;
}

/**
 * Verifies the flexible checksum and Content-MD5 a request declares for `data`. Returns the
 * checksum to store: the declared one, or one computed with the requested (else `fallback`)
 * algorithm.
 */
export async function verifyIntegrity(
  headers: IncomingHttpHeaders,
  data: Buffer,
  trailers: Map<string, string> = new Map(),
  fallback: ChecksumAlgorithm = DEFAULT_ALGORITHM,
): Promise<StoredChecksum> {
  const requested = requestedAlgorithm(headers);
  const [declared] = declaredChecksums(headers, trailers);
  verifyContentMd5(headers, data);
  if (declared === undefined) {
    const algorithm = requested ?? fallback;
    return { algorithm, value: await computeChecksum(algorithm, data) };
  }
  const where = declared.source === 'header' ? 'header' : 'trailing header';
  const headerName = `x-amz-checksum-${declared.algorithm.toLowerCase()}`;
  if (requested !== undefined && requested !== declared.algorithm) {
    throw new S3ProtocolError(
      'InvalidRequest',
      `Value for x-amz-sdk-checksum-algorithm header is invalid: it names ${requested} but the request carries ${headerName}.`,
    );
  }
  if (!isWellFormedDigest(declared.algorithm, declared.value)) {
    throw new S3ProtocolError('InvalidRequest', `Value for ${headerName} ${where} is invalid.`);
  }
  const computed = await computeChecksum(declared.algorithm, data);
  if (computed !== declared.value) {
    throw new S3ProtocolError(
      'BadDigest',
      `The ${declared.algorithm} you specified did not match the calculated checksum.`,
    );
  }
  return { algorithm: declared.algorithm, value: computed };
}
