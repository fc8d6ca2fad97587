// Failures of the object store itself, independent of any wire protocol. The S3 codec maps each
// kind to its REST error code and status in one table (codec/error-table.ts).

export type StoreErrorKind =
  | 'NoSuchBucket'
  | 'NoSuchKey'
  | 'BucketAlreadyOwnedByYou'
  | 'BucketNotEmpty'
  | 'InvalidBucketName'
  | 'KeyTooLong'
  | 'EmptyKey';

export class StoreError extends Error {
  readonly kind: StoreErrorKind;
  readonly bucket: string | undefined;
  readonly key: string | undefined;

  constructor(kind: StoreErrorKind, detail: { bucket?: string; key?: string; message?: string }) {
    super(detail.message ?? kind);
    this.name = 'StoreError';
    this.kind = kind;
    this.bucket = detail.bucket;
    this.key = detail.key;
  }
}
