// ListObjectsV2 over the real AWS SDK: byte order, delimiters, paging, start-after, url encoding
// and bad parameters.
import {
  CreateBucketCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it } from 'vitest';
import { errorCode, rawRequest } from './support/clients.ts';
import { useSdkEmulator } from './support/emulator.ts';
import { s3Failure } from './support/failure.ts';

const BUCKET = 'graph-payloads';
const KEYS = [
  'graph-generation/task_1/input.json',
  'graph-generation/task_1/result.json',
  'graph-generation/task_2/input.json',
  'graph-generation/task 3/input.json',
  'graph-summary/task_1/summary.json',
  'readme.txt',
  'z-last',
];

const env = useSdkEmulator();
beforeEach(async () => {
  env.server.service.reset();
  await env.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  for (const key of KEYS)
    await env.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
});

describe('ListObjectsV2 through the AWS SDK', () => {
  it('lists every key in byte order with sizes, ETags and KeyCount', async () => {
    const listed = await env.s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual([...KEYS].sort());
    expect(listed.KeyCount).toBe(KEYS.length);
    expect(listed.IsTruncated).toBe(false);
    expect(listed.Contents?.[0]?.Size).toBe(Buffer.byteLength(listed.Contents?.[0]?.Key ?? ''));
    expect(listed.Contents?.[0]?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('rolls keys up into CommonPrefixes at the delimiter', async () => {
    const top = await env.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Delimiter: '/' }));
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual([
      'graph-generation/',
      'graph-summary/',
    ]);
    expect(top.Contents?.map((object) => object.Key)).toEqual(['readme.txt', 'z-last']);
    expect(top.KeyCount).toBe(4);
    const tasks = await env.s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'graph-generation/', Delimiter: '/' }),
    );
    expect(tasks.CommonPrefixes?.map((p) => p.Prefix)).toEqual([
      'graph-generation/task 3/',
      'graph-generation/task_1/',
      'graph-generation/task_2/',
    ]);
    expect(tasks.Contents ?? []).toEqual([]);
  });

  it('pages with max-keys and continuation tokens, prefixes counting as items', async () => {
    const pages: { keys: string[]; prefixes: string[] }[] = [];
    for await (const page of paginateListObjectsV2(
      { client: env.s3, pageSize: 2 },
      { Bucket: BUCKET, Delimiter: '/', Prefix: 'graph-generation/' },
    )) {
      pages.push({
        keys: (page.Contents ?? []).map((object) => object.Key ?? ''),
        prefixes: (page.CommonPrefixes ?? []).map((p) => p.Prefix ?? ''),
      });
    }
    expect(pages).toEqual([
      { keys: [], prefixes: ['graph-generation/task 3/', 'graph-generation/task_1/'] },
      { keys: [], prefixes: ['graph-generation/task_2/'] },
    ]);
    const flat: string[] = [];
    for await (const page of paginateListObjectsV2(
      { client: env.s3, pageSize: 3 },
      { Bucket: BUCKET },
    )) {
      expect(page.KeyCount).toBeLessThanOrEqual(3);
      flat.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
    }
    expect(flat).toEqual([...KEYS].sort());
  });

  it('starts after a given key', async () => {
    const listed = await env.s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, StartAfter: 'graph-summary/task_1/summary.json' }),
    );
    expect(listed.Contents?.map((object) => object.Key)).toEqual(['readme.txt', 'z-last']);
    expect(listed.StartAfter).toBe('graph-summary/task_1/summary.json');
  });

  it('url-encodes keys and prefixes when asked (encoding-type=url)', async () => {
    await env.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'odd/a+b ü%.txt', Body: 'x' }));
    const raw = await rawRequest(env.server.endpoint, {
      method: 'GET',
      path: `/${BUCKET}?list-type=2&encoding-type=url&prefix=odd%2F`,
    });
    expect(raw.status).toBe(200);
    expect(raw.body).toContain('<Key>odd/a%2Bb+%C3%BC%25.txt</Key>');
    expect(raw.body).toContain('<EncodingType>url</EncodingType>');
    const grouped = await rawRequest(env.server.endpoint, {
      method: 'GET',
      path: `/${BUCKET}?list-type=2&encoding-type=url&delimiter=%2F&prefix=graph-generation%2F`,
    });
    expect(grouped.body).toContain('<Prefix>graph-generation/task+3/</Prefix>');
  });

  it('refuses bad listing parameters with InvalidArgument', async () => {
    for (const query of [
      'max-keys=-1',
      'max-keys=ten',
      'max-keys=99999999999',
      'encoding-type=base64',
      'continuation-token=not-a-token',
      'list-type=3',
    ]) {
      const raw = await rawRequest(env.server.endpoint, {
        method: 'GET',
        path: `/${BUCKET}?list-type=2&${query}`.replace('list-type=2&list-type=3', 'list-type=3'),
      });
      expect(raw.status, query).toBe(400);
      expect(errorCode(raw.body), query).toBe('InvalidArgument');
    }
    const viaSdk = await s3Failure(
      env.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: 'forged' })),
    );
    expect(viaSdk.name).toBe('InvalidArgument');
  });

  it('caps max-keys at 1000 and answers max-keys=0 with an empty, untruncated page', async () => {
    const capped = await env.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 5000 }));
    expect(capped.MaxKeys).toBe(1000);
    const none = await env.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 0 }));
    expect(none.KeyCount).toBe(0);
    expect(none.IsTruncated).toBe(false);
  });

  it('also serves ListObjects (V1) with markers', async () => {
    const first = await env.s3.send(
      new ListObjectsCommand({ Bucket: BUCKET, MaxKeys: 2, Delimiter: '/' }),
    );
    expect(first.CommonPrefixes?.map((p) => p.Prefix)).toEqual([
      'graph-generation/',
      'graph-summary/',
    ]);
    expect(first.IsTruncated).toBe(true);
    expect(first.NextMarker).toBe('graph-summary/');
    const second = await env.s3.send(
      new ListObjectsCommand({ Bucket: BUCKET, Delimiter: '/', Marker: first.NextMarker }),
    );
    expect(second.Contents?.map((object) => object.Key)).toEqual(['readme.txt', 'z-last']);
    expect(second.IsTruncated).toBe(false);
  });
});
