// The dashboard's control routes over HTTP through the typed client: message pages walked with a
// cursor over a long queue, full-body downloads, redrive links, purge and redrive only by POST,
// S3 buckets, object pages and downloads, and clear refusals of bad input.
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type ControlPlaneError,
  EmulatorControlClient,
} from '../../../src/emulator/control/client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.ts';

let emulator: RunningEmulator;
let control: EmulatorControlClient;
let s3: S3Client;

beforeAll(async () => {
  emulator = await startEmulator({ timeScale: 0, seed: 5 });
  control = new EmulatorControlClient(emulator.url);
  s3 = new S3Client({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    forcePathStyle: true,
  });
});

afterAll(async () => {
  s3.destroy();
  await emulator.stop();
});

beforeEach(async () => {
  await control.reset();
});

function queueWith(name: string, count: number, attributes: Record<string, string> = {}): void {
  emulator.sqs.createQueue(name, attributes, {});
  for (let i = 0; i < count; i++) emulator.sqs.sendMessage(name, { MessageBody: `m${i}` });
}

describe('message pages', () => {
  it('walks a long queue page by page with the cursor', async () => {
    queueWith('long', 20_000);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await control.messages('long', { limit: 1000, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(20_000);
      expect(page.messages.length).toBeLessThanOrEqual(1000);
      seen.push(...page.messages.map((m) => m.body.text));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== undefined);
    expect(pages).toBe(20);
    expect(seen[0]).toBe('m0');
    expect(seen.at(-1)).toBe('m19999');
    expect(new Set(seen).size).toBe(20_000);
  });

  it('defaults to 50 messages and filters by state', async () => {
    queueWith('q', 60);
    expect((await control.messages('q')).messages).toHaveLength(50);
    const inflight = await control.messages('q', { state: 'inflight' });
    expect(inflight).toMatchObject({ total: 0, messages: [] });
    expect(inflight.nextCursor).toBeUndefined();
  });

  it('cuts bodies and attribute values to previews, spells out control characters', async () => {
    emulator.sqs.createQueue('big', {}, {});
    const body = `\u0085${'x'.repeat(10_000)}`;
    emulator.sqs.sendMessage('big', {
      MessageBody: body,
      MessageAttributes: {
        bin: { DataType: 'Binary', BinaryValue: Buffer.from([0, 255]) },
        list: { DataType: 'String', StringValue: 'v'.repeat(1000) },
      },
    });
    const [m] = (await control.messages('big')).messages;
    expect(m!.body.truncated).toBe(true);
    expect(m!.body.bytes).toBe(Buffer.byteLength(body));
    expect(m!.body.text.startsWith('\\u{85}xxx')).toBe(true);
    expect(m!.attributes).toEqual([
      {
        name: { text: 'bin', bytes: 3, truncated: false },
        dataType: 'Binary',
        value: { text: 'base64:AP8=', bytes: 11, truncated: false },
      },
      {
        name: { text: 'list', bytes: 4, truncated: false },
        dataType: 'String',
        value: { text: 'v'.repeat(256), bytes: 1000, truncated: true },
      },
    ]);
    expect(await control.messageBody('big', m!.messageId)).toBe(body);
  });

  it('serves a body as an attachment that a browser will not render', async () => {
    queueWith('q', 1);
    const [m] = (await control.messages('q')).messages;
    const response = await fetch(
      `${emulator.url}/_harness/sqs/queues/q/messages/${m!.messageId}/body`,
    );
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses bad cursors, limits and states, and unknown queues and messages', async () => {
    queueWith('q', 1);
    const refusal = (p: Promise<unknown>) =>
      p.catch((e: ControlPlaneError) => [e.status, e.message]);
    expect(await refusal(control.messages('q', { cursor: 'abc' }))).toEqual([
      400,
      expect.stringContaining('bad cursor "abc"'),
    ]);
    expect(await refusal(control.messages('q', { limit: 0 }))).toEqual([
      400,
      expect.stringContaining('"limit" must be a whole number from 1 to 1000'),
    ]);
    expect(await refusal(control.messages('q', { limit: 5000 }))).toEqual([
      400,
      expect.stringContaining('from 1 to 1000'),
    ]);
    const badState = await fetch(`${emulator.url}/_harness/sqs/queues/q/messages?state=gone`);
    expect(badState.status).toBe(400);
    expect(await refusal(control.messages('nope'))).toEqual([404, expect.any(String)]);
    expect(await refusal(control.messageBody('q', 'not-an-id'))).toEqual([
      404,
      expect.stringContaining('no message "not-an-id"'),
    ]);
  });
});

describe('redrive, purge and links', () => {
  it('lists each queue with its DLQ and the DLQ with its sources', async () => {
    emulator.sqs.createQueue('dlq', {}, {});
    const dlqArn = emulator.sqs.queue('dlq').arn;
    emulator.sqs.createQueue(
      'work',
      { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }) },
      {},
    );
    expect(await control.links()).toEqual([
      { name: 'dlq', sourceQueues: ['work'] },
      { name: 'work', deadLetterQueue: 'dlq', maxReceiveCount: 3, sourceQueues: [] },
    ]);
  });

  it('redrives to an explicit destination and reports the move task', async () => {
    queueWith('dlq', 3);
    emulator.sqs.createQueue('target', {}, {});
    const dlqArn = emulator.sqs.queue('dlq').arn;
    emulator.sqs.createQueue(
      'work',
      { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }) },
      {},
    );
    const { taskHandle } = await control.redrive('dlq', 'target');
    expect(taskHandle).toEqual(expect.any(String));
    await expect.poll(async () => (await control.moveTasks('dlq'))[0]?.status).toBe('COMPLETED');
    expect((await control.moveTasks('dlq'))[0]).toMatchObject({ moved: 3, toMove: 3 });
    expect((await control.messages('target')).total).toBe(3);
  });

  it('refuses a redrive of a queue that is nobody’s DLQ', async () => {
    queueWith('plain', 1);
    await expect(control.redrive('plain')).rejects.toMatchObject({ status: 400 });
  });

  it('changes state only by POST: GET on purge or redrive is refused and changes nothing', async () => {
    queueWith('q', 2);
    for (const action of ['purge', 'redrive']) {
      const response = await fetch(`${emulator.url}/_harness/sqs/queues/q/${action}`);
      expect(response.status).toBe(405);
    }
    expect((await control.messages('q')).total).toBe(2);
    await control.purge('q');
    expect((await control.messages('q')).total).toBe(0);
  });
});

