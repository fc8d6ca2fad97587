// Reading objects: GetObject (whole, or one byte range) and HeadObject, with conditional
// headers, `response-*` overrides and the stored checksum on request.
import type { EmulatorRequest, EmulatorResponse } from '../../http/types.ts';
import { evaluateConditions } from '../codec/conditions.ts';
import {
  checksumResponseHeaders,
  headerValue,
  httpDate,
  objectResponseHeaders,
} from '../codec/headers.ts';
import { parseRange } from '../codec/range.ts';
import type { StoredObject } from '../domain/types.ts';
import type { ObjectHandler } from './context.ts';

/** GET's `response-*` query parameters override the stored headers for this answer only. */
const RESPONSE_OVERRIDES = [
  'content-type',
  'content-language',
  'expires',
  'cache-control',
  'content-disposition',
  'content-encoding',
];

function readObject(
  request: EmulatorRequest,
  object: StoredObject,
  withBody: boolean,
): EmulatorResponse {
  const headers = objectResponseHeaders(object);
  if (evaluateConditions(request.headers, object) === 'not-modified') {
    return {
      status: 304,
      headers: { etag: object.etag, 'last-modified': httpDate(object.lastModified) },
    };
  }
  for (const name of RESPONSE_OVERRIDES) {
    const value = request.query.get(`response-${name}`);
    if (value !== null) headers[name] = value;
  }
  const size = object.body.length;
  const range = parseRange(headerValue(request.headers, 'range'), size);
  if (range !== undefined) {
    headers['content-range'] = `bytes ${range.start}-${range.end}/${size}`;
    headers['content-length'] = String(range.end - range.start + 1);
    const body = object.body.subarray(range.start, range.end + 1);
    return { status: 206, headers, body: withBody ? body : undefined };
  }
  // A checksum describes the whole object, so it is only returned with the whole object.
  if (headerValue(request.headers, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED') {
    Object.assign(headers, checksumResponseHeaders(object));
  }
  headers['content-length'] = String(size);
  return { status: 200, headers, body: withBody ? object.body : undefined };
}

export const getObject: ObjectHandler = async (request, { bucket, key }, context) => {
  return readObject(request, context.store.getObject(bucket, key), true);
};

export const headObject: ObjectHandler = async (request, { bucket, key }, context) => {
  return readObject(request, context.store.getObject(bucket, key), false);
};
