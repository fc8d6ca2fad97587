// The payload port: where large data lives (S3 in every deployment). Messages carry only keys.

export interface PayloadStore {
  readonly bucket: string;
  putJson(key: string, value: unknown): Promise<void>;
  /** The object's text; throws PayloadMissingError when there is no such object. */
  getText(key: string): Promise<string>;
  /** Removes the object; removing one that is not there succeeds. */
  delete(key: string): Promise<void>;
}

export class PayloadMissingError extends Error {
  readonly key: string;
  constructor(bucket: string, key: string) {
    super(`no object s3://${bucket}/${key}`);
    this.name = 'PayloadMissingError';
    this.key = key;
  }
}

export class PayloadTooLargeError extends Error {
  constructor(bucket: string, key: string, bytes: number, limit: number) {
    super(`object s3://${bucket}/${key} is ${bytes} bytes, over the ${limit}-byte limit`);
    this.name = 'PayloadTooLargeError';
  }
}
