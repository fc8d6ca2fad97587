// Multipart uploads over the real AWS SDK: assembly, multipart ETags and checksums, part list
// errors, abort, listing of parts and of unfinished uploads.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it } from 'vitest';
import { errorCode, rawRequest } from './support/clients.ts';
import { useSdkEmulator } from './support/emulator.ts';
import { s3Failure } from './support/failure.ts';

const BUCKET = 'graph-results';
const KEY = 'graph-generation/task_9/result.json';
const FIVE_MIB = 5 * 1024 * 1024;
const sent: Record<string, string>[] = [];

function patterned(length: number, seed: number): Buffer {
  const data = Buffer.alloc(length);
  for (let i = 0; i < length; i++) data[i] = (i * 7 + seed + (i >> 9)) & 0xff;
  return data;
}

const first = patterned(FIVE_MIB, 1);
const last = patterned(1500, 2);

function multipartEtag(parts: Buffer[]): string {
  const digests = Buffer.concat(parts.map((part) => createHash('md5').update(part).digest()));
  return `"${createHash('md5').update(digests).digest('hex')}-${parts.length}"`;
}

const env = useSdkEmulator(sent);
beforeEach(async () => {
  env.server.service.reset();
  await env.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});

async function uploadTwoParts(
  create: Partial<ConstructorParameters<typeof CreateMultipartUploadCommand>[0]> = {},
  part: Partial<ConstructorParameters<typeof UploadPartCommand>[0]> = {},
) {
  const { UploadId } = await env.s3.send(
    new CreateMultipartUploadCommand({
      Bucket: BUCKET,
      Key: KEY,
      ContentType: 'application/json',
      ...create,
    }),
  );
  const uploadId = UploadId ?? '';
  const one = await env.s3.send(
    new UploadPartCommand({
      Bucket: BUCKET,
      Key: KEY,
      UploadId: uploadId,
      PartNumber: 1,
      Body: first,
      ...part,
    }),
  );
  const two = await env.s3.send(
    new UploadPartCommand({
      Bucket: BUCKET,
      Key: KEY,
      UploadId: uploadId,
      PartNumber: 2,
      Body: last,
      ...part,
    }),
  );
  return { uploadId, one, two };
}

