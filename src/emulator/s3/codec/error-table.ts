// The one table of S3 REST error codes this emulator answers with: HTTP status and AWS's default
// message. Domain failures are mapped onto it here too, so each wire code is defined once.
import type { StoreErrorKind } from '../domain/errors.ts';

export type S3ErrorCode =
  | 'NoSuchBucket'
  | 'NoSuchKey'
  | 'BucketAlreadyOwnedByYou'
  | 'BucketNotEmpty'
  | 'InvalidBucketName'
  | 'KeyTooLongError'
  | 'InvalidArgument'
  | 'InvalidRequest'
  | 'InvalidRange'
  | 'BadDigest'
  | 'InvalidDigest'
  | 'MalformedXML'
  | 'MethodNotAllowed'
  | 'NotImplemented'
  | 'IncompleteBody'
  | 'EntityTooLarge'
  | 'InvalidURI'
  | 'XAmzContentSHA256Mismatch'
  | 'InvalidLocationConstraint'
  | 'MetadataTooLarge'
  | 'PreconditionFailed'
  | 'MaxMessageLengthExceeded'
  | 'NoSuchUpload'
  | 'InvalidPart'
  | 'InvalidPartOrder'
  | 'EntityTooSmall'
  | 'InternalError'
  | 'AccessDenied'
  | 'ServiceUnavailable'
  | 'SlowDown';

export const ERROR_TABLE: Record<S3ErrorCode, { status: number; message: string }> = {
  NoSuchBucket: { status: 404, message: 'The specified bucket does not exist' },
  AccessDenied: { status: 403, message: 'Access Denied' },
  NoSuchKey: { status: 404, message: 'The specified key does not exist.' },
  BucketAlreadyOwnedByYou: {
    status: 409,
    message: 'Your previous request to create the named bucket succeeded and you already own it.',
  },
  BucketNotEmpty: { status: 409, message: 'The bucket you tried to delete is not empty' },
  InvalidBucketName: { status: 400, message: 'The specified bucket is not valid.' },
  KeyTooLongError: { status: 400, message: 'Your key is too long' },
  InvalidArgument: { status: 400, message: 'Invalid Argument' },
  InvalidRequest: { status: 400, message: 'Invalid Request' },
  InvalidRange: { status: 416, message: 'The requested range is not satisfiable' },
  BadDigest: {
    status: 400,
    message: 'The Content-MD5 you specified did not match what we received.',
  },
  InvalidDigest: { status: 400, message: 'The Content-MD5 you specified was invalid.' },
  MalformedXML: {
    status: 400,
    message:
      'The XML you provided was not well-formed or did not validate against our published schema',
  },
  MethodNotAllowed: {
    status: 405,
    message: 'The specified method is not allowed against this resource.',
  },
  NotImplemented: {
    status: 501,
    message: 'A header you provided implies functionality that is not implemented',
  },
  IncompleteBody: {
    status: 400,
    message: 'You did not provide the number of bytes specified by the Content-Length HTTP header',
  },
  EntityTooLarge: { status: 400, message: 'Your proposed upload exceeds the maximum allowed size' },
  InvalidURI: { status: 400, message: "Couldn't parse the specified URI." },
  XAmzContentSHA256Mismatch: {
    status: 400,
    message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
  },
  InvalidLocationConstraint: {
    status: 400,
    message: 'The specified location-constraint is not valid',
  },
  MetadataTooLarge: {
    status: 400,
    message: 'Your metadata headers exceed the maximum allowed metadata size',
  },
  PreconditionFailed: {
    status: 412,
    message: 'At least one of the pre-conditions you specified did not hold',
  },
  MaxMessageLengthExceeded: { status: 400, message: 'Your request was too big.' },
  NoSuchUpload: {
    status: 404,
    message:
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  },
  InvalidPart: {
    status: 400,
    message:
      "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
  },
  InvalidPartOrder: {
    status: 400,
    message: 'The list of parts was not in ascending order. Parts must be ordered by part number.',
  },
  EntityTooSmall: {
    status: 400,
    message: 'Your proposed upload is smaller than the minimum allowed object size.',
  },
  InternalError: {
    status: 500,
    message: 'We encountered an internal error. Please try again.',
  },
  // Answered only when a fault rule asks for them: S3's 503s, which SDKs retry.
  ServiceUnavailable: { status: 503, message: 'Service is unable to handle request.' },
  SlowDown: { status: 503, message: 'Please reduce your request rate.' },
};

export const STORE_ERROR_CODES: Record<StoreErrorKind, S3ErrorCode> = {
  NoSuchBucket: 'NoSuchBucket',
  NoSuchKey: 'NoSuchKey',
  BucketAlreadyOwnedByYou: 'BucketAlreadyOwnedByYou',
  BucketNotEmpty: 'BucketNotEmpty',
  InvalidBucketName: 'InvalidBucketName',
  KeyTooLong: 'KeyTooLongError',
  EmptyKey: 'InvalidArgument',
  NoSuchUpload: 'NoSuchUpload',
  InvalidPart: 'InvalidPart',
  InvalidPartOrder: 'InvalidPartOrder',
  EntityTooSmall: 'EntityTooSmall',
};
