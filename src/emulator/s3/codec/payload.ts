// Object upload payloads: strips aws-chunked framing, checks the declared lengths and a signed
// x-amz-content-sha256, then has integrity.ts verify the checksums before anything is stored.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { StoredChecksum } from '../domain/types.ts';
import { decodeAwsChunked } from './aws-chunked.ts';
import type { ChecksumAlgorithm } from './checksums.ts';
import { headerValue } from './headers.ts';
import { verifyIntegrity } from './integrity.ts';
import { S3ProtocolError } from './protocol-error.ts';

/** The largest object a single PUT may upload on S3 (5 GiB). */
export const MAX_SINGLE_PUT_BYTES = 5 * 1024 ** 3;

export interface DecodedPayload {
  data: Buffer;
  checksum: StoredChecksum;
}

function declaredLength(headers: IncomingHttpHeaders, name: string): number | undefined {
  const text = headerValue(headers, name);
  if (text === undefined) return undefined;
  if (!/^\d{1,20}$/.test(text.trim())) {
    throw new S3ProtocolError('InvalidArgument', `${name} must be a non-negative integer.`, {
      ArgumentName: name,
      ArgumentValue: text.slice(0, 64),
    });
  }
  const length = Number(text);
  if (length > MAX_SINGLE_PUT_BYTES) {
    throw new S3ProtocolError('EntityTooLarge', undefined, {
      ProposedSize: text.trim(),
      MaxSizeAllowed: String(MAX_SINGLE_PUT_BYTES),
    });
  }
  return length;
}

function isChunked(headers: IncomingHttpHeaders): boolean {
  const encoding = headerValue(headers, 'content-encoding') ?? '';
  const contentSha = headerValue(headers, 'x-amz-content-sha256') ?? '';
  return (
    encoding.split(',').some((token) => token.trim().toLowerCase() === 'aws-chunked') ||
    contentSha.startsWith('STREAMING-')
  );
}

/** Removes transfer framing; returns the bytes the client meant and any trailer fields. */
function unframe(
  headers: IncomingHttpHeaders,
  body: Buffer,
): { data: Buffer; trailers: Map<string, string> } {
  declaredLength(headers, 'content-length');
  if (!isChunked(headers)) {
    const contentSha = headerValue(headers, 'x-amz-content-sha256');
    if (contentSha !== undefined && /^[0-9a-fA-F]{64}$/.test(contentSha)) {
      const computed = createHash('sha256').update(body).digest('hex');
      if (computed !== contentSha.toLowerCase()) {
        throw new S3ProtocolError('XAmzContentSHA256Mismatch', undefined, {
          ClientComputedContentSHA256: contentSha,
          S3ComputedContentSHA256: computed,
        });
      }
    }
    return { data: body, trailers: new Map() };
  }
  const decodedLength = declaredLength(headers, 'x-amz-decoded-content-length');
  const decoded = decodeAwsChunked(body);
  if (decodedLength !== undefined && decoded.data.length !== decodedLength) {
    throw new S3ProtocolError(
      'IncompleteBody',
      `The chunks carried ${decoded.data.length} bytes but x-amz-decoded-content-length declared ${decodedLength}.`,
    );
  }
  return decoded;
}

/**
 * Decodes and verifies an object or part upload body (PutObject, UploadPart). Without a declared
 * checksum, one is computed with the requested algorithm, else `fallback`.
 */
export async function decodePayload(
  headers: IncomingHttpHeaders,
  body: Buffer,
  fallback?: ChecksumAlgorithm,
): Promise<DecodedPayload> {
  const { data, trailers } = unframe(headers, body);
  const checksum = await verifyIntegrity(headers, data, trailers, fallback);
  return { data, checksum };
}
