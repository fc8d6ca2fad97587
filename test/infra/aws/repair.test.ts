// Repair of missing infrastructure with real SDK clients against the emulator: calls that find
// the queue or the bucket gone share one re-application and succeed; other errors pass through.
import { Readable } from 'node:stream';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DeleteQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLog } from '../../../src/core/ports/log.ts';
import { type AwsClients, createAwsClients } from '../../../src/infra/aws/clients.ts';
import {
  type InfrastructureRepair,
  isMissingInfrastructure,
  repairMissingInfrastructure,
} from '../../../src/infra/aws/repair.ts';
import { applyInfrastructure, type Infrastructure } from '../../../src/infra/aws/setup.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('infrastructure repair', () => {
  let stack: TestStack;
  let clients: AwsClients;
  let infra: Infrastructure;
  let repair: InfrastructureRepair;

  beforeAll(async () => {
    stack = await startTestStack();
    const target = { endpoint: stack.emulator.url, region: 'us-east-1', maxAttempts: 1 };
    clients = createAwsClients(target);
    const config = {
      queues: { requestUrl: stack.infra.request.url, resultUrl: stack.infra.result.url },
      bucket: stack.payloads.bucket,
      aws: { endpoint: stack.emulator.url, region: 'us-east-1' },
    };
    infra = stack.infra;
    repair = repairMissingInfrastructure(
      clients,
      () => applyInfrastructure(stack.clients, config),
      silentLog,
    );
  });
  afterAll(async () => {
    clients?.destroy();
    await stack?.stop();
  });

  it('re-makes a deleted queue once for calls failing together, and the calls go through', async () => {
    await stack.clients.sqs.send(new DeleteQueueCommand({ QueueUrl: infra.request.url }));
    // As on AWS, a deleted queue's name is free again only after 60 seconds.
    stack.emulator.clock.advance(61_000);
    const before = repair.repairs;
    const sends = await Promise.all(
      [1, 2, 3].map((n) =>
        clients.sqs.send(
          new SendMessageCommand({ QueueUrl: infra.request.url, MessageBody: `m${n}` }),
        ),
      ),
    );
    expect(sends.every((s) => typeof s.MessageId === 'string')).toBe(true);
    expect(repair.repairs - before).toBe(1);
    expect((await stack.control.queue('graphnode-request-queue')).messages).toHaveLength(3);
  });

  it('re-makes the bucket after an emulator reset', async () => {
    await stack.control.reset();
    await clients.s3.send(
      new PutObjectCommand({ Bucket: stack.payloads.bucket, Key: 'k.json', Body: '{}' }),
    );
    expect(await stack.payloads.getText('k.json')).toBe('{}');
  });

  it('repairs but does not resend a streamed body (consumed by the first try): the caller retries', async () => {
    await stack.control.reset();
    const before = repair.repairs;
    await expect(
      clients.s3.send(
        new PutObjectCommand({
          Bucket: stack.payloads.bucket,
          Key: 'streamed.txt',
          Body: Readable.from([Buffer.from('abc')]),
          ContentLength: 3,
        }),
      ),
    ).rejects.toMatchObject({ name: 'NoSuchBucket' });
    expect(repair.repairs).toBe(before + 1);
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: stack.payloads.bucket,
        Key: 'streamed.txt',
        Body: Readable.from([Buffer.from('abc')]),
        ContentLength: 3,
      }),
    );
    expect(await stack.payloads.getText('streamed.txt')).toBe('abc');
  });

  it('lets other errors through untouched', async () => {
    const before = repair.repairs;
    await expect(
      clients.sqs.send(new SendMessageCommand({ QueueUrl: infra.request.url, MessageBody: '' })),
    ).rejects.toThrow();
    expect(repair.repairs).toBe(before);
  });

  it('recognises the missing-queue and missing-bucket errors of both SQS protocols and S3', () => {
    expect(isMissingInfrastructure({ name: 'QueueDoesNotExist' })).toBe(true);
    expect(
      isMissingInfrastructure({ name: 'X', Code: 'AWS.SimpleQueueService.NonExistentQueue' }),
    ).toBe(true);
    expect(isMissingInfrastructure({ name: 'NoSuchBucket' })).toBe(true);
    expect(isMissingInfrastructure({ name: 'NoSuchKey' })).toBe(false);
    expect(isMissingInfrastructure(null)).toBe(false);
    expect(isMissingInfrastructure('QueueDoesNotExist')).toBe(false);
  });
});
