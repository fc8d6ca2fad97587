// Virtual-hosted-style addressing, as SDKs use it when not told to force path style: the bucket
// travels in the Host header (`{bucket}.localhost`). Name resolution of `*.localhost` differs
// between machines, so the client's agent resolves every host to the emulator's loopback address.

import { Agent } from 'node:http';
import type { LookupFunction } from 'node:net';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './support/emulator.ts';

let server: TestEmulator;
let s3: S3Client;
const hosts: string[] = [];

const loopbackLookup: LookupFunction = (hostname, options, callback) => {
  hosts.push(hostname);
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

beforeAll(async () => {
  server = await startTestEmulator();
  const port = new URL(server.endpoint).port;
  s3 = new S3Client({
    endpoint: `http://localhost:${port}`,
    region: 'us-east-1',
    forcePathStyle: false,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: { httpAgent: new Agent({ lookup: loopbackLookup }) },
  });
});
afterAll(async () => {
  s3.destroy();
  await server.close();
});

describe('S3 through the AWS SDK with virtual-hosted-style addressing', () => {
  it('creates, writes, reads and lists a bucket addressed through {bucket}.localhost', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'hosted-payloads' }));
    await s3.send(
      new PutObjectCommand({ Bucket: 'hosted-payloads', Key: 'dir/a b.json', Body: '{"ok":true}' }),
    );
    const got = await s3.send(
      new GetObjectCommand({ Bucket: 'hosted-payloads', Key: 'dir/a b.json' }),
    );
    expect(await got.Body?.transformToString()).toBe('{"ok":true}');
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'hosted-payloads' }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual(['dir/a b.json']);
    expect(hosts).toContain('hosted-payloads.localhost');
    expect(server.service.getObject('hosted-payloads', 'dir/a b.json')?.body.toString()).toBe(
      '{"ok":true}',
    );
  });
});