describe('multipart uploads through the AWS SDK', () => {
  it('assembles parts into one object with a multipart ETag and a validated CRC64NVME', async () => {
    const { uploadId, one, two } = await uploadTwoParts({ Metadata: { stage: 'result' } });
    // The SDK checksums each part by default; the emulator verified it.
    expect(sent.at(-1)?.['x-amz-checksum-crc32']).toBeDefined();
    expect(env.server.service.getObject(BUCKET, KEY)).toBeUndefined();
    const listed = await env.s3.send(
      new ListPartsCommand({ Bucket: BUCKET, Key: KEY, UploadId: uploadId }),
    );
    expect(listed.Parts?.map((part) => [part.PartNumber, part.Size, part.ETag])).toEqual([
      [1, FIVE_MIB, one.ETag],
      [2, 1500, two.ETag],
    ]);
    const done = await env.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: KEY,
        UploadId: uploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: one.ETag, ChecksumCRC32: one.ChecksumCRC32 },
            { PartNumber: 2, ETag: two.ETag, ChecksumCRC32: two.ChecksumCRC32 },
          ],
        },
      }),
    );
    expect(done.ETag).toBe(multipartEtag([first, last]));
    expect(done.Key).toBe(KEY);
    const got = await env.s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: KEY, ChecksumMode: 'ENABLED' }),
    );
    expect(got.ChecksumCRC64NVME).toBeDefined();
    expect(
      Buffer.from((await got.Body?.transformToByteArray()) ?? []).equals(
        Buffer.concat([first, last]),
      ),
    ).toBe(true);
    expect(got.ContentType).toBe('application/json');
    expect(got.Metadata).toEqual({ stage: 'result' });
    const gone = await s3Failure(
      env.s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: KEY, UploadId: uploadId })),
    );
    expect(gone.name).toBe('NoSuchUpload');
  });

  it('gives a COMPOSITE checksum (`-N`) when the upload asks for CRC32', async () => {
    const { uploadId, one, two } = await uploadTwoParts(
      { ChecksumAlgorithm: 'CRC32' },
      { ChecksumAlgorithm: 'CRC32' },
    );
    const done = await env.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: KEY,
        UploadId: uploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: one.ETag, ChecksumCRC32: one.ChecksumCRC32 },
            { PartNumber: 2, ETag: two.ETag, ChecksumCRC32: two.ChecksumCRC32 },
          ],
        },
      }),
    );
    const raw = Buffer.concat(
      [one, two].map((part) => Buffer.from(part.ChecksumCRC32 ?? '', 'base64')),
    );
    const expected = Buffer.alloc(4);
    expected.writeUInt32BE(crc32(raw));
    expect(done.ChecksumCRC32).toBe(`${expected.toString('base64')}-2`);
    expect(done.ChecksumType).toBe('COMPOSITE');
    const head = await env.s3.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: KEY, ChecksumMode: 'ENABLED' }),
    );
    expect(head.ChecksumType).toBe('COMPOSITE');
    // The SDK does not validate composite checksums against the body; the read must still succeed.
    const got = await env.s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: KEY, ChecksumMode: 'ENABLED' }),
    );
    expect((await got.Body?.transformToByteArray())?.length).toBe(FIVE_MIB + 1500);
  });

  it('gives a FULL_OBJECT CRC64NVME the SDK validates when asked for one', async () => {
    const { uploadId, one, two } = await uploadTwoParts(
      { ChecksumAlgorithm: 'CRC64NVME', ChecksumType: 'FULL_OBJECT' },
      { ChecksumAlgorithm: 'CRC64NVME' },
    );
    const done = await env.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: KEY,
        UploadId: uploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: one.ETag },
            { PartNumber: 2, ETag: two.ETag },
          ],
        },
      }),
    );
    expect(done.ChecksumType).toBe('FULL_OBJECT');
    const got = await env.s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: KEY, ChecksumMode: 'ENABLED' }),
    );
    expect(got.ChecksumCRC64NVME).toBe(done.ChecksumCRC64NVME);
    expect((await got.Body?.transformToByteArray())?.length).toBe(FIVE_MIB + 1500);
  });

  it('refuses bad part lists: order, unknown parts or ETags, and small inner parts', async () => {
    const { uploadId, one, two } = await uploadTwoParts();
    const complete = (parts: { PartNumber: number; ETag: string | undefined }[]) =>
      s3Failure(
        env.s3.send(
          new CompleteMultipartUploadCommand({
            Bucket: BUCKET,
            Key: KEY,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts },
          }),
        ),
      );
    expect(
      (
        await complete([
          { PartNumber: 2, ETag: two.ETag },
          { PartNumber: 1, ETag: one.ETag },
        ])
      ).name,
    ).toBe('InvalidPartOrder');
    expect((await complete([{ PartNumber: 1, ETag: two.ETag }])).name).toBe('InvalidPart');
    expect((await complete([{ PartNumber: 3, ETag: one.ETag }])).name).toBe('InvalidPart');
    await env.s3.send(
      new UploadPartCommand({
        Bucket: BUCKET,
        Key: KEY,
        UploadId: uploadId,
        PartNumber: 3,
        Body: last,
      }),
    );
    const small = await complete([
      { PartNumber: 2, ETag: two.ETag },
      { PartNumber: 3, ETag: two.ETag },
    ]);
    expect(small.name).toBe('EntityTooSmall');
    expect(env.server.service.getObject(BUCKET, KEY)).toBeUndefined();
  });

  it('refuses part numbers outside 1..10000 and parts checksummed with another algorithm', async () => {
    const { UploadId } = await env.s3.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: KEY, ChecksumAlgorithm: 'CRC32C' }),
    );
    for (const PartNumber of [0, 10_001]) {
      const error = await s3Failure(
        env.s3.send(
          new UploadPartCommand({
            Bucket: BUCKET,
            Key: KEY,
            UploadId,
            PartNumber,
            Body: 'x',
            ChecksumAlgorithm: 'CRC32C',
          }),
        ),
      );
      expect(error.name).toBe('InvalidArgument');
    }
    const mismatch = await s3Failure(
      env.s3.send(
        new UploadPartCommand({
          Bucket: BUCKET,
          Key: KEY,
          UploadId,
          PartNumber: 1,
          Body: 'x',
          ChecksumAlgorithm: 'CRC32',
        }),
      ),
    );
    expect(mismatch.name).toBe('InvalidRequest');
    expect(mismatch.message).toContain('expected checksum Type: crc32c');
  });

  it('aborts uploads, after which their parts are refused with NoSuchUpload', async () => {
    const { uploadId } = await uploadTwoParts();
    await env.s3.send(
      new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: KEY, UploadId: uploadId }),
    );
    const error = await s3Failure(
      env.s3.send(
        new UploadPartCommand({
          Bucket: BUCKET,
          Key: KEY,
          UploadId: uploadId,
          PartNumber: 3,
          Body: 'x',
        }),
      ),
    );
    expect(error.name).toBe('NoSuchUpload');
    expect(error.$metadata.httpStatusCode).toBe(404);
    const again = await s3Failure(
      env.s3.send(
        new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: KEY, UploadId: uploadId }),
      ),
    );
    expect(again.name).toBe('NoSuchUpload');
  });

  it('answers malformed and unsupported multipart requests with specific errors', async () => {
    const { UploadId } = await env.s3.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: KEY }),
    );
    const path = `/${BUCKET}/${KEY}?uploadId=${UploadId}`;
    for (const body of [
      '<CompleteMultipartUpload>',
      '<CompleteMultipartUpload/>',
      '<CompleteMultipartUpload><Part><ETag>x</ETag></Part></CompleteMultipartUpload>',
    ]) {
      const response = await rawRequest(env.server.endpoint, { method: 'POST', path, body });
      expect({ status: response.status, code: errorCode(response.body) }).toEqual({
        status: 400,
        code: 'MalformedXML',
      });
    }
    const wrongKey = await rawRequest(env.server.endpoint, {
      method: 'GET',
      path: `/${BUCKET}/other?uploadId=${UploadId}`,
    });
    expect(errorCode(wrongKey.body)).toBe('NoSuchUpload');
    const copyPart = await rawRequest(env.server.endpoint, {
      method: 'PUT',
      path: `${path}&partNumber=1`,
      headers: { 'x-amz-copy-source': `${BUCKET}/x` },
    });
    expect({ status: copyPart.status, code: errorCode(copyPart.body) }).toEqual({
      status: 501,
      code: 'NotImplemented',
    });
    expect(copyPart.body).toContain('UploadPartCopy');
    const head = await rawRequest(env.server.endpoint, { method: 'HEAD', path });
    expect(head.status).toBe(405);
    const badType = await rawRequest(env.server.endpoint, {
      method: 'POST',
      path: `/${BUCKET}/${KEY}?uploads`,
      headers: { 'x-amz-checksum-algorithm': 'CRC64NVME', 'x-amz-checksum-type': 'COMPOSITE' },
    });
    expect(errorCode(badType.body)).toBe('InvalidRequest');
  });

  it('lists unfinished uploads in key order with markers', async () => {
    const ids: string[] = [];
    for (const key of ['b/2', 'a/1', 'b/2', 'c/3']) {
      const { UploadId } = await env.s3.send(
        new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }),
      );
      ids.push(UploadId ?? '');
    }
    const all = await env.s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
    expect(all.Uploads?.map((upload) => [upload.Key, upload.UploadId])).toEqual([
      ['a/1', ids[1]],
      ['b/2', ids[0]],
      ['b/2', ids[2]],
      ['c/3', ids[3]],
    ]);
    const first = await env.s3.send(
      new ListMultipartUploadsCommand({ Bucket: BUCKET, MaxUploads: 2 }),
    );
    expect(first.IsTruncated).toBe(true);
    expect([first.NextKeyMarker, first.NextUploadIdMarker]).toEqual(['b/2', ids[0]]);
    const second = await env.s3.send(
      new ListMultipartUploadsCommand({
        Bucket: BUCKET,
        KeyMarker: first.NextKeyMarker,
        UploadIdMarker: first.NextUploadIdMarker,
      }),
    );
    expect(second.Uploads?.map((upload) => upload.UploadId)).toEqual([ids[2], ids[3]]);
    const prefixed = await env.s3.send(
      new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: 'b/' }),
    );
    expect(prefixed.Uploads?.length).toBe(2);
  });

  it('pages ListParts with max-parts and part-number-marker, refusing bad numbers', async () => {
    const { uploadId } = await uploadTwoParts();
    const page = await env.s3.send(
      new ListPartsCommand({ Bucket: BUCKET, Key: KEY, UploadId: uploadId, MaxParts: 1 }),
    );
    expect(page.Parts?.map((part) => part.PartNumber)).toEqual([1]);
    expect([page.IsTruncated, page.NextPartNumberMarker]).toEqual([true, '1']);
    const rest = await env.s3.send(
      new ListPartsCommand({ Bucket: BUCKET, Key: KEY, UploadId: uploadId, PartNumberMarker: '1' }),
    );
    expect(rest.Parts?.map((part) => part.PartNumber)).toEqual([2]);
    expect(rest.IsTruncated).toBe(false);
    const path = `/${BUCKET}/${KEY}?uploadId=${uploadId}`;
    for (const query of ['max-parts=x', 'max-parts=-1', 'part-number-marker=1.5']) {
      const raw = await rawRequest(env.server.endpoint, {
        method: 'GET',
        path: `${path}&${query}`,
      });
      expect([raw.status, errorCode(raw.body)], query).toEqual([400, 'InvalidArgument']);
    }
    const uploads = await rawRequest(env.server.endpoint, {
      method: 'GET',
      path: `/${BUCKET}?uploads&max-uploads=many`,
    });
    expect([uploads.status, errorCode(uploads.body)]).toEqual([400, 'InvalidArgument']);
    expect(uploads.body).toContain('<ArgumentName>max-uploads</ArgumentName>');
  });
});