describe('S3 inspection', () => {
  it('lists buckets, pages objects with a prefix and downloads their bytes', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'payloads' }));
    for (let i = 0; i < 5; i++) {
      await s3.send(
        new PutObjectCommand({ Bucket: 'payloads', Key: `a/${i}`, Body: Buffer.from([i, 0, 255]) }),
      );
    }
    await s3.send(new PutObjectCommand({ Bucket: 'payloads', Key: 'b/x', Body: 'x' }));
    expect((await control.buckets()).map((b) => b.name)).toEqual(['payloads']);
    const first = await control.objects('payloads', { prefix: 'a/', limit: 3 });
    expect(first.objects.map((o) => o.fullKey)).toEqual(['a/0', 'a/1', 'a/2']);
    expect(first.nextCursor).toBe('a/2');
    const second = await control.objects('payloads', {
      prefix: 'a/',
      limit: 3,
      cursor: first.nextCursor!,
    });
    expect(second.objects.map((o) => o.fullKey)).toEqual(['a/3', 'a/4']);
    expect(second.nextCursor).toBeUndefined();
    expect(second.objects[0]).toMatchObject({ size: 3, etag: expect.stringMatching(/^"/) });
    expect(await control.object('payloads', 'a/4')).toEqual(Buffer.from([4, 0, 255]));
  });

  it('answers 404 for a missing bucket or key and 400 without a key', async () => {
    await expect(control.objects('nope')).rejects.toMatchObject({ status: 404 });
    await s3.send(new CreateBucketCommand({ Bucket: 'bucket-one' }));
    await expect(control.object('bucket-one', 'missing')).rejects.toMatchObject({ status: 404 });
    const response = await fetch(`${emulator.url}/_harness/s3/buckets/bucket-one/object`);
    expect(response.status).toBe(400);
  });
});

describe('dashboard pages', () => {
  it('links the dashboard from /_harness and serves it under a strict CSP', async () => {
    const index = await fetch(`${emulator.url}/_harness`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('href="/_harness/ui"');
    for (const path of ['/_harness/ui', '/_harness/ui/app.js', '/_harness/ui/app.css']) {
      const response = await fetch(`${emulator.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('refuses anything but GET on the pages and 404s unknown ones', async () => {
    const post = await fetch(`${emulator.url}/_harness/ui`, { method: 'POST' });
    expect(post.status).toBe(405);
    const missing = await fetch(`${emulator.url}/_harness/ui/nope.js`);
    expect(missing.status).toBe(404);
  });
});
