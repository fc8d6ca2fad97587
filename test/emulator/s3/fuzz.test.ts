// Seeded fuzzing of the S3 service with many malformed requests: nothing may answer a server
// error (501 NotImplemented for unsupported operations is an explicit answer, not a failure), each
// error is a well-formed S3 <Error>, and the service keeps serving valid requests afterwards.
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorRequest } from '../../../src/emulator/http/types.ts';
import { unsupportedOperation } from '../../../src/emulator/s3/routes/unsupported.ts';
import { type Random, seededRandom } from '../../../src/kernel/random.ts';
import { s3Client } from './support/clients.ts';
import { startTestEmulator, type TestEmulator } from './support/emulator.ts';
import { awsChunked, crc32Base64, deleteBody, md5Base64 } from './support/wire.ts';

const SEED = 20_260_115;
const REQUESTS = 3000;
const ANCHOR_BUCKET = 'fuzz-anchor';
const BUCKETS = ['fuzz-target', 'fuzz-other', 'no-such-bucket', 'Bad_Name', '..', 'a', ''];

let server: TestEmulator;

beforeAll(async () => {
  server = await startTestEmulator();
});
afterAll(async () => {
  await server.close();
});

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function randomBytes(random: Random, max: number): Buffer {
  const length = Math.floor(random() * max);
  return Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
}

function randomText(random: Random, max: number): string {
  const alphabet = [
    'a',
    'Z',
    '0',
    '/',
    '%',
    '%2',
    '%FF',
    '%e2%82',
    '+',
    ' ',
    '?',
    '#',
    '..',
    '.',
    '&',
    '<',
    '>',
    'ü',
    '🙂',
    '\u0000',
    '\r\n',
    ';',
    '=',
    ':',
    '-',
  ];
  const length = Math.floor(random() * max);
  return Array.from({ length }, () => pick(random, alphabet)).join('');
}

function randomPath(random: Random): string {
  const bucket = pick(random, BUCKETS);
  switch (Math.floor(random() * 6)) {
    case 0:
      return '/';
    case 1:
      return `/${bucket}`;
    case 2:
      return `/${bucket}/${encodeURIComponent(randomText(random, 20))}`;
    case 3:
      return `/${bucket}/${randomText(random, 30)}`;
    case 4:
      return `/${bucket}/${'k'.repeat(1000 + Math.floor(random() * 60))}`;
    default:
      return `/${randomText(random, 12)}/${randomText(random, 12)}`;
  }
}

function randomQuery(random: Random): URLSearchParams {
  const query = new URLSearchParams();
  const names = [
    'list-type',
    'max-keys',
    'prefix',
    'delimiter',
    'start-after',
    'continuation-token',
    'encoding-type',
    'marker',
    'delete',
    'location',
    'acl',
    'uploads',
    'uploadId',
    'partNumber',
    'tagging',
    'versions',
    'response-content-type',
    'x-id',
    '__proto__',
    'constructor',
  ];
  const count = Math.floor(random() * 4);
  for (let i = 0; i < count; i++) {
    const value = pick(random, [
      '',
      '2',
      '1',
      '-1',
      '0',
      '1001',
      'url',
      'base64',
      randomText(random, 10),
      'djE6YQ',
    ]);
    query.append(pick(random, names), value);
  }
  return query;
}

function randomHeaders(random: Random, body: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  const options: (() => void)[] = [
    () =>
      (headers.range = pick(random, [
        'bytes=0-3',
        'bytes=-0',
        'bytes=99999-',
        'bytes=5-1',
        `bytes=${randomText(random, 8)}`,
        'bytes=0-1,3-4',
      ])),
    () =>
      (headers['x-amz-checksum-crc32'] = pick(random, [
        crc32Base64(body),
        crc32Base64('x'),
        '!!',
        'AAAAAAAA',
      ])),
    () => (headers['x-amz-checksum-sha256'] = pick(random, ['', 'AAAA', randomText(random, 44)])),
    () =>
      (headers['x-amz-sdk-checksum-algorithm'] = pick(random, ['CRC32', 'crc64nvme', 'MD5', ''])),
    () => (headers['content-md5'] = pick(random, [md5Base64(body), md5Base64('x'), 'nope'])),
    () => {
      headers['content-encoding'] = pick(random, ['aws-chunked', 'gzip,aws-chunked', 'gzip']);
      headers['x-amz-content-sha256'] = pick(random, [
        'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        'UNSIGNED-PAYLOAD',
        'f'.repeat(64),
      ]);
    },
    () =>
      (headers['x-amz-decoded-content-length'] = pick(random, [
        '0',
        '5',
        '-1',
        '1e9',
        '99999999999999999999',
        String(body.length),
      ])),
    () =>
      (headers['x-amz-trailer'] = pick(random, [
        'x-amz-checksum-crc32',
        'x-amz-checksum-crc32c',
        'x-evil',
        '',
      ])),
    () =>
      (headers['x-amz-copy-source'] = pick(random, [
        'fuzz-target/k',
        '/fuzz-other/',
        '%FF/x',
        randomText(random, 20),
        `${ANCHOR_BUCKET}/anchor`,
      ])),
    () => (headers['x-amz-metadata-directive'] = pick(random, ['COPY', 'REPLACE', 'MERGE'])),
    () =>
      (headers[`x-amz-meta-${pick(random, ['a', 'b', 'big'])}`] = 'm'.repeat(
        Math.floor(random() * 3000),
      )),
    () => (headers['if-match'] = pick(random, ['*', '"abc"', randomText(random, 10)])),
    () => (headers['if-none-match'] = pick(random, ['*', '"abc"'])),
    () => (headers['x-amz-checksum-mode'] = 'ENABLED'),
  ];
  const count = Math.floor(random() * 5);
  for (let i = 0; i < count; i++) pick(random, options)();
  return headers;
}

