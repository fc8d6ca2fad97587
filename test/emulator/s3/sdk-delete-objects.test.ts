// DeleteObjects over the real AWS SDK: per-key results, Quiet mode, missing buckets and keys
// holding control and markup characters.
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSdkEmulator } from './support/emulator.ts';
import { s3Failure } from './support/failure.ts';

const BUCKET = 'graph-payloads';

const env = useSdkEmulator();
beforeEach(async () => {
  env.server.service.reset();
  await env.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  for (const key of ['a', 'b & c', 'ü/<tag>', 'keep']) {
    await env.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
  }
});

describe('DeleteObjects through the AWS SDK', () => {
  it('deletes a batch and reports each key, missing ones included', async () => {
    const result = await env.s3.send(
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
    expect(env.server.service.listKeys(BUCKET)).toEqual(['keep']);
  });

  it('reports only failures in Quiet mode, with a per-key error for an over-long key', async () => {
    const tooLong = 'x'.repeat(1025);
    const result = await env.s3.send(
      new DeleteObjectsCommand({
        Bucket: BUCKET,
        Delete: { Quiet: true, Objects: [{ Key: 'a' }, { Key: tooLong }] },
      }),
    );
    expect(result.Deleted ?? []).toEqual([]);
    expect(result.Errors).toEqual([
      { Key: tooLong, Code: 'KeyTooLongError', Message: 'Your key is too long' },
    ]);
    expect(env.server.service.listKeys(BUCKET)).not.toContain('a');
  });

  it('fails the whole batch with NoSuchBucket when the bucket is missing', async () => {
    const error = await s3Failure(
      env.s3.send(
        new DeleteObjectsCommand({ Bucket: 'missing-bucket', Delete: { Objects: [{ Key: 'a' }] } }),
      ),
    );
    expect(error.name).toBe('NoSuchBucket');
  });

  it('round-trips keys holding control and markup characters through listing and batch delete', async () => {
    const key = 'line\nbreak\r\ttab\u0001ctl & <x> "q" \'a\'';
    await env.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'x' }));
    const listed = await env.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'line' }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual([key]);
    const result = await env.s3.send(
      new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: key }] } }),
    );
    expect(result.Deleted?.map((deleted) => deleted.Key)).toEqual([key]);
    expect(env.server.service.getObject(BUCKET, key)).toBeUndefined();
  });
});
