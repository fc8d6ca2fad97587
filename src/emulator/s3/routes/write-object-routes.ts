// Writing objects: PutObject (verified payload, conditional create) and DeleteObject.
import {
  checksumResponseHeaders,
  headerValue,
  objectHeadersFrom,
  userMetadataFrom,
} from '../codec/headers.ts';
import { decodePayload } from '../codec/payload.ts';
import { S3ProtocolError } from '../codec/protocol-error.ts';
import type { ObjectHandler } from './context.ts';

export const putObject: ObjectHandler = async (request, { bucket, key }, context) => {
  context.store.headBucket(bucket);
  const headers = objectHeadersFrom(request.headers);
  const metadata = userMetadataFrom(request.headers);
  const { data, checksum } = await decodePayload(request.headers, request.body);
  if (headerValue(request.headers, 'if-none-match') === '*') {
    // Conditional write: refuse to overwrite an existing key.
    if (context.store.findObject(bucket, key) !== undefined) {
      throw new S3ProtocolError('PreconditionFailed', undefined, { Condition: 'If-None-Match' });
    }
  }
  const object = context.store.putObject(bucket, key, { body: data, headers, metadata, checksum });
  // S3 answers with the object's checksum, computed (CRC64NVME) when the client sent none.
  return { status: 200, headers: { etag: object.etag, ...checksumResponseHeaders(object) } };
};

export const deleteObject: ObjectHandler = async (_request, { bucket, key }, context) => {
  context.store.deleteObject(bucket, key);
  return { status: 204 };
};
