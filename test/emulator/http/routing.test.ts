// One port, three destinations: requests go to SQS or S3 by their SigV4 credential scope (never by
// guessing from the path), unsigned ones by X-Amz-Target / Action=; oversized bodies get a proper
// error and the server keeps serving.
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CreateQueueCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.ts';

let emulator: RunningEmulator;
const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };

beforeAll(async () => {
  emulator = await startEmulator({ timeScale: 0, seed: 2 });
});

afterAll(async () => {
  await emulator.stop();
});

describe('request routing', () => {
  it('serves S3 and SQS on one port, even for a bucket named like the account id', async () => {
    const s3 = new S3Client({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials,
      forcePathStyle: true,
    });
    const sqs = new SQSClient({ endpoint: emulator.url, region: 'us-east-1', credentials });
    await sqs.send(new CreateQueueCommand({ QueueName: 'q' }));
    await s3.send(new CreateBucketCommand({ Bucket: '000000000000' }));
    await s3.send(new PutObjectCommand({ Bucket: '000000000000', Key: 'q', Body: 'object body' }));
    const object = await s3.send(new GetObjectCommand({ Bucket: '000000000000', Key: 'q' }));
    expect(await object.Body?.transformToString()).toBe('object body');
    expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls).toEqual([
      `${emulator.url}/000000000000/q`,
    ]);
    s3.destroy();
    sqs.destroy();
  });

  it('routes unsigned requests: X-Amz-Target to SQS JSON, Action= to SQS query, the rest to S3', async () => {
    const json = await fetch(emulator.url, {
      method: 'POST',
      headers: {
        'x-amz-target': 'AmazonSQS.ListQueues',
        'content-type': 'application/x-amz-json-1.0',
      },
      body: '{}',
    });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    const form = await fetch(emulator.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListQueues&Version=2012-11-05',
    });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('<ListQueuesResponse');
    const get = await fetch(`${emulator.url}/?Action=GetQueueUrl&QueueName=q`);
    expect(await get.text()).toContain('<GetQueueUrlResult><QueueUrl>');
    const s3 = await fetch(`${emulator.url}/no-such-bucket`);
    expect(s3.status).toBe(404);
    expect(await s3.text()).toContain('NoSuchBucket');
  });

  it('trusts the credential scope over everything else', async () => {
    const scope = (service: string) =>
      `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`;
    const asS3 = await fetch(`${emulator.url}/?Action=ListQueues`, {
      headers: { authorization: scope('s3') },
    });
    expect(await asS3.text()).toContain('ListAllMyBucketsResult');
    const presigned = await fetch(
      `${emulator.url}/?Action=ListQueues&X-Amz-Credential=${encodeURIComponent('AKID/20260101/us-east-1/sqs/aws4_request')}`,
    );
    expect(await presigned.text()).toContain('<ListQueuesResponse');
  });

  it('queries may be posted to the queue URL without a QueueUrl parameter', async () => {
    await fetch(`${emulator.url}/?Action=CreateQueue&QueueName=by-path`);
    const response = await fetch(`${emulator.url}/000000000000/by-path`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=SendMessage&MessageBody=hi',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(
      '<MD5OfMessageBody>49f68a5c8493ec2c0bf489821c21fc3b</MD5OfMessageBody>',
    );
  });

  it('refuses oversized SQS bodies with a 413 in the protocol spoken, then keeps serving', async () => {
    const huge = JSON.stringify({ QueueUrl: 'x', MessageBody: 'x'.repeat(5 * 1024 * 1024) });
    const response = await fetch(emulator.url, {
      method: 'POST',
      headers: {
        'x-amz-target': 'AmazonSQS.SendMessage',
        'content-type': 'application/x-amz-json-1.0',
      },
      body: huge,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      __type: 'com.amazonaws.sqs#RequestEntityTooLarge',
    });
    expect((await fetch(`${emulator.url}/health`)).status).toBe(200);
    const control = await fetch(`${emulator.url}/_harness/faults`, {
      method: 'POST',
      body: 'x'.repeat(5 * 1024 * 1024),
    });
    expect(control.status).toBe(413);
    expect(await control.json()).toEqual({ error: expect.stringContaining('at most') });
  });
});
