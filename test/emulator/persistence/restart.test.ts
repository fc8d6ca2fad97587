// Persistence across a stop and a start on the same data directory (real files, real SDK calls):
// queues with attributes and tags, messages with receive counts, visibility deadlines, delays,
// FIFO deduplication, move tasks, buckets and objects, and the virtual clock's position.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControlClient } from '../../../src/emulator/control/client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.ts';
import { type SqsCaller, sqsCaller } from '../support/sqs-clients.ts';

let dir: string;
const running: RunningEmulator[] = [];
const callers: SqsCaller[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emulator-state-'));
});
afterEach(async () => {
  for (const c of callers.splice(0)) c.destroy();
  for (const e of running.splice(0)) await e.stop();
  await rm(dir, { recursive: true, force: true });
});

async function start(
  extra: { compactBytes?: number } = {},
): Promise<{ emulator: RunningEmulator; sqs: SqsCaller }> {
  const emulator = await startEmulator({ dataDir: dir, timeScale: 0, seed: 7, ...extra });
  running.push(emulator);
  const sqs = sqsCaller('json', emulator.url);
  callers.push(sqs);
  return { emulator, sqs };
}

async function restart(emulator: RunningEmulator, extra: { compactBytes?: number } = {}) {
  await emulator.stop();
  running.splice(running.indexOf(emulator), 1);
  return start(extra);
}

function s3Client(url: string): S3Client {
  return new S3Client({
    endpoint: url,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  });
}