function randomBody(random: Random): Buffer {
  switch (Math.floor(random() * 6)) {
    case 0:
      return Buffer.alloc(0);
    case 1:
      return randomBytes(random, 300);
    case 2: {
      const framed = awsChunked(['hello', 'world'], {
        trailers: [`x-amz-checksum-crc32:${crc32Base64('helloworld')}`],
      });
      const cut = Math.floor(random() * framed.length);
      return random() < 0.5
        ? framed
        : Buffer.concat([framed.subarray(0, cut), randomBytes(random, 8)]);
    }
    case 3: {
      const xml = deleteBody(
        Array.from({ length: Math.floor(random() * 5) }, () => randomText(random, 6)),
      );
      const cut = Math.floor(random() * xml.length);
      return Buffer.from(random() < 0.5 ? xml : xml.slice(0, cut) + randomText(random, 10));
    }
    case 4:
      return Buffer.from(
        '<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>'.slice(
          0,
          Math.floor(random() * 110),
        ),
      );
    default:
      return Buffer.from(randomText(random, 200));
  }
}

function randomRequest(random: Random): EmulatorRequest {
  const body = randomBody(random);
  return {
    method: pick(random, [
      'GET',
      'PUT',
      'POST',
      'DELETE',
      'HEAD',
      'PATCH',
      'OPTIONS',
      'PUT',
      'GET',
    ]),
    path: randomPath(random),
    query: randomQuery(random),
    headers: randomHeaders(random, body),
    body,
    host: '127.0.0.1',
  };
}

/**
 * 501 is allowed only as NotImplemented. HEAD answers carry no body to say so, so for HEAD the
 * router's own list of unimplemented operations must name one.
 */
function isNotImplemented(request: EmulatorRequest, code: string | undefined): boolean {
  if (request.method !== 'HEAD') return code === 'NotImplemented';
  const hasKey = /^\/[^/]+\/./.test(request.path) || request.host.includes('.localhost');
  return unsupportedOperation(request, hasKey) !== undefined;
}

describe('S3 service under seeded malformed traffic', () => {
  it(`answers ${REQUESTS} malformed requests without a server error and keeps working`, async () => {
    const s3 = s3Client(server.endpoint);
    await server.service.handle({
      method: 'PUT',
      path: `/${ANCHOR_BUCKET}`,
      query: new URLSearchParams(),
      headers: {},
      body: Buffer.alloc(0),
      host: '',
    });
    await s3.send(new PutObjectCommand({ Bucket: ANCHOR_BUCKET, Key: 'anchor', Body: 'steady' }));
    for (const bucket of ['fuzz-target', 'fuzz-other']) {
      await server.service.handle({
        method: 'PUT',
        path: `/${bucket}`,
        query: new URLSearchParams(),
        headers: {},
        body: Buffer.alloc(0),
        host: '',
      });
    }

    const random = seededRandom(SEED);
    const codes = new Map<string, number>();
    const serverErrors: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const request = randomRequest(random);
      const response = await server.service.handle(request);
      const body = response.body === undefined ? '' : response.body.toString();
      const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
      if (response.status >= 400 && request.method !== 'HEAD') {
        expect(body, `request ${i}`).toMatch(
          /^<\?xml[^>]*>\n<Error><Code>\w+<\/Code><Message>[^<]+<\/Message>/,
        );
      }
      if (response.status >= 500 && !isNotImplemented(request, code)) {
        serverErrors.push(
          `#${i} ${request.method} ${request.path.slice(0, 80)} -> ${response.status}`,
        );
      }
      const label = `${response.status} ${code ?? ''}`.trim();
      codes.set(label, (codes.get(label) ?? 0) + 1);
    }
    expect(serverErrors).toEqual([]);
    // The fuzz reaches deep: many distinct specific refusals, and some successes too.
    expect([...codes.keys()].filter((label) => label.startsWith('4')).length).toBeGreaterThan(15);
    expect([...codes.keys()].some((label) => label.startsWith('2'))).toBe(true);

    const anchor = await s3.send(new GetObjectCommand({ Bucket: ANCHOR_BUCKET, Key: 'anchor' }));
    expect(await anchor.Body?.transformToString()).toBe('steady');
    await s3.send(new PutObjectCommand({ Bucket: ANCHOR_BUCKET, Key: 'after-fuzz', Body: 'fine' }));
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: ANCHOR_BUCKET }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual(['after-fuzz', 'anchor']);
    s3.destroy();
  });
});
