// The previous SDK generation (aws-sdk v2) against the same service: it signs payloads (hex
// x-amz-content-sha256, which the emulator verifies), sends Content-MD5 on DeleteObjects and
// parses XML with its own parser, so it exercises paths the v3 client does not.
import { createHash } from 'node:crypto';
import AWS from 'aws-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './support/emulator.ts';

let server: TestEmulator;
let s3: AWS.S3;
const BUCKET = 'legacy-payloads';

beforeAll(async () => {
  server = await startTestEmulator();
  s3 = new AWS.S3({
    endpoint: server.endpoint,
    region: 'us-east-1',
    s3ForcePathStyle: true,
    signatureVersion: 'v4',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxRetries: 0,
  });
});
afterAll(async () => {
  await server.close();
});

describe('S3 through aws-sdk v2', () => {
  it('round-trips objects, listings, copies and batch deletes', async () => {
    await s3.createBucket({ Bucket: BUCKET }).promise();
    const key = 'graph-generation/task 1/ü+input.json';
    const putRequest = s3.putObject({
      Bucket: BUCKET,
      Key: key,
      Body: '{"v":2}',
      ContentType: 'application/json',
      Metadata: { gen: 'v2' },
    });
    const put = await putRequest.promise();
    expect(put.ETag).toBe(`"${createHash('md5').update('{"v":2}').digest('hex')}"`);
    // A signed payload: the emulator checked this digest against the body it received.
    expect(putRequest.httpRequest.headers['X-Amz-Content-Sha256']).toBe(
      createHash('sha256').update('{"v":2}').digest('hex'),
    );
    const got = await s3.getObject({ Bucket: BUCKET, Key: key, Range: 'bytes=1-3' }).promise();
    expect(got.Body?.toString()).toBe('"v"');
    expect(got.ContentRange).toBe('bytes 1-3/7');
    const head = await s3.headObject({ Bucket: BUCKET, Key: key }).promise();
    expect(head.Metadata).toEqual({ gen: 'v2' });
    expect(head.ContentType).toBe('application/json');
    await s3
      .copyObject({
        Bucket: BUCKET,
        Key: 'copy.json',
        CopySource: `${BUCKET}/${encodeURIComponent(key)}`,
      })
      .promise();
    const listed = await s3.listObjectsV2({ Bucket: BUCKET, Delimiter: '/' }).promise();
    expect(listed.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['graph-generation/']);
    expect(listed.Contents?.map((object) => object.Key)).toEqual(['copy.json']);
    const deleted = await s3
      .deleteObjects({ Bucket: BUCKET, Delete: { Objects: [{ Key: key }, { Key: 'copy.json' }] } })
      .promise();
    expect(deleted.Deleted?.map((entry) => entry.Key).sort()).toEqual(['copy.json', key].sort());
    expect(server.service.listKeys(BUCKET)).toEqual([]);
  });

  it('surfaces S3 error codes to the v2 client', async () => {
    const missing = await s3
      .getObject({ Bucket: BUCKET, Key: 'nope' })
      .promise()
      .then(
        () => undefined,
        (error: AWS.AWSError) => error,
      );
    expect(missing?.code).toBe('NoSuchKey');
    expect(missing?.statusCode).toBe(404);
  });
});
