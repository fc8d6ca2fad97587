// Bucket operations over the real AWS SDK: create (with region-faithful re-create), head, list
// with paging, location, delete, and the errors S3 gives for names and missing buckets.
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketLocationCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutObjectCommand,
  paginateListBuckets,
} from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it } from 'vitest';
import { errorCode, rawRequest } from './support/clients.ts';
import { useSdkEmulator } from './support/emulator.ts';
import { s3Failure } from './support/failure.ts';

const env = useSdkEmulator();
beforeEach(() => env.server.service.reset());

describe('S3 buckets through the AWS SDK', () => {
  it('creates, lists, heads and deletes a bucket, stamping the injected clock', async () => {
    await env.s3.send(new CreateBucketCommand({ Bucket: 'graph-payloads' }));
    await env.s3.send(new HeadBucketCommand({ Bucket: 'graph-payloads' }));
    const listed = await env.s3.send(new ListBucketsCommand({}));
    expect(listed.Buckets?.map((bucket) => bucket.Name)).toEqual(['graph-payloads']);
    expect(listed.Buckets?.[0]?.CreationDate?.getTime()).toBe(env.server.clock.now);
    await env.s3.send(new DeleteBucketCommand({ Bucket: 'graph-payloads' }));
    expect(env.server.service.listBuckets()).toEqual([]);
  });

  it('answers 200 to re-creating an owned bucket in us-east-1, keeping it as it was', async () => {
    await env.s3.send(new CreateBucketCommand({ Bucket: 'graph-payloads' }));
    await env.s3.send(
      new PutObjectCommand({ Bucket: 'graph-payloads', Key: 'a.json', Body: '{}' }),
    );
    env.server.clock.advance(5000);
    const again = await env.s3.send(new CreateBucketCommand({ Bucket: 'graph-payloads' }));
    expect(again.$metadata.httpStatusCode).toBe(200);
    expect(env.server.service.listKeys('graph-payloads')).toEqual(['a.json']);
    expect(env.server.service.listBuckets()[0]?.creationDate).toBe(env.server.clock.now - 5000);
  });

  it('answers BucketAlreadyOwnedByYou (409) when the bucket exists outside us-east-1', async () => {
    const create = () =>
      env.s3.send(
        new CreateBucketCommand({
          Bucket: 'eu-payloads',
          CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
        }),
      );
    await create();
    const error = await s3Failure(create());
    expect(error.name).toBe('BucketAlreadyOwnedByYou');
    expect(error.$metadata.httpStatusCode).toBe(409);
    // Asking us-east-1 for a bucket that lives elsewhere is no legacy re-create either.
    const home = await s3Failure(env.s3.send(new CreateBucketCommand({ Bucket: 'eu-payloads' })));
    expect(home.name).toBe('BucketAlreadyOwnedByYou');
  });

  it('keeps a LocationConstraint from CreateBucketConfiguration and reports it', async () => {
    await env.s3.send(
      new CreateBucketCommand({
        Bucket: 'eu-payloads',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    const location = await env.s3.send(new GetBucketLocationCommand({ Bucket: 'eu-payloads' }));
    expect(location.LocationConstraint).toBe('eu-west-1');
    await env.s3.send(new CreateBucketCommand({ Bucket: 'us-payloads' }));
    const home = await env.s3.send(new GetBucketLocationCommand({ Bucket: 'us-payloads' }));
    expect(home.LocationConstraint ?? '').toBe('');
  });

  it('refuses an explicit us-east-1 constraint and a malformed configuration body', async () => {
    // The SDK's types already forbid naming us-east-1, so this one goes over raw HTTP.
    const explicit = await rawRequest(env.server.endpoint, {
      method: 'PUT',
      path: '/explicit-home',
      body: '<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>us-east-1</LocationConstraint></CreateBucketConfiguration>',
    });
    expect(explicit.status).toBe(400);
    expect(errorCode(explicit.body)).toBe('InvalidLocationConstraint');
    const malformed = await rawRequest(env.server.endpoint, {
      method: 'PUT',
      path: '/broken-config',
      body: '<CreateBucketConfiguration><LocationConstraint>',
    });
    expect(malformed.status).toBe(400);
    expect(errorCode(malformed.body)).toBe('MalformedXML');
    expect(env.server.service.listBuckets()).toEqual([]);
  });

  it('refuses to delete a bucket that still holds objects (BucketNotEmpty)', async () => {
    await env.s3.send(new CreateBucketCommand({ Bucket: 'graph-payloads' }));
    await env.s3.send(
      new PutObjectCommand({ Bucket: 'graph-payloads', Key: 'a.json', Body: '{}' }),
    );
    const error = await s3Failure(
      env.s3.send(new DeleteBucketCommand({ Bucket: 'graph-payloads' })),
    );
    expect(error.name).toBe('BucketNotEmpty');
    expect(error.$metadata.httpStatusCode).toBe(409);
    expect(env.server.service.listKeys('graph-payloads')).toEqual(['a.json']);
  });

  it('answers NoSuchBucket with the bucket name, and a bare 404 to HEAD', async () => {
    const raw = await rawRequest(env.server.endpoint, {
      method: 'GET',
      path: '/missing-bucket?list-type=2',
    });
    expect(raw.status).toBe(404);
    expect(errorCode(raw.body)).toBe('NoSuchBucket');
    expect(raw.body).toContain('<BucketName>missing-bucket</BucketName>');
    expect(raw.body).toContain('<RequestId>');
    const head = await rawRequest(env.server.endpoint, { method: 'HEAD', path: '/missing-bucket' });
    expect(head.status).toBe(404);
    expect(head.body).toBe('');
    const error = await s3Failure(env.s3.send(new HeadBucketCommand({ Bucket: 'missing-bucket' })));
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it.each([
    ['ab', 'too short'],
    ['Upper-Case', 'upper case'],
    ['under_score', 'underscore'],
    ['-leading-hyphen', 'leading hyphen'],
    ['two..dots', 'adjacent dots'],
    ['192.168.0.1', 'IP address'],
    ['xn--punycode', 'reserved prefix'],
    ['a'.repeat(64), 'too long'],
  ])('refuses the bucket name %j (%s) with InvalidBucketName', async (name) => {
    const raw = await rawRequest(env.server.endpoint, { method: 'PUT', path: `/${name}` });
    expect(raw.status).toBe(400);
    expect(errorCode(raw.body)).toBe('InvalidBucketName');
    expect(env.server.service.listBuckets()).toEqual([]);
  });

  it('pages and filters ListBuckets (max-buckets, continuation-token, prefix)', async () => {
    for (const name of ['team-a-1', 'team-a-2', 'team-a-3', 'team-b-1', 'other-1']) {
      await env.s3.send(new CreateBucketCommand({ Bucket: name }));
    }
    const pages: string[][] = [];
    for await (const page of paginateListBuckets(
      { client: env.s3, pageSize: 2 },
      { Prefix: 'team-' },
    )) {
      pages.push((page.Buckets ?? []).map((bucket) => bucket.Name ?? ''));
    }
    expect(pages).toEqual([
      ['team-a-1', 'team-a-2'],
      ['team-a-3', 'team-b-1'],
    ]);
    for (const query of [
      'max-buckets=0',
      'max-buckets=10001',
      'max-buckets=x',
      'continuation-token=%25%25',
    ]) {
      const raw = await rawRequest(env.server.endpoint, { method: 'GET', path: `/?${query}` });
      expect(errorCode(raw.body), query).toBe('InvalidArgument');
    }
  });
});
