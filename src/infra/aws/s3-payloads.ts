// PayloadStore on S3: JSON objects under the task's key, read back with a size limit so a hostile
// or broken producer cannot make the worker buffer an unbounded object.

import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  PayloadMissingError,
  type PayloadStore,
  PayloadTooLargeError,
} from '../../core/ports/payloads.ts';

export const DEFAULT_MAX_OBJECT_BYTES = 50 * 1024 * 1024;

export class S3PayloadStore implements PayloadStore {
  readonly bucket: string;
  readonly #s3: S3Client;
  readonly #maxBytes: number;

  constructor(options: { s3: S3Client; bucket: string; maxBytes?: number }) {
    this.#s3 = options.s3;
    this.bucket = options.bucket;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_OBJECT_BYTES;
  }

  async putJson(key: string, value: unknown): Promise<void> {
    await this.#s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: JSON.stringify(value),
        ContentType: 'application/json',
      }),
    );
  }

  async getText(key: string): Promise<string> {
    try {
      const got = await this.#s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const length = got.ContentLength ?? 0;
      if (length > this.#maxBytes) {
        await got.Body?.transformToWebStream().cancel();
        throw new PayloadTooLargeError(this.bucket, key, length, this.#maxBytes);
      }
      if (!got.Body) return '';
      return await got.Body.transformToString('utf-8');
    } catch (error) {
      if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey') {
        throw new PayloadMissingError(this.bucket, key);
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.#s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
