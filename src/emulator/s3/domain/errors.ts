// Failures of the object store itself, independent of any wire protocol. The S3 codec maps each
// kind to its REST error code and status in one table (codec/error-table.ts).

export type StoreErrorKind =
  | 'NoSuchBucket'
  | 'NoSuchKey'
  | 'BucketAlreadyOwnedByYou'
  | 'BucketNotEmpty'
  | 'InvalidBucketName'
  | 'KeyTooLong'
  | 'EmptyKey'
  | 'NoSuchUpload'
  | 'InvalidPart'
  | 'InvalidPartOrder'
  | 'EntityTooSmall';

export class StoreError extends Error {
  readonly kind: StoreErrorKind;
  readonly bucket: string | undefined;
  readonly key: string | undefined;
  readonly uploadId: string | undefined;
  readonly partNumber: number | undefined;

  constructor(
    kind: StoreErrorKind,
    detail: {
      bucket?: string;
      key?: string;
      uploadId?: string;
      partNumber?: number;
      message?: string;
    },
  ) {
    super(detail.message ?? kind);
    this.name = 'StoreError';
    this.kind = kind;
    this.bucket = detail.bucket;
    this.key = detail.key;
    this.uploadId = detail.uploadId;
    this.partNumber = detail.partNumber;
  }
}
