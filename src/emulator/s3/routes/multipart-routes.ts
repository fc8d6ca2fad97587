// Multipart uploads: CreateMultipartUpload, UploadPart, CompleteMultipartUpload,
// AbortMultipartUpload, ListParts (object-level requests carrying `uploads` or `uploadId`) and
// ListMultipartUploads (`GET /{bucket}?uploads`).
import type { EmulatorRequest } from '../../http/types.ts';
import { algorithmNamed } from '../codec/checksums.ts';
import {
  checksumResponseHeaders,
  headerValue,
  objectHeadersFrom,
  userMetadataFrom,
} from '../codec/headers.ts';
import { assembledChecksum, mismatchedPart } from '../codec/multipart-checksum.ts';
import {
  decodeCompleteUpload,
  decodeListParts,
  decodeListUploads,
  decodePartNumber,
  decodeUploadChecksum,
  encodeCompleteResult,
  encodeInitiateResult,
  encodeListParts,
  encodeListUploads,
} from '../codec/multipart-xml.ts';
import { decodePayload } from '../codec/payload.ts';
import { S3ProtocolError } from '../codec/protocol-error.ts';
import { StoreError } from '../domain/errors.ts';
import type { BucketHandler, ObjectHandler } from './context.ts';
import { xmlResponse } from './context.ts';

export const createMultipartUpload: ObjectHandler = async (request, { bucket, key }, context) => {
  const checksum = decodeUploadChecksum(request.headers);
  const upload = context.uploads.create(bucket, key, {
    headers: objectHeadersFrom(request.headers),
    metadata: userMetadataFrom(request.headers),
    checksum,
  });
  const response = xmlResponse(encodeInitiateResult(upload));
  if (checksum !== undefined) {
    response.headers = {
      ...response.headers,
      'x-amz-checksum-algorithm': checksum.algorithm,
      'x-amz-checksum-type': checksum.type,
    };
  }
  return response;
};

export const uploadPart: ObjectHandler = async (request, { bucket, key }, context) => {
  const partNumber = decodePartNumber(request.query.get('partNumber'));
  const uploadId = request.query.get('uploadId') ?? '';
  const upload = context.uploads.get(bucket, key, uploadId);
  const expected = upload.checksum ? algorithmNamed(upload.checksum.algorithm) : undefined;
  const { data, checksum } = await decodePayload(request.headers, request.body, expected);
  if (expected !== undefined && checksum.algorithm !== expected) {
    throw new S3ProtocolError(
      'InvalidRequest',
      `Checksum Type mismatch occurred, expected checksum Type: ${expected.toLowerCase()}, actual checksum Type: ${checksum.algorithm.toLowerCase()}`,
    );
  }
  const part = context.uploads.uploadPart({ bucket, key, uploadId }, partNumber, data, checksum);
  return {
    status: 200,
    headers: { etag: part.etag, ...checksumResponseHeaders(part) },
  };
};

function objectUrl(request: EmulatorRequest, bucket: string, key: string): string {
  const path = key.split('/').map(encodeURIComponent).join('/');
  return `http://${request.host}/${encodeURIComponent(bucket)}/${path}`;
}

export const completeMultipartUpload: ObjectHandler = async (request, target, context) => {
  const uploadId = request.query.get('uploadId') ?? '';
  const upload = context.uploads.get(target.bucket, target.key, uploadId);
  const listed = decodeCompleteUpload(request.body);
  const parts = context.uploads.selectParts(upload, listed);
  const mismatch = mismatchedPart(parts, listed);
  if (mismatch !== -1) {
    throw new StoreError('InvalidPart', {
      ...target,
      uploadId,
      partNumber: parts[mismatch]?.partNumber,
    });
  }
  const checksum = await assembledChecksum(upload, parts);
  const object = context.uploads.complete(upload, parts, checksum);
  const response = xmlResponse(
    encodeCompleteResult(object, objectUrl(request, target.bucket, target.key), target.bucket),
  );
  response.headers = { ...response.headers, ...checksumResponseHeaders(object) };
  return response;
};

export const abortMultipartUpload: ObjectHandler = async (request, { bucket, key }, context) => {
  context.uploads.abort(bucket, key, request.query.get('uploadId') ?? '');
  return { status: 204 };
};

export const listParts: ObjectHandler = async (request, { bucket, key }, context) => {
  const upload = context.uploads.get(bucket, key, request.query.get('uploadId') ?? '');
  const { marker, maxParts } = decodeListParts(request.query);
  const page = context.uploads.listParts(upload, marker, maxParts);
  return xmlResponse(encodeListParts(upload, page, marker, maxParts, context.owner));
};

export const listMultipartUploads: BucketHandler = async (request, bucket, context) => {
  const listRequest = decodeListUploads(request.query);
  const page = context.uploads.list(bucket, listRequest);
  return xmlResponse(encodeListUploads(bucket, listRequest, page, context.owner));
};

/** The multipart operation an object-level request asks for, if it is one we serve. */
export function multipartHandler(request: EmulatorRequest): ObjectHandler | undefined {
  const { method, query } = request;
  if (query.has('uploads')) return method === 'POST' ? createMultipartUpload : undefined;
  if (!query.has('uploadId')) return undefined;
  const copying = headerValue(request.headers, 'x-amz-copy-source') !== undefined;
  // Without a part number this still is UploadPart, refused there with InvalidArgument.
  if (method === 'PUT' && !copying) return uploadPart;
  if (method === 'POST') return completeMultipartUpload;
  if (method === 'DELETE') return abortMultipartUpload;
  if (method === 'GET') return listParts;
  if (method === 'PUT') return undefined;
  return refuseMethod;
}

const refuseMethod: ObjectHandler = async (request) => {
  throw new S3ProtocolError('MethodNotAllowed', undefined, {
    Method: request.method.slice(0, 32),
    ResourceType: 'MULTIPART_UPLOAD',
  });
};
