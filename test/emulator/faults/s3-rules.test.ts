// S3 fault rules over real HTTP with the real S3 client: errors and virtual-time latency matched by
// operation, bucket and key prefix; spec checks; and the message journal the control plane serves.
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ControlPlaneError, EmulatorControlClient } from '../../../src/emulator/control/client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.ts';

let emulator: RunningEmulator;
let control: EmulatorControlClient;
let s3: S3Client;

const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };

beforeAll(async () => {
  emulator = await startEmulator({ timeScale: 0, seed: 7 });
  control = new EmulatorControlClient(emulator.url);
  s3 = new S3Client({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials,
    forcePathStyle: true,
    maxAttempts: 1,
  });
});

afterAll(async () => {
  s3.destroy();
  await emulator.stop();
});

beforeEach(async () => {
  await control.reset();
  await s3.send(new CreateBucketCommand({ Bucket: 'payloads' }));
  await s3.send(new PutObjectCommand({ Bucket: 'payloads', Key: 'in/a.json', Body: '{}' }));
  await s3.send(new PutObjectCommand({ Bucket: 'payloads', Key: 'out/b.json', Body: '{}' }));
});

function get(key: string) {
  return s3.send(new GetObjectCommand({ Bucket: 'payloads', Key: key }));
}

async function failure(promise: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('the call succeeded');
}

describe('S3 fault rules', () => {
  it('answers the error for a matching operation and key prefix only, counting hits', async () => {
    const rule = await control.addFault({
      operation: 'GetObject',
      bucket: 'payloads',
      keyPrefix: 'in/',
      effect: { type: 'error', error: 'SlowDown' },
    });
    expect(await failure(get('in/a.json'))).toEqual({ name: 'SlowDown', status: 503 });
    await get('out/b.json');
    await s3.send(new PutObjectCommand({ Bucket: 'payloads', Key: 'in/c.json', Body: '{}' }));
    expect((await control.fault(rule.id)).hits).toBe(1);
  });

  it('matches every S3 call with service "s3" alone and leaves SQS alone', async () => {
    await control.addFault({
      service: 's3',
      maxHits: 2,
      effect: { type: 'error', error: 'InternalError' },
    });
    expect(await failure(s3.send(new ListObjectsV2Command({ Bucket: 'payloads' })))).toEqual({
      name: 'InternalError',
      status: 500,
    });
    expect((await failure(get('out/b.json'))).status).toBe(500);
    await get('out/b.json');
  });

  it('delays a matching call by virtual time, released by advancing the clock', async () => {
    await control.addFault({ operation: 'PutObject', effect: { type: 'latency', ms: 5000 } });
    let done = false;
    const put = s3
      .send(new PutObjectCommand({ Bucket: 'payloads', Key: 'x', Body: '1' }))
      .then(() => {
        done = true;
      });
    await get('in/a.json');
    expect(done).toBe(false);
    await control.advance(5000);
    await put;
    expect(done).toBe(true);
  });

  it('refuses specs that mix services or ask S3 for what it cannot do', async () => {
    const refused = async (spec: unknown) => {
      try {
        await control.addFault(spec as never);
      } catch (error) {
        expect(error).toBeInstanceOf(ControlPlaneError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(await refused({ bucket: 'b', queue: 'q', effect: { type: 'latency', ms: 1 } })).toMatch(
      /"queue" match SQS calls/,
    );
    expect(await refused({ operation: 'GetObject', effect: { type: 'duplicate' } })).toMatch(
      /"error" or "latency"/,
    );
    expect(
      await refused({ keyPrefix: 'x', effect: { type: 'error', error: 'ThrottlingException' } }),
    ).toMatch(/InternalError, ServiceUnavailable, SlowDown/);
    expect(
      await refused({ action: 'SendMessage', effect: { type: 'error', error: 'SlowDown' } }),
    ).toMatch(/an SQS rule's "effect.error"/);
    expect(await refused({ service: 'ec2', effect: { type: 'latency', ms: 1 } })).toMatch(
      /"sqs" or "s3"/,
    );
    expect(await refused({ bucket: 7, effect: { type: 'latency', ms: 1 } })).toMatch(
      /"bucket" must be a string/,
    );
  });
});

describe('the message journal', () => {
  it('lists sends, receives and deletes in order with their bodies', async () => {
    const sqs = new SQSClient({ endpoint: emulator.url, region: 'us-east-1', credentials });
    try {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'j' }));
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'task-1' }));
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
      await sqs.send(
        new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages![0]!.ReceiptHandle! }),
      );
      const page = await control.journal();
      expect(page.events.map((e) => [e.kind, e.queue, e.body, e.receiveCount])).toEqual([
        ['sent', 'j', 'task-1', 0],
        ['received', 'j', 'task-1', 1],
        ['deleted', 'j', 'task-1', 1],
      ]);
      expect((await control.journal(page.events[1]!.seq)).events.map((e) => e.kind)).toEqual([
        'deleted',
      ]);
      await expect(
        fetch(`${emulator.url}/_harness/journal?after=-1`).then((r) => r.status),
      ).resolves.toBe(400);
    } finally {
      sqs.destroy();
    }
  });
});
