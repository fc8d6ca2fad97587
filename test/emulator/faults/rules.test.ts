// Fault rules over real HTTP: errors and throttling, virtual-time latency, duplicate delivery,
// lost deletes, early visibility expiry, matching, max counts, hit counts and seeded draws.
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControlClient } from '../../../src/emulator/control/client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.ts';

let emulator: RunningEmulator;
let control: EmulatorControlClient;
let sqs: SQSClient;
let queueUrl: string;

function client(url: string): SQSClient {
  return new SQSClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
  });
}

beforeAll(async () => {
  emulator = await startEmulator({ timeScale: 0, seed: 5 });
  control = new EmulatorControlClient(emulator.url);
  sqs = client(emulator.url);
});

afterAll(async () => {
  sqs.destroy();
  await emulator.stop();
});

beforeEach(async () => {
  await control.reset();
  queueUrl = (
    await sqs.send(
      new CreateQueueCommand({ QueueName: 'work', Attributes: { VisibilityTimeout: '30' } }),
    )
  ).QueueUrl!;
});

afterEach(async () => {
  await control.clearFaults();
});

const send = (body: string, attributes?: Record<string, string>) =>
  sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: body,
      ...(attributes
        ? {
            MessageAttributes: Object.fromEntries(
              Object.entries(attributes).map(([k, v]) => [
                k,
                { DataType: 'String', StringValue: v },
              ]),
            ),
          }
        : {}),
    }),
  );
const receiveAll = async () =>
  (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 })))
    .Messages ?? [];

async function failure(promise: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return {
      name: e.name,
      ...(e.$metadata?.httpStatusCode ? { status: e.$metadata.httpStatusCode } : {}),
    };
  }
  throw new Error('expected the call to fail');
}

