// DeleteObjects (POST /{bucket}?delete): one integrity-checked XML document, a result per key.
import { algorithmForHeader } from '../codec/checksums.ts';
import {
  type DeleteOutcome,
  decodeDeleteObjects,
  encodeDeleteResult,
} from '../codec/delete-objects.ts';
import { toWireError } from '../codec/error-response.ts';
import { verifyIntegrity } from '../codec/integrity.ts';
import { S3ProtocolError } from '../codec/protocol-error.ts';
import type { BucketHandler } from './context.ts';
import { xmlResponse } from './context.ts';

export const deleteObjects: BucketHandler = async (request, bucket, context) => {
  context.store.headBucket(bucket);
  const hasIntegrityHeader =
    request.headers['content-md5'] !== undefined ||
    Object.keys(request.headers).some((name) => algorithmForHeader(name) !== undefined);
  if (!hasIntegrityHeader) {
    // S3 requires an integrity check on this request so a corrupted body cannot delete other keys.
    throw new S3ProtocolError(
      'InvalidRequest',
      'Missing required header for this request: Content-MD5',
    );
  }
  await verifyIntegrity(request.headers, request.body);
  const { quiet, keys } = decodeDeleteObjects(request.body);
  const outcomes = keys.map((key): DeleteOutcome => {
    try {
      context.store.deleteObject(bucket, key);
      return { key, deleted: true };
    } catch (error) {
      const wire = toWireError(error);
      return { key, deleted: false, code: wire.code, message: wire.message };
    }
  });
  return xmlResponse(encodeDeleteResult(outcomes, quiet));
};
