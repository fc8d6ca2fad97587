// Routes a decoded S3 REST request to its handler by method, bucket/key and query.
import type { EmulatorRequest, EmulatorResponse } from '../../http/types.ts';
import { headerValue } from '../codec/headers.ts';
import { S3ProtocolError } from '../codec/protocol-error.ts';
import { parseTarget } from '../codec/request-path.ts';
import {
  createBucket,
  deleteBucket,
  getBucketLocation,
  headBucket,
  listBuckets,
} from './bucket-routes.ts';
import type { BucketHandler, ObjectHandler, S3Context } from './context.ts';
import { copyObject } from './copy-object-route.ts';
import { deleteObjects } from './delete-objects-route.ts';
import { listObjects } from './list-objects-route.ts';
import { listMultipartUploads, multipartHandler } from './multipart-routes.ts';
import { getObject, headObject } from './read-object-routes.ts';
import { unsupportedOperation } from './unsupported.ts';
import { deleteObject, putObject } from './write-object-routes.ts';

function methodNotAllowed(method: string, resourceType: string): S3ProtocolError {
  return new S3ProtocolError('MethodNotAllowed', undefined, {
    Method: method.slice(0, 32),
    ResourceType: resourceType,
  });
}

function bucketHandler(request: EmulatorRequest): BucketHandler {
  const { method, query } = request;
  if (method === 'GET' && query.has('location')) return getBucketLocation;
  if (method === 'GET' && query.has('uploads')) return listMultipartUploads;
  if (method === 'POST' && query.has('delete')) return deleteObjects;
  if (method === 'GET') return listObjects;
  if (method === 'PUT') return createBucket;
  if (method === 'HEAD') return headBucket;
  if (method === 'DELETE') return deleteBucket;
  throw methodNotAllowed(method, 'BUCKET');
}

function objectHandler(request: EmulatorRequest): ObjectHandler {
  switch (request.method) {
    case 'GET':
      return getObject;
    case 'HEAD':
      return headObject;
    case 'DELETE':
      return deleteObject;
    case 'PUT':
      return headerValue(request.headers, 'x-amz-copy-source') === undefined
        ? putObject
        : copyObject;
    default:
      throw methodNotAllowed(request.method, 'OBJECT');
  }
}

export async function routeS3(
  request: EmulatorRequest,
  context: S3Context,
): Promise<EmulatorResponse> {
  const { bucket, key } = parseTarget(request.path, request.host);
  if (bucket === undefined) {
    if (request.method !== 'GET') throw methodNotAllowed(request.method, 'SERVICE');
    return listBuckets(request, context);
  }
  const multipart = key === undefined ? undefined : multipartHandler(request);
  if (multipart !== undefined && key !== undefined) {
    return multipart(request, { bucket, key }, context);
  }
  const unsupported = unsupportedOperation(request, key !== undefined);
  if (unsupported !== undefined) {
    throw new S3ProtocolError(
      'NotImplemented',
      `${unsupported} is not implemented by this emulator.`,
    );
  }
  if (key === undefined) return bucketHandler(request)(request, bucket, context);
  return objectHandler(request)(request, { bucket, key }, context);
}
