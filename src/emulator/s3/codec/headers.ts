// Object headers on the wire: reading entity headers and `x-amz-meta-*` user metadata from a
// request, and writing the stored ones back on GET/HEAD.
import type { IncomingHttpHeaders } from 'node:http';
import type { ObjectHeaders, StoredObject } from '../domain/types.ts';
import { algorithmNamed, checksumHeaderName } from './checksums.ts';
import { S3ProtocolError } from './protocol-error.ts';

const META_PREFIX = 'x-amz-meta-';
/** S3 limits user-defined metadata (names plus values, as UTF-8) to 2 KB per object. */
export const MAX_USER_METADATA_BYTES = 2048;
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

/** A header's value; repeated headers (which Node gives as arrays for a few names) use the first. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Entity headers to store, without the `aws-chunked` transfer coding the SDK adds. */
export function objectHeadersFrom(headers: IncomingHttpHeaders): ObjectHeaders {
  const result: ObjectHeaders = {
    contentType: headerValue(headers, 'content-type') ?? DEFAULT_CONTENT_TYPE,
  };
  const encoding = (headerValue(headers, 'content-encoding') ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '' && token.toLowerCase() !== 'aws-chunked')
    .join(',');
  if (encoding !== '') result.contentEncoding = encoding;
  const disposition = headerValue(headers, 'content-disposition');
  if (disposition !== undefined) result.contentDisposition = disposition;
  const language = headerValue(headers, 'content-language');
  if (language !== undefined) result.contentLanguage = language;
  const cacheControl = headerValue(headers, 'cache-control');
  if (cacheControl !== undefined) result.cacheControl = cacheControl;
  const expires = headerValue(headers, 'expires');
  if (expires !== undefined) result.expires = expires;
  return result;
}

export function userMetadataFrom(headers: IncomingHttpHeaders): Record<string, string> {
  // No prototype: a client may name its metadata `__proto__` and must get it back.
  const metadata: Record<string, string> = Object.create(null);
  let bytes = 0;
  for (const [name, raw] of Object.entries(headers)) {
    if (!name.startsWith(META_PREFIX) || raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(',') : raw;
    const shortName = name.slice(META_PREFIX.length);
    metadata[shortName] = value;
    bytes += Buffer.byteLength(shortName, 'utf8') + Buffer.byteLength(value, 'utf8');
  }
  if (bytes > MAX_USER_METADATA_BYTES) {
    throw new S3ProtocolError('MetadataTooLarge', undefined, {
      Size: String(bytes),
      MaxSizeAllowed: String(MAX_USER_METADATA_BYTES),
    });
  }
  return metadata;
}

export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** Headers GET and HEAD answer with for a stored object (not counting range or checksum ones). */
export function objectResponseHeaders(object: StoredObject): Record<string, string> {
  const headers: Record<string, string> = {
    etag: object.etag,
    'last-modified': httpDate(object.lastModified),
    'content-type': object.headers.contentType,
    'accept-ranges': 'bytes',
  };
  const optional: [string, string | undefined][] = [
    ['content-encoding', object.headers.contentEncoding],
    ['content-disposition', object.headers.contentDisposition],
    ['content-language', object.headers.contentLanguage],
    ['cache-control', object.headers.cacheControl],
    ['expires', object.headers.expires],
  ];
  for (const [name, value] of optional) if (value !== undefined) headers[name] = value;
  for (const [name, value] of Object.entries(object.metadata)) headers[META_PREFIX + name] = value;
  return headers;
}

/** The stored full-object checksum as S3 returns it (`x-amz-checksum-<alg>` and its type). */
export function checksumResponseHeaders(
  object: Pick<StoredObject, 'checksum'>,
): Record<string, string> {
  const algorithm = object.checksum ? algorithmNamed(object.checksum.algorithm) : undefined;
  if (object.checksum === undefined || algorithm === undefined) return {};
  return {
    [checksumHeaderName(algorithm)]: object.checksum.value,
    'x-amz-checksum-type': object.checksum.type ?? 'FULL_OBJECT',
  };
}
