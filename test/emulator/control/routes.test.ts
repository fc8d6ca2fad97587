// The control plane over HTTP through its typed client: health, clock, reset, settings and
// read-only inspection of queues and messages.
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ControlPlaneError, EmulatorControlClient } from '../../../src/emulator/control/client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.ts';

let emulator: RunningEmulator;
let control: EmulatorControlClient;
let sqs: SQSClient;

beforeAll(async () => {
  emulator = await startEmulator({ timeScale: 0, seed: 3 });
  control = new EmulatorControlClient(emulator.url);
  sqs = new SQSClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  sqs.destroy();
  await emulator.stop();
});

beforeEach(async () => {
  await control.reset();
  await control.setScale(0);
});

describe('control plane', () => {
  it('answers health checks on /health and /_harness/health', async () => {
    const plain = await fetch(`${emulator.url}/health`);
    expect(plain.status).toBe(200);
    expect(await plain.json()).toEqual({ status: 'ok' });
    expect(await control.healthy()).toBe(true);
  });

  it('reads, advances and rescales the virtual clock', async () => {
    const before = await control.clock();
    expect(before.scale).toBe(0);
    const after = await control.advance(90_000);
    expect(after.now - before.now).toBe(90_000);
    expect(after.iso).toBe(new Date(after.now).toISOString());
    expect((await control.setScale(60)).scale).toBe(60);
    await control.setScale(0);
    await expect(control.advance(-5)).rejects.toThrow(ControlPlaneError);
    await expect(control.setScale(-1)).rejects.toMatchObject({ status: 400 });
  });

  it('inspects messages in every state without changing them', async () => {
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: 'inspect', Attributes: { VisibilityTimeout: '60' } }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'in-flight' }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'visible' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'delayed', DelaySeconds: 30 }));
    const now = (await control.clock()).now;
    const detail = await control.queue('inspect');
    expect(detail.url).toBe(QueueUrl);
    expect(detail.attributes.ApproximateNumberOfMessagesNotVisible).toBe('1');
    const byBody = Object.fromEntries(detail.messages.map((m) => [m.body, m]));
    expect(byBody['in-flight']).toMatchObject({
      state: 'inflight',
      receiveCount: 1,
      visibleAt: now + 60_000,
    });
    expect(byBody['in-flight']?.receiptHandle).toEqual(expect.any(String));
    expect(byBody.visible).toMatchObject({ state: 'visible', receiveCount: 0 });
    expect(byBody.delayed).toMatchObject({ state: 'delayed', visibleAt: now + 30_000 });
    const again = await control.queue('inspect');
    expect(again.messages).toEqual(detail.messages);
    const inflight = await control.queue('inspect', { state: 'inflight' });
    expect(inflight.messages.map((m) => m.body)).toEqual(['in-flight']);
    expect((await control.queue('inspect', { limit: 2 })).messages).toHaveLength(2);
    await expect(control.queue('inspect', { limit: -1 })).rejects.toMatchObject({ status: 400 });
    expect((await control.queues()).map((q) => q.name)).toEqual(['inspect']);
  });

  it('reset removes every queue', async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: 'temp' }));
    await control.reset();
    expect(await control.queues()).toEqual([]);
    await expect(control.queue('temp')).rejects.toMatchObject({ status: 404 });
  });

  it('switches repeated purges on only when asked', async () => {
    expect(await control.settings()).toEqual({ allowRepeatedPurge: false });
    expect(await control.updateSettings({ allowRepeatedPurge: true })).toEqual({
      allowRepeatedPurge: true,
    });
    expect(emulator.sqs.settings.allowRepeatedPurge).toBe(true);
    await control.updateSettings({ allowRepeatedPurge: false });
  });

  it('answers bad control requests with clear 4xx errors', async () => {
    const post = (path: string, body: string) =>
      fetch(`${emulator.url}${path}`, { method: 'POST', body });
    const malformed = await post('/_harness/clock/advance', '{nope');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: 'the request body is not valid JSON' });
    expect((await post('/_harness/settings', '{"colour":"red"}')).status).toBe(400);
    // A refused update applies none of its keys, whatever their order.
    const mixed = await post('/_harness/settings', '{"allowRepeatedPurge":true,"colour":"red"}');
    expect(mixed.status).toBe(400);
    expect(emulator.sqs.settings.allowRepeatedPurge).toBe(false);
    for (const limit of ['', 'Infinity', '1e2', '-1', '2.5']) {
      const listed = await fetch(`${emulator.url}/_harness/sqs/queues/any?limit=${limit}`);
      expect(listed.status, limit).toBe(400);
    }
    expect((await fetch(`${emulator.url}/_harness/nothing`)).status).toBe(404);
    expect((await fetch(`${emulator.url}/_harness/reset`)).status).toBe(405);
    expect((await fetch(`${emulator.url}/_harness/sqs/queues/%E0%A4%A`)).status).toBe(400);
  });
});
