// The in-process API: startEmulator's defaults, an injected clock, reset, client hang-ups ending
// parked long polls, and stop() with polls still parked.
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { EmulatorControlClient } from '../../src/emulator/control/client.ts';
import { startEmulator } from '../../src/emulator/index.ts';
import { manualClock } from '../../src/kernel/virtual-clock.ts';

const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never held');
}

describe('startEmulator', () => {
  it('binds 127.0.0.1 on a free port and uses an injected clock', async () => {
    const clock = manualClock(Date.UTC(2030, 5, 1));
    const emulator = await startEmulator({ clock, seed: 1 });
    try {
      expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
      expect(emulator.port).toBeGreaterThan(0);
      expect(emulator.region).toBe('us-east-1');
      expect(emulator.queueUrl('jobs')).toBe(`${emulator.url}/000000000000/jobs`);
      const control = new EmulatorControlClient(emulator.url);
      expect((await control.clock()).now).toBe(Date.UTC(2030, 5, 1));
      clock.advance(1_000);
      expect((await control.clock()).now).toBe(Date.UTC(2030, 5, 1) + 1_000);
    } finally {
      await emulator.stop();
    }
  });

  it('ends a parked long poll when its client hangs up, so it takes no message', async () => {
    const emulator = await startEmulator({ timeScale: 0, seed: 2 });
    const control = new EmulatorControlClient(emulator.url);
    const sqs = new SQSClient({ endpoint: emulator.url, region: 'us-east-1', credentials });
    try {
      await fetch(`${emulator.url}/?Action=CreateQueue&QueueName=q`);
      const abort = new AbortController();
      const poll = fetch(emulator.url, {
        method: 'POST',
        headers: {
          'x-amz-target': 'AmazonSQS.ReceiveMessage',
          'content-type': 'application/x-amz-json-1.0',
        },
        body: JSON.stringify({ QueueUrl: `${emulator.url}/000000000000/q`, WaitTimeSeconds: 20 }),
        signal: abort.signal,
      }).catch(() => 'aborted');
      await until(async () => (await control.queue('q')).waitingPolls === 1);
      abort.abort();
      expect(await poll).toBe('aborted');
      await until(async () => (await control.queue('q')).waitingPolls === 0);
      const QueueUrl = `${emulator.url}/000000000000/q`;
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'kept' }));
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
      expect(Messages?.map((m) => m.Body)).toEqual(['kept']);
    } finally {
      sqs.destroy();
      await emulator.stop();
    }
  });

  it('stops promptly with long polls still parked, and reset() empties everything', async () => {
    const emulator = await startEmulator({ timeScale: 0, seed: 3 });
    const sqs = new SQSClient({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
    let stopped = false;
    try {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'parked' }));
      emulator.reset();
      expect(emulator.sqs.queueNames()).toEqual([]);
      await sqs.send(new CreateQueueCommand({ QueueName: 'parked' }));
      const poll = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 })).then(
        (r) => r.Messages ?? [],
        () => 'closed',
      );
      await until(async () => emulator.sqs.waitingPolls('parked') === 1);
      stopped = true;
      await emulator.stop();
      expect(await poll).toEqual([]);
    } finally {
      sqs.destroy();
      if (!stopped) await emulator.stop();
    }
  });
});
