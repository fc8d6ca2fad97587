// Turns any failure while serving a request into S3's error answer: an <Error> XML document, or a
// bare status for HEAD (which has no body). Unknown exceptions become InternalError.
import type { EmulatorResponse } from '../../http/types.ts';
import { StoreError } from '../domain/errors.ts';
import { MIN_PART_BYTES } from '../domain/multipart.ts';
import { MAX_KEY_BYTES } from '../domain/object-store.ts';
import { ERROR_TABLE, type S3ErrorCode, STORE_ERROR_CODES } from './error-table.ts';
import { S3ProtocolError } from './protocol-error.ts';
import { element } from './xml.ts';

interface WireError {
  code: S3ErrorCode;
  message: string;
  fields: Record<string, string>;
}

function storeErrorFields(error: StoreError): Record<string, string> {
  switch (error.kind) {
    case 'NoSuchKey':
      return error.key === undefined ? {} : { Key: error.key };
    case 'KeyTooLong':
      return {
        Size: String(Buffer.byteLength(error.key ?? '', 'utf8')),
        MaxSizeAllowed: String(MAX_KEY_BYTES),
      };
    case 'EmptyKey':
    case 'InvalidPartOrder':
      return {};
    case 'NoSuchUpload':
      return error.uploadId === undefined ? {} : { UploadId: error.uploadId };
    case 'InvalidPart':
      return { UploadId: error.uploadId ?? '', PartNumber: String(error.partNumber ?? '') };
    case 'EntityTooSmall':
      return { PartNumber: String(error.partNumber ?? ''), MinSizeAllowed: String(MIN_PART_BYTES) };
    default:
      return error.bucket === undefined ? {} : { BucketName: error.bucket };
  }
}

/** True for the failures S3 answers by design; anything else is a bug in the emulator. */
export function isExpectedError(error: unknown): boolean {
  return error instanceof S3ProtocolError || error instanceof StoreError;
}

export function toWireError(error: unknown): WireError {
  if (error instanceof S3ProtocolError) {
    return {
      code: error.code,
      message: error.detail ?? ERROR_TABLE[error.code].message,
      fields: error.fields,
    };
  }
  if (error instanceof StoreError) {
    const code = STORE_ERROR_CODES[error.kind];
    const message =
      error.kind === 'InvalidBucketName' || error.kind === 'EmptyKey'
        ? error.message
        : ERROR_TABLE[code].message;
    return { code, message, fields: storeErrorFields(error) };
  }
  return { code: 'InternalError', message: ERROR_TABLE.InternalError.message, fields: {} };
}

export function errorResponse(
  error: unknown,
  request: { method: string; requestId: string },
): EmulatorResponse {
  const wire = toWireError(error);
  const status = ERROR_TABLE[wire.code].status;
  const headers: Record<string, string> = {
    'x-amz-request-id': request.requestId,
    'x-amz-id-2': request.requestId,
  };
  if (request.method === 'HEAD') return { status, headers };
  const extra = Object.entries(wire.fields)
    .map(([name, value]) => element(name, value))
    .join('');
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error>${element('Code', wire.code)}${element('Message', wire.message)}${extra}` +
    `${element('RequestId', request.requestId)}${element('HostId', request.requestId)}</Error>`;
  return { status, headers: { ...headers, 'content-type': 'application/xml' }, body };
}