describe('fault rules', () => {
  it('injects a 500 InternalError on a chosen action and queue, at most maxHits times', async () => {
    const rule = await control.addFault({
      action: 'SendMessage',
      queue: 'work',
      maxHits: 1,
      effect: { type: 'error', error: 'InternalError' },
    });
    expect(await failure(send('a'))).toEqual({ name: 'InternalError', status: 500 });
    await send('b');
    expect((await control.fault(rule.id)).hits).toBe(1);
    expect((await receiveAll()).map((m) => m.Body)).toEqual(['b']);
  });

  it('throttles with ThrottlingException and RequestThrottled', async () => {
    await control.addFault({
      action: 'ReceiveMessage',
      effect: { type: 'error', error: 'ThrottlingException' },
    });
    expect(await failure(receiveAll())).toMatchObject({ name: 'ThrottlingException', status: 400 });
    await control.clearFaults();
    await control.addFault({
      action: ['SendMessage'],
      effect: { type: 'error', error: 'RequestThrottled' },
    });
    expect(await failure(send('x'))).toMatchObject({ name: 'RequestThrottled', status: 403 });
    await control.clearFaults();
    await control.addFault({
      action: 'ReceiveMessage',
      effect: { type: 'error', error: 'OverLimit' },
    });
    expect(await failure(receiveAll())).toMatchObject({ name: 'OverLimit', status: 403 });
  });

  it('matches by body substring and message attribute', async () => {
    const byBody = await control.addFault({
      bodyContains: 'poison',
      effect: { type: 'error', error: 'InternalError' },
    });
    const byAttribute = await control.addFault({
      messageAttribute: { name: 'kind', value: 'bad' },
      effect: { type: 'error', error: 'ServiceUnavailable' },
    });
    await send('fine');
    expect((await failure(send('some poison here'))).status).toBe(500);
    await send('fine', { kind: 'good' });
    expect((await failure(send('fine', { kind: 'bad' }))).status).toBe(503);
    expect((await control.fault(byBody.id)).hits).toBe(1);
    expect((await control.fault(byAttribute.id)).hits).toBe(1);
  });

  it('delays a call by virtual time, released by advancing the clock', async () => {
    const rule = await control.addFault({
      action: 'SendMessage',
      effect: { type: 'latency', ms: 5_000 },
    });
    const pending = send('slow');
    for (let i = 0; i < 200 && (await control.fault(rule.id)).hits === 0; i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await control.queue('work')).messages).toEqual([]);
    await control.advance(5_000);
    await pending;
    expect((await control.queue('work')).messages).toHaveLength(1);
  });

  it('serves counted latency before an error that fires on the same call', async () => {
    const slow = await control.addFault({
      action: 'SendMessage',
      effect: { type: 'latency', ms: 2_000 },
    });
    const broken = await control.addFault({
      action: 'SendMessage',
      maxHits: 1,
      effect: { type: 'error', error: 'ServiceUnavailable' },
    });
    let settled = false;
    const pending = failure(send('slow then failing')).finally(() => {
      settled = true;
    });
    for (let i = 0; i < 200 && (await control.fault(broken.id)).hits === 0; i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await control.fault(slow.id)).hits).toBe(1);
    expect(settled).toBe(false);
    await control.advance(2_000);
    expect(await pending).toEqual({ name: 'ServiceUnavailable', status: 503 });
    expect((await control.queue('work')).messages).toEqual([]);
    expect((await control.fault(broken.id)).hits).toBe(1);
  });

  it('duplicates delivery: the same message id arrives twice with different handles', async () => {
    await control.addFault({ bodyContains: 'dup', effect: { type: 'duplicate' } });
    const sent = await send('dup me');
    const messages = await receiveAll();
    expect(messages.map((m) => m.MessageId)).toEqual([sent.MessageId, sent.MessageId]);
    expect(messages[0]?.ReceiptHandle).not.toBe(messages[1]?.ReceiptHandle);
  });

  it('loses a delete: success is answered but the message comes back', async () => {
    await control.addFault({ queue: 'work', maxHits: 1, effect: { type: 'lostDelete' } });
    await send('sticky');
    const [m] = await receiveAll();
    await sqs.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m!.ReceiptHandle }),
    );
    await control.advance(30_000);
    const [back] = await receiveAll();
    expect(back?.MessageId).toBe(m?.MessageId);
    await sqs.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: back!.ReceiptHandle }),
    );
    await control.advance(30_000);
    expect(await receiveAll()).toEqual([]);
  });

  it('expires visibility early (or late) by the given offset', async () => {
    await control.addFault({ queue: 'work', effect: { type: 'visibility', offsetMs: -25_000 } });
    await send('early');
    await receiveAll();
    await control.advance(5_000);
    expect(await receiveAll()).toHaveLength(1);
  });

  it('draws probabilities from the seeded generator: same seed, same pattern', async () => {
    const pattern = async (url: string) => {
      const c = client(url);
      const ctl = new EmulatorControlClient(url);
      const { QueueUrl } = await c.send(new CreateQueueCommand({ QueueName: 'p' }));
      await ctl.addFault({
        action: 'SendMessage',
        probability: 0.5,
        effect: { type: 'error', error: 'InternalError' },
      });
      const outcomes: boolean[] = [];
      for (let i = 0; i < 24; i++) {
        outcomes.push(
          await c.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' })).then(
            () => true,
            () => false,
          ),
        );
      }
      c.destroy();
      return outcomes;
    };
    const a = await startEmulator({ timeScale: 0, seed: 99 });
    const b = await startEmulator({ timeScale: 0, seed: 99 });
    try {
      const first = await pattern(a.url);
      expect(await pattern(b.url)).toEqual(first);
      expect(first.filter(Boolean).length).toBeGreaterThan(0);
      expect(first.filter((x) => !x).length).toBeGreaterThan(0);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('rejects malformed rules with a 400 naming the problem', async () => {
    await expect(control.addFault({ effect: { type: 'explode' } } as never)).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('"effect.type" must be one of'),
    });
    await expect(
      control.addFault({ probability: 2, effect: { type: 'lostDelete' } }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(control.removeFault('rule-999')).rejects.toMatchObject({ status: 404 });
  });
});
