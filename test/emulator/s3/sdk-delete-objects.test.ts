// DeleteObjects over the real AWS SDK: per-key results, Quiet mode, missing buckets and keys
// holding control and markup characters.
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { s3Client } from './support/clients.ts';
import { startTestEmulator, type TestEmulator } from './support/emulator.ts';
import { s3Failure } from './support/failure.ts';

const BUCKET = 'graph-payloads';
let server: TestEmulator;
let s3: S3Client;

beforeAll(async () => {
  server = await startTestEmulator();
  s3 = s3Client(server.endpoint);
});
afterAll(async () => {
  s3.destroy();
  await server.close();
});
beforeEach(async () => {
  server.service.reset();
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  for (const key of ['a', 'b & c', 'ü/<tag>', 'keep']) {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
  }
});

describe('DeleteObjects through the AWS SDK', () => {
  it('deletes a batch and reports each key, missing ones included', async () => {
    const result = await s3.send(
      new DeleteObjectsCommand({
        Bucket: BUCKET,
        Delete: {
          Objects: [{ Key: 'a' }, { Key: 'b & c' }, { Key: 'ü/<tag>' }, { Key: 'never-was' }],
        },
      }),
    );
    expect(result.Deleted?.map((deleted) => deleted.Key)).toEqual([
      'a',
      'b & c',
      'ü/<tag>',
      'never-was',
    ]);
    expect(result.Errors ?? []).toEqual([]);
    expect(server.service.listKeys(BUCKET)).toEqual(['keep']);
  });

  it('reports only failures in Quiet mode, with a per-key error for an over-long key', async () => {
    const tooLong = 'x'.repeat(1025);
    const result = await s3.send(
      new DeleteObjectsCommand({
        Bucket: BUCKET,
        Delete: { Quiet: true, Objects: [{ Key: 'a' }, { Key: tooLong }] },
      }),
    );
    expect(result.Deleted ?? []).toEqual([]);
    expect(result.Errors).toEqual([
      { Key: tooLong, Code: 'KeyTooLongError', Message: 'Your key is too long' },
    ]);
    expect(server.service.listKeys(BUCKET)).not.toContain('a');
  });

  it('fails the whole batch with NoSuchBucket when the bucket is missing', async () => {
    const error = await s3Failure(
      s3.send(
        new DeleteObjectsCommand({ Bucket: 'missing-bucket', Delete: { Objects: [{ Key: 'a' }] } }),
      ),
    );
    expect(error.name).toBe('NoSuchBucket');
  });

  it('round-trips keys holding control and markup characters through listing and batch delete', async () => {
    const key = 'line\nbreak\r\ttab\u0001ctl & <x> "q" \'a\'';
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'x' }));
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'line' }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual([key]);
    const result = await s3.send(
      new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: key }] } }),
    );
    expect(result.Deleted?.map((deleted) => deleted.Key)).toEqual([key]);
    expect(server.service.getObject(BUCKET, key)).toBeUndefined();
  });
});
