// Object operations: PutObject, GetObject (with Range), HeadObject, DeleteObject, CopyObject.
import type { EmulatorRequest, EmulatorResponse } from '../../http/types.ts';
import { algorithmNamed, checksumHeaderName } from '../codec/checksums.ts';
import { evaluateConditions } from '../codec/conditions.ts';
import { decodeCopySource, encodeCopyResult } from '../codec/copy-source.ts';
import {
  headerValue,
  httpDate,
  objectHeadersFrom,
  objectResponseHeaders,
  userMetadataFrom,
} from '../codec/headers.ts';
import { decodePayload } from '../codec/payload.ts';
import { S3ProtocolError } from '../codec/protocol-error.ts';
import { parseRange } from '../codec/range.ts';
import type { StoredObject } from '../domain/types.ts';
import type { ObjectHandler } from './context.ts';
import { xmlResponse } from './context.ts';

function checksumHeaders(object: StoredObject): Record<string, string> {
  const algorithm = object.checksum ? algorithmNamed(object.checksum.algorithm) : undefined;
  if (object.checksum === undefined || algorithm === undefined) return {};
  return {
    [checksumHeaderName(algorithm)]: object.checksum.value,
    'x-amz-checksum-type': 'FULL_OBJECT',
  };
}

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
    Object.assign(headers, checksumHeaders(object));
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

export const deleteObject: ObjectHandler = async (_request, { bucket, key }, context) => {
  context.store.deleteObject(bucket, key);
  return { status: 204 };
};

function writeResponse(object: StoredObject, checksumDeclared: boolean): EmulatorResponse {
  return {
    status: 200,
    headers: { etag: object.etag, ...(checksumDeclared ? checksumHeaders(object) : {}) },
  };
}

export const putObject: ObjectHandler = async (request, { bucket, key }, context) => {
  context.store.headBucket(bucket);
  const headers = objectHeadersFrom(request.headers);
  const metadata = userMetadataFrom(request.headers);
  const { data, checksum, declared } = await decodePayload(request.headers, request.body);
  if (headerValue(request.headers, 'if-none-match') === '*') {
    // Conditional write: refuse to overwrite an existing key.
    if (context.store.findObject(bucket, key) !== undefined) {
      throw new S3ProtocolError('PreconditionFailed', undefined, { Condition: 'If-None-Match' });
    }
  }
  const object = context.store.putObject(bucket, key, { body: data, headers, metadata, checksum });
  return writeResponse(object, declared);
};

export const copyObject: ObjectHandler = async (request, target, context) => {
  const source = decodeCopySource(headerValue(request.headers, 'x-amz-copy-source') ?? '');
  const directive = (
    headerValue(request.headers, 'x-amz-metadata-directive') ?? 'COPY'
  ).toUpperCase();
  if (directive !== 'COPY' && directive !== 'REPLACE') {
    throw new S3ProtocolError('InvalidArgument', 'Unknown metadata directive.', {
      ArgumentName: 'x-amz-metadata-directive',
      ArgumentValue: directive.slice(0, 64),
    });
  }
  if (directive === 'COPY' && source.bucket === target.bucket && source.key === target.key) {
    throw new S3ProtocolError(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  context.store.headBucket(target.bucket);
  const replace =
    directive === 'REPLACE'
      ? { headers: objectHeadersFrom(request.headers), metadata: userMetadataFrom(request.headers) }
      : undefined;
  const object = context.store.copyObject(source, target, replace);
  return xmlResponse(encodeCopyResult(object));
};
