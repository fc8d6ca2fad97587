// The receive loop: it asks for as many messages as it has free hands and works on at most
// `concurrency` at once; a handler failure is journaled without stopping it. When the queue is not
// there the error is journaled with the queue URL, and receiving is retried after a pause on the
// clock, not in a tight loop. It receives with the SQS client it was given.
import { S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  type Message,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../fake-ai/journal.ts';
import { pollRequests } from '../../../fake-ai/requests/poller.ts';
import { type FakeAi, startFakeAi } from '../../../fake-ai/start.ts';
import { manualClock, type RunningEmulator, startEmulator } from '../../../src/emulator/index.ts';

let emulator: RunningEmulator;
let fakeAi: FakeAi | undefined;
let sqs: SQSClient;
let s3: S3Client;
const clock = manualClock(Date.UTC(2026, 10, 26));

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, clock, seed: 2 });
  const common = {
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  sqs = new SQSClient(common);
  s3 = new S3Client({ ...common, forcePathStyle: true });
});
afterEach(async () => {
  await fakeAi?.stop();
  fakeAi = undefined;
  sqs.destroy();
  s3.destroy();
  await emulator.stop();
});

describe('receive loop', () => {
  it('journals a failed receive and retries one second later on the clock', async () => {
    const missing = `${emulator.url}/000000000000/no-such-queue`;
    fakeAi = await startFakeAi({
      requestQueueUrl: missing,
      resultQueueUrl: missing,
      sqs,
      s3,
      clock,
      logger: pino({ level: 'silent' }),
    });
    const first = await fakeAi.journal.waitFor((e) => e.kind === 'error');
    expect(first.detail).toMatchObject({ during: 'receive', queueUrl: missing });
    expect(String(first.detail?.error)).toMatch(/QueueDoesNotExist|NonExistentQueue/);
    expect(fakeAi.journal.entries({ kind: 'error' })).toHaveLength(1);
    clock.advance(1_000);
    const second = await fakeAi.journal.waitFor((e) => e.kind === 'error' && e.seq > first.seq);
    expect(Date.parse(second.at) - Date.parse(first.at)).toBe(1_000);
  });

  it('receives with the SQS client it was given when it builds only its own S3 client', async () => {
    let receives = 0;
    sqs.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'ReceiveMessageCommand') receives++;
        return next(args);
      },
      { step: 'initialize' },
    );
    const missing = `${emulator.url}/000000000000/no-such-queue`;
    fakeAi = await startFakeAi({
      requestQueueUrl: missing,
      resultQueueUrl: missing,
      sqs,
      endpoint: emulator.url,
      clock,
      logger: pino({ level: 'silent' }),
    });
    await fakeAi.journal.waitFor((e) => e.kind === 'error');
    expect(receives).toBe(1);
  });
});

describe('receive loop with several hands', () => {
  it('asks for as many messages as it has free hands and works on at most that many', async () => {
    const { QueueUrl: queueUrl = '' } = await sqs.send(
      new CreateQueueCommand({ QueueName: 'hands' }),
    );
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Array.from({ length: 7 }, (_, i) => ({ Id: String(i), MessageBody: `m${i}` })),
      }),
    );
    const asked: number[] = [];
    sqs.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'ReceiveMessageCommand') {
          asked.push((args.input as { MaxNumberOfMessages: number }).MaxNumberOfMessages);
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const stop = new AbortController();
    const journal = new Journal(() => clock.now());
    const started: string[] = [];
    const releases: (() => void)[] = [];
    let atOnce = 0;
    let most = 0;
    const loop = pollRequests({
      sqs,
      queueUrl,
      clock,
      journal,
      signal: stop.signal,
      waitTimeSeconds: 0,
      concurrency: 3,
      handle: async (message: Message) => {
        started.push(message.Body ?? '');
        most = Math.max(most, ++atOnce);
        await new Promise<void>((resolve) => releases.push(resolve));
        atOnce--;
        if (message.Body === 'm0') throw new Error('handler bug');
      },
    });
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise((resolve) => setImmediate(resolve));
    };
    await until(() => started.length === 3);
    expect(asked[0]).toBe(3);
    // Two hands come free: the next receive asks for two.
    releases.shift()?.();
    releases.shift()?.();
    await until(() => started.length === 5);
    expect(asked.at(-1)).toBe(2);
    while (started.length < 7 || releases.length > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    stop.abort();
    await loop;
    expect(started.sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    expect(most).toBe(3);
    expect(journal.entries({ kind: 'error' }).map((e) => e.detail)).toEqual([
      { during: 'handle', queueUrl, error: 'Error: handler bug' },
    ]);
  });
});
