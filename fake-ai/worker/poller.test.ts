// The receive loop when the queue is not there: the error is journaled with the queue URL, and
// receiving is retried after a pause on the clock, not in a tight loop. It receives with the SQS
// client it was given.
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock, type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { type FakeAi, startFakeAi } from '../start.ts';

let emulator: RunningEmulator;
let fakeAi: FakeAi;
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
  await fakeAi.stop();
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
