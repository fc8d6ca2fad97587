// The emulator is browser-safe by default: a web page on another origin cannot reset it or send
// messages through it (a cross-origin form post carries an Origin), and a page that rebinds its
// DNS name to 127.0.0.1 (a foreign Host) cannot read message bodies. SDKs send neither and pass;
// the emulator's own origin (its dashboard) and configured hosts and origins pass too.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorControlClient } from '../../../src/emulator/control/client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.ts';
import { rawRequest } from '../../support/raw-http.ts';
import { sqsCaller } from '../support/sqs-clients.ts';

describe('emulator origin and Host guard', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControlClient;
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      timeScale: 0,
      seed: 1,
      allowedHosts: ['emulator'],
      allowedOrigins: ['http://localhost:5173'],
    });
    control = new EmulatorControlClient(emulator.url);
    const json = sqsCaller('json', emulator.url);
    await json.call('CreateQueue', { QueueName: 'q' });
    json.destroy();
  });
  afterAll(() => emulator?.stop());

  it('serves SDK clients, which send no Origin', async () => {
    for (const protocol of ['json', 'query'] as const) {
      const caller = sqsCaller(protocol, emulator.url);
      const listed = await caller.call('ListQueues', {});
      caller.destroy();
      expect(listed.QueueUrls).toHaveLength(1);
    }
  });

  it('refuses a cross-origin form post to the control plane: nothing is reset', async () => {
    const res = await rawRequest(emulator.port, {
      path: '/_harness/reset',
      method: 'POST',
      headers: { ...form, origin: 'http://evil.example' },
    });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text).error).toContain('Origin "http://evil.example"');
    expect((await control.queues()).map((q) => q.name)).toEqual(['q']);
  });

  it('refuses a cross-origin SendMessage in the protocol the request speaks: nothing is sent', async () => {
    const body = `Action=SendMessage&QueueUrl=${encodeURIComponent(emulator.queueUrl('q'))}&MessageBody=hi`;
    const query = await rawRequest(emulator.port, {
      path: '/',
      method: 'POST',
      headers: { ...form, origin: 'http://evil.example' },
      body,
    });
    expect(query.status).toBe(403);
    expect(query.text).toContain('<Code>AccessDenied</Code>');
    const json = await rawRequest(emulator.port, {
      path: '/',
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.SendMessage',
        origin: 'null',
      },
      body: JSON.stringify({ QueueUrl: emulator.queueUrl('q'), MessageBody: 'hi' }),
    });
    expect(json.status).toBe(403);
    expect(JSON.parse(json.text).__type).toBe('com.amazonaws.sqs#AccessDeniedException');
    expect((await control.queue('q')).messages).toHaveLength(0);
  });

  it('refuses a cross-site GET that carries an action in its URL (an <img> tag): no queue is made', async () => {
    const res = await rawRequest(emulator.port, {
      path: '/?Action=CreateQueue&QueueName=evil',
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
    });
    expect(res.status).toBe(403);
    expect(res.text).toContain('<Code>AccessDenied</Code>');
    expect((await control.queues()).map((q) => q.name)).not.toContain('evil');
  });

  it('refuses a rebound Host name: message bodies and buckets stay unread', async () => {
    for (const path of ['/_harness/sqs/queues/q', '/', '/bucket']) {
      const res = await rawRequest(emulator.port, {
        path,
        headers: { host: `attacker.example:${emulator.port}` },
      });
      expect(res.status).toBe(403);
      expect(res.text).toContain('attacker.example');
    }
  });

  it('answers its own origin (the dashboard), configured origins and configured hosts', async () => {
    const own = await rawRequest(emulator.port, {
      path: '/_harness/sqs/queues',
      headers: { origin: emulator.url },
    });
    expect(own.status).toBe(200);
    const configured = await rawRequest(emulator.port, {
      path: '/_harness/sqs/queues',
      headers: { origin: 'http://localhost:5173' },
    });
    expect(configured.status).toBe(200);
    const service = await rawRequest(emulator.port, {
      path: '/health',
      headers: { host: `emulator:${emulator.port}` },
    });
    expect(service.status).toBe(200);
  });
});