describe('a data directory', () => {
  it('keeps message attributes, string-only and binary ones alike', async () => {
    const first = await start();
    const { QueueUrl } = await first.sqs.call('CreateQueue', { QueueName: 'attrs' });
    const attributes = {
      trace: { DataType: 'String', StringValue: 'abc' },
      blob: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 2, 255]) },
    };
    await first.sqs.call('SendMessage', {
      QueueUrl,
      MessageBody: 'm',
      MessageAttributes: attributes,
    });
    const second = await restart(first.emulator);
    const got = await second.sqs.call('ReceiveMessage', {
      QueueUrl,
      MessageAttributeNames: ['All'],
    });
    const received = got.Messages?.[0]?.MessageAttributes;
    expect(received?.trace).toMatchObject({ DataType: 'String', StringValue: 'abc' });
    expect(Buffer.from(received?.blob?.BinaryValue ?? [])).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('keeps queues with attributes and tags, and messages with their receive state', async () => {
    const first = await start();
    const { QueueUrl } = await first.sqs.call('CreateQueue', {
      QueueName: 'work',
      Attributes: { VisibilityTimeout: '60' },
      tags: { team: 'graph' },
    });
    for (const body of ['one', 'two', 'three'])
      await first.sqs.call('SendMessage', { QueueUrl, MessageBody: body });
    await first.sqs.call('SendMessage', { QueueUrl, MessageBody: 'later', DelaySeconds: 120 });
    const received = await first.sqs.call('ReceiveMessage', { QueueUrl, MaxNumberOfMessages: 1 });
    const handle = received.Messages[0].ReceiptHandle as string;
    const nowBefore = first.emulator.clock.now();

    const second = await restart(first.emulator);
    expect(second.emulator.clock.now()).toBe(nowBefore);
    const url = second.emulator.queueUrl('work');
    const attributes = await second.sqs.call('GetQueueAttributes', {
      QueueUrl: url,
      AttributeNames: ['All'],
    });
    expect(attributes.Attributes).toMatchObject({
      VisibilityTimeout: '60',
      ApproximateNumberOfMessages: '2',
      ApproximateNumberOfMessagesNotVisible: '1',
      ApproximateNumberOfMessagesDelayed: '1',
    });
    expect((await second.sqs.call('ListQueueTags', { QueueUrl: url })).Tags).toEqual({
      team: 'graph',
    });
    // The receipt handle issued before the restart still names the message.
    await second.sqs.call('DeleteMessage', { QueueUrl: url, ReceiptHandle: handle });
    const control = new EmulatorControlClient(second.emulator.url);
    // The delayed message's deadline is a virtual instant: 120 s on, it is receivable.
    await control.advance(120_000);
    const rest = await second.sqs.call('ReceiveMessage', {
      QueueUrl: url,
      MaxNumberOfMessages: 10,
      AttributeNames: ['All'],
    });
    expect(rest.Messages.map((m: { Body: string }) => m.Body).sort()).toEqual([
      'later',
      'three',
      'two',
    ]);
    // Message ids are kept, and new messages never reuse a key or an id.
    const sent = await second.sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'new' });
    expect(rest.Messages.map((m: { MessageId: string }) => m.MessageId)).not.toContain(
      sent.MessageId,
    );
  });

  it('keeps an in-flight message in flight until its visibility deadline, with its receive count', async () => {
    const first = await start();
    const { QueueUrl } = await first.sqs.call('CreateQueue', { QueueName: 'inflight' });
    await first.sqs.call('SendMessage', { QueueUrl, MessageBody: 'x' });
    const one = await first.sqs.call('ReceiveMessage', { QueueUrl, VisibilityTimeout: 30 });
    const second = await restart(first.emulator);
    const url = second.emulator.queueUrl('inflight');
    expect(
      (await second.sqs.call('ReceiveMessage', { QueueUrl: url })).Messages ?? [],
    ).toHaveLength(0);
    await new EmulatorControlClient(second.emulator.url).advance(30_000);
    const again = await second.sqs.call('ReceiveMessage', {
      QueueUrl: url,
      AttributeNames: ['ApproximateReceiveCount'],
    });
    expect(again.Messages[0].MessageId).toBe(one.Messages[0].MessageId);
    expect(again.Messages[0].Attributes.ApproximateReceiveCount).toBe('2');
  });

  it('keeps FIFO order and deduplication ids inside their window', async () => {
    const first = await start();
    const { QueueUrl } = await first.sqs.call('CreateQueue', {
      QueueName: 'q.fifo',
      Attributes: { FifoQueue: 'true' },
    });
    const a = await first.sqs.call('SendMessage', {
      QueueUrl,
      MessageBody: 'a',
      MessageGroupId: 'g',
      MessageDeduplicationId: 'd1',
    });
    await first.sqs.call('SendMessage', {
      QueueUrl,
      MessageBody: 'b',
      MessageGroupId: 'g',
      MessageDeduplicationId: 'd2',
    });
    const second = await restart(first.emulator);
    const url = second.emulator.queueUrl('q.fifo');
    const repeat = await second.sqs.call('SendMessage', {
      QueueUrl: url,
      MessageBody: 'a',
      MessageGroupId: 'g',
      MessageDeduplicationId: 'd1',
    });
    expect(repeat.MessageId).toBe(a.MessageId);
    expect(repeat.SequenceNumber).toBe(a.SequenceNumber);
    const got = await second.sqs.call('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10 });
    expect(got.Messages.map((m: { Body: string }) => m.Body)).toEqual(['a', 'b']);
    const next = await second.sqs.call('SendMessage', {
      QueueUrl: url,
      MessageBody: 'c',
      MessageGroupId: 'g',
      MessageDeduplicationId: 'd3',
    });
    expect(BigInt(next.SequenceNumber)).toBeGreaterThan(BigInt(a.SequenceNumber));
  });

  it('keeps a running message move task, which carries on after the restart', async () => {
    const first = await start();
    const dlq = await first.sqs.call('CreateQueue', { QueueName: 'dlq' });
    const arn = first.emulator.sqs.queue('dlq').arn;
    const src = await first.sqs.call('CreateQueue', {
      QueueName: 'src',
      Attributes: {
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 1 }),
      },
    });
    for (let i = 0; i < 3; i++)
      await first.sqs.call('SendMessage', { QueueUrl: dlq.QueueUrl, MessageBody: `d${i}` });
    await first.sqs.call('StartMessageMoveTask', {
      SourceArn: arn,
      DestinationArn: first.emulator.sqs.queue('src').arn,
      MaxNumberOfMessagesPerSecond: 1,
    });
    const second = await restart(first.emulator);
    await new EmulatorControlClient(second.emulator.url).advance(5_000);
    const tasks = await second.sqs.call('ListMessageMoveTasks', { SourceArn: arn });
    expect(tasks.Results[0]).toMatchObject({
      Status: 'COMPLETED',
      ApproximateNumberOfMessagesMoved: 3,
    });
    const moved = await second.sqs.call('ReceiveMessage', {
      QueueUrl: src.QueueUrl,
      MaxNumberOfMessages: 10,
    });
    expect(moved.Messages).toHaveLength(3);
  });

  it('keeps buckets and objects, bytes and metadata', async () => {
    const first = await start();
    const s3 = s3Client(first.emulator.url);
    await s3.send(new CreateBucketCommand({ Bucket: 'payloads' }));
    await s3.send(
      new PutObjectCommand({
        Bucket: 'payloads',
        Key: 'a/b.json',
        Body: '{"x":1}',
        ContentType: 'application/json',
        Metadata: { task: 't1' },
      }),
    );
    s3.destroy();
    const second = await restart(first.emulator);
    const s3b = s3Client(second.emulator.url);
    const got = await s3b.send(new GetObjectCommand({ Bucket: 'payloads', Key: 'a/b.json' }));
    expect(await got.Body?.transformToString()).toBe('{"x":1}');
    expect(got.ContentType).toBe('application/json');
    expect(got.Metadata).toEqual({ task: 't1' });
    s3b.destroy();
  });

  it('forgets what a reset removed, and compacts its journal into a snapshot without losing state', async () => {
    const first = await start({ compactBytes: 2_000 });
    const { QueueUrl } = await first.sqs.call('CreateQueue', { QueueName: 'gone' });
    await first.sqs.call('SendMessage', { QueueUrl, MessageBody: 'x' });
    first.emulator.reset();
    const kept = await first.sqs.call('CreateQueue', { QueueName: 'kept' });
    // Enough traffic to pass the compaction bound several times.
    for (let i = 0; i < 40; i++)
      await first.sqs.call('SendMessage', { QueueUrl: kept.QueueUrl, MessageBody: `m${i}` });
    const second = await restart(first.emulator, { compactBytes: 2_000 });
    expect(second.emulator.sqs.listQueues(undefined)).toEqual(['kept']);
    expect(second.emulator.sqs.inspectMessages('kept')).toHaveLength(40);
  });
});
