// Conditional GET/HEAD headers (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since),
// evaluated in the order RFC 9110 gives them, as S3 does.
import type { IncomingHttpHeaders } from 'node:http';
import type { StoredObject } from '../domain/types.ts';
import { headerValue } from './headers.ts';
import { S3ProtocolError } from './protocol-error.ts';

function etagListMatches(list: string, etag: string): boolean {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .some((entry) => entry === '*' || entry === etag || `"${entry}"` === etag);
}

function parseDate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** 'not-modified' when the client's copy is current; throws PreconditionFailed when a guard fails. */
export function evaluateConditions(
  headers: IncomingHttpHeaders,
  object: StoredObject,
): 'proceed' | 'not-modified' {
  const ifMatch = headerValue(headers, 'if-match');
  const ifNoneMatch = headerValue(headers, 'if-none-match');
  const ifUnmodifiedSince = parseDate(headerValue(headers, 'if-unmodified-since'));
  const ifModifiedSince = parseDate(headerValue(headers, 'if-modified-since'));
  const failed = (condition: string) =>
    new S3ProtocolError('PreconditionFailed', undefined, { Condition: condition });
  if (ifMatch !== undefined) {
    if (!etagListMatches(ifMatch, object.etag)) throw failed('If-Match');
  } else if (ifUnmodifiedSince !== undefined && object.lastModified > ifUnmodifiedSince) {
    throw failed('If-Unmodified-Since');
  }
  if (ifNoneMatch !== undefined) {
    if (etagListMatches(ifNoneMatch, object.etag)) return 'not-modified';
  } else if (ifModifiedSince !== undefined && object.lastModified <= ifModifiedSince) {
    return 'not-modified';
  }
  return 'proceed';
}
