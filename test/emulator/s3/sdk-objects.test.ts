// Object reads and writes over the real AWS SDK: bodies, metadata, aws-chunked streaming with
// trailing checksums, ranges and conditional requests.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it } from 'vitest';
import { errorCode, rawRequest } from './support/clients.ts';
import { useSdkEmulator } from './support/emulator.ts';
import { s3Failure } from './support/failure.ts';

const BUCKET = 'graph-payloads';
const sent: Record<string, string>[] = [];

const env = useSdkEmulator(sent);
beforeEach(async () => {
  env.server.service.reset();
  sent.length = 0;
  await env.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});

function md5Etag(data: string | Buffer): string {
  return `"${createHash('md5').update(data).digest('hex')}"`;
}

describe('S3 objects through the AWS SDK (default checksum settings)', () => {
  it('stores a string body with its content type, metadata, MD5 ETag and clock time', async () => {
    const body = JSON.stringify({ conversations: [] });
    env.server.clock.advance(1234);
    const put = await env.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'graph-generation/task_1/input.json',
        Body: body,
        ContentType: 'application/json',
        Metadata: { 'task-id': 'task_1', Stage: 'input' },
      }),
    );
    expect(put.ETag).toBe(md5Etag(body));
    // The SDK sent a CRC32 by default; the emulator verified and echoed it.
    expect(sent.at(-1)?.['x-amz-checksum-crc32']).toBeDefined();
    expect(put.ChecksumCRC32).toBe(sent.at(-1)?.['x-amz-checksum-crc32']);

    const got = await env.s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'graph-generation/task_1/input.json' }),
    );
    expect(await got.Body?.transformToString()).toBe(body);
    expect(got.ContentType).toBe('application/json');
    expect(got.ContentLength).toBe(Buffer.byteLength(body));
    expect(got.ETag).toBe(md5Etag(body));
    expect(got.Metadata).toEqual({ 'task-id': 'task_1', stage: 'input' });
    // Last-Modified has whole-second precision, taken from the injected clock.
    expect(got.LastModified?.getTime()).toBe(Math.floor(env.server.clock.now / 1000) * 1000);
  });

  it('strips aws-chunked framing from a streamed body and verifies its trailing CRC32', async () => {
    const parts = [
      Buffer.from('{"part":1,'),
      Buffer.alloc(70_000, 'x'),
      Buffer.from('"end":true}'),
    ];
    const whole = Buffer.concat(parts);
    await env.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'streamed.json',
        Body: Readable.from(parts),
        ContentLength: whole.length,
      }),
    );
    const wire = sent.at(-1);
    expect(wire?.['content-encoding']).toContain('aws-chunked');
    expect(wire?.['x-amz-content-sha256']).toBe('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    expect(wire?.['x-amz-trailer']).toBe('x-amz-checksum-crc32');
    const stored = env.server.service.getObject(BUCKET, 'streamed.json');
    expect(stored?.body.equals(whole)).toBe(true);
    expect(stored?.checksum?.algorithm).toBe('CRC32');
    expect(stored?.headers.contentEncoding).toBeUndefined();
    const got = await env.s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'streamed.json', ChecksumMode: 'ENABLED' }),
    );
    expect(Buffer.from((await got.Body?.transformToByteArray()) ?? []).equals(whole)).toBe(true);
    expect(got.ChecksumCRC32).toBe(stored?.checksum?.value);
  });

  it.each(['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const)(
    'accepts %s checksums and returns them for the SDK to validate',
    async (algorithm) => {
      const body = `payload checked with ${algorithm} — ünïcode`;
      const put = await env.s3.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'checked',
          Body: body,
          ChecksumAlgorithm: algorithm,
        }),
      );
      expect(env.server.service.getObject(BUCKET, 'checked')?.checksum?.algorithm).toBe(algorithm);
      const got = await env.s3.send(
        new GetObjectCommand({ Bucket: BUCKET, Key: 'checked', ChecksumMode: 'ENABLED' }),
      );
      // transformToString drains the SDK's validating stream: a wrong checksum would throw here.
      expect(await got.Body?.transformToString()).toBe(body);
      expect(got[`Checksum${algorithm}`]).toBe(put[`Checksum${algorithm}`]);
      const head = await env.s3.send(
        new HeadObjectCommand({ Bucket: BUCKET, Key: 'checked', ChecksumMode: 'ENABLED' }),
      );
      expect(head[`Checksum${algorithm}`]).toBe(put[`Checksum${algorithm}`]);
    },
  );

  it('stores a multi-megabyte body intact', async () => {
    const body = Buffer.alloc(3 * 1024 * 1024 + 7);
    for (let i = 0; i < body.length; i++) body[i] = (i * 31 + (i >> 11)) & 0xff;
    const put = await env.s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'large.bin', Body: body }),
    );
    expect(put.ETag).toBe(md5Etag(body));
    const got = await env.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'large.bin' }));
    expect(Buffer.from((await got.Body?.transformToByteArray()) ?? []).equals(body)).toBe(true);
  });

  it('gives objects uploaded without a checksum a CRC64NVME the SDK can validate', async () => {
    const put = await rawRequest(env.server.endpoint, {
      method: 'PUT',
      path: `/${BUCKET}/unchecked`,
      body: 'uploaded by a plain HTTP client',
    });
    expect(put.status).toBe(200);
    expect(env.server.service.getObject(BUCKET, 'unchecked')?.checksum?.algorithm).toBe(
      'CRC64NVME',
    );
    expect(put.headers['x-amz-checksum-crc64nvme']).toBe(
      env.server.service.getObject(BUCKET, 'unchecked')?.checksum?.value,
    );
    const got = await env.s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'unchecked', ChecksumMode: 'ENABLED' }),
    );
    expect(got.ChecksumCRC64NVME).toBe(
      env.server.service.getObject(BUCKET, 'unchecked')?.checksum?.value,
    );
    expect(await got.Body?.transformToString()).toBe('uploaded by a plain HTTP client');
  });

  it('streams with a CRC32C trailer when asked for that algorithm', async () => {
    const body = Buffer.from('streamed with crc32c');
    await env.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'crc32c-stream',
        Body: Readable.from([body]),
        ContentLength: body.length,
        ChecksumAlgorithm: 'CRC32C',
      }),
    );
    expect(sent.at(-1)?.['x-amz-trailer']).toBe('x-amz-checksum-crc32c');
    expect(env.server.service.getObject(BUCKET, 'crc32c-stream')?.checksum?.algorithm).toBe(
      'CRC32C',
    );
  });

  it('serves byte ranges with 206 and Content-Range', async () => {
    await env.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'digits', Body: '0123456789' }));
    const cases: [string, string, string][] = [
      ['bytes=2-5', '2345', 'bytes 2-5/10'],
      ['bytes=7-', '789', 'bytes 7-9/10'],
      ['bytes=-3', '789', 'bytes 7-9/10'],
      ['bytes=8-100', '89', 'bytes 8-9/10'],
      ['bytes=-50', '0123456789', 'bytes 0-9/10'],
    ];
    for (const [range, body, contentRange] of cases) {
      const got = await env.s3.send(
        new GetObjectCommand({ Bucket: BUCKET, Key: 'digits', Range: range }),
      );
      expect(got.$metadata.httpStatusCode).toBe(206);
      expect(got.ContentRange).toBe(contentRange);
      expect(got.ContentLength).toBe(body.length);
      expect(await got.Body?.transformToString()).toBe(body);
    }
  });

  it('answers an unsatisfiable range with 416 InvalidRange naming the object size', async () => {
    await env.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'digits', Body: '0123456789' }));
    const error = await s3Failure(
      env.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'digits', Range: 'bytes=10-20' })),
    );
    expect(error.name).toBe('InvalidRange');
    expect(error.$metadata.httpStatusCode).toBe(416);
    const raw = await rawRequest(env.server.endpoint, {
      method: 'GET',
      path: `/${BUCKET}/digits`,
      headers: { range: 'bytes=-0' },
    });
    expect(raw.status).toBe(416);
    expect(raw.body).toContain('<ActualObjectSize>10</ActualObjectSize>');
  });

  it('ignores a Range header it cannot parse and serves the whole object, as HTTP says', async () => {
    await env.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'digits', Body: '0123456789' }));
    for (const range of ['bytes=abc', 'items=0-1', 'bytes=5-2', 'bytes=0-1,4-5']) {
      const raw = await rawRequest(env.server.endpoint, {
        method: 'GET',
        path: `/${BUCKET}/digits`,
        headers: { range },
      });
      expect(raw.status, range).toBe(200);
      expect(raw.body).toBe('0123456789');
    }
  });

  it('heads and deletes objects; a missing key is NoSuchKey with the key, bare 404 on HEAD', async () => {
    await env.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'doomed', Body: 'x' }));
    const head = await env.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'doomed' }));
    expect(head.ContentLength).toBe(1);
    await env.s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'doomed' }));
    // Deleting again succeeds, as on S3.
    await env.s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'doomed' }));
    const error = await s3Failure(
      env.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'doomed' })),
    );
    expect(error.name).toBe('NoSuchKey');
    expect(error.$metadata.httpStatusCode).toBe(404);
    const raw = await rawRequest(env.server.endpoint, { method: 'GET', path: `/${BUCKET}/doomed` });
    expect(raw.body).toContain(
      '<Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>doomed</Key><RequestId>',
    );
    const bare = await rawRequest(env.server.endpoint, {
      method: 'HEAD',
      path: `/${BUCKET}/doomed`,
    });
    expect(bare.status).toBe(404);
    expect(bare.body).toBe('');
    const headError = await s3Failure(
      env.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'doomed' })),
    );
    expect(headError.name).toBe('NotFound');
  });

  it('round-trips keys holding any UTF-8, up to 1024 bytes', async () => {
    const keys = [
      'with space/and more spaces .txt',
      'ünïcödé/日本語/🙂.json',
      'plus+sign+key',
      'percent%20literal%',
      'question?mark#hash&amp=eq',
      'double//slash/../dot-segments/./x',
      ' leading and trailing ',
      'semi;colon:comma,@at$dollar',
      `${'k'.repeat(1020)}🙂`,
    ];
    for (const key of keys) {
      await env.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: `body of ${key}` }));
      const got = await env.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      expect(await got.Body?.transformToString()).toBe(`body of ${key}`);
    }
    expect(env.server.service.listKeys(BUCKET).sort()).toEqual([...keys].sort());
  });

  it('refuses a key longer than 1024 bytes with KeyTooLongError', async () => {
    const error = await s3Failure(
      env.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${'k'.repeat(1023)}é`, Body: 'x' })),
    );
    expect(error.name).toBe('KeyTooLongError');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(env.server.service.listKeys(BUCKET)).toEqual([]);
  });

  it('copies objects, keeping metadata by default and replacing it on request', async () => {
    await env.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'source dir/orig.json',
        Body: '{"a":1}',
        ContentType: 'application/json',
        Metadata: { origin: 'api' },
      }),
    );
    env.server.clock.advance(60_000);
    const copied = await env.s3.send(
      new CopyObjectCommand({
        Bucket: BUCKET,
        Key: 'copies/kept.json',
        CopySource: `${BUCKET}/${encodeURIComponent('source dir/orig.json')}`,
      }),
    );
    expect(copied.CopyObjectResult?.ETag).toBe(md5Etag('{"a":1}'));
    expect(copied.CopyObjectResult?.LastModified?.getTime()).toBe(
      Math.floor(env.server.clock.now / 1000) * 1000,
    );
    const kept = await env.s3.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: 'copies/kept.json' }),
    );
    expect(kept.Metadata).toEqual({ origin: 'api' });
    expect(kept.ContentType).toBe('application/json');

    await env.s3.send(
      new CopyObjectCommand({
        Bucket: BUCKET,
        Key: 'copies/replaced.json',
        CopySource: `/${BUCKET}/${encodeURIComponent('source dir/orig.json')}`,
        MetadataDirective: 'REPLACE',
        ContentType: 'text/plain',
        Metadata: { origin: 'worker' },
      }),
    );
    const replaced = await env.s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'copies/replaced.json' }),
    );
    expect(replaced.Metadata).toEqual({ origin: 'worker' });
    expect(replaced.ContentType).toBe('text/plain');
    expect(await replaced.Body?.transformToString()).toBe('{"a":1}');
  });

  it('refuses copying onto itself without REPLACE, and a missing source with NoSuchKey', async () => {
    await env.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'self', Body: 'x' }));
    const self = await s3Failure(
      env.s3.send(
        new CopyObjectCommand({ Bucket: BUCKET, Key: 'self', CopySource: `${BUCKET}/self` }),
      ),
    );
    expect(self.name).toBe('InvalidRequest');
    const missing = await s3Failure(
      env.s3.send(
        new CopyObjectCommand({ Bucket: BUCKET, Key: 'x', CopySource: `${BUCKET}/nope` }),
      ),
    );
    expect(missing.name).toBe('NoSuchKey');
    const badDirective = await rawRequest(env.server.endpoint, {
      method: 'PUT',
      path: `/${BUCKET}/y`,
      headers: { 'x-amz-copy-source': `${BUCKET}/self`, 'x-amz-metadata-directive': 'MERGE' },
    });
    expect(errorCode(badDirective.body)).toBe('InvalidArgument');
  });

  it('answers conditional GETs with 304 and 412', async () => {
    const put = await env.s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'cond', Body: 'v1' }),
    );
    const notModified = await rawRequest(env.server.endpoint, {
      method: 'GET',
      path: `/${BUCKET}/cond`,
      headers: { 'if-none-match': put.ETag ?? '' },
    });
    expect(notModified.status).toBe(304);
    const failed = await s3Failure(
      env.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'cond', IfMatch: '"0000"' })),
    );
    expect(failed.$metadata.httpStatusCode).toBe(412);
    const conditionalPut = await s3Failure(
      env.s3.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: 'cond', Body: 'v2', IfNoneMatch: '*' }),
      ),
    );
    expect(conditionalPut.$metadata.httpStatusCode).toBe(412);
    expect(env.server.service.getObject(BUCKET, 'cond')?.body.toString()).toBe('v1');
  });
});
