// The dashboard in a real headless Chromium against a real emulator: what the SDK creates shows up
// on the page, the page's buttons and forms change the emulator (redrive, purge, fault rules,
// clock), hostile strings stay text, large bodies are cut with a full download, and long queues
// page. Screenshots land in reports/screenshots/.
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControlClient } from '../../../src/emulator/control/client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.ts';
import {
  browserAvailable,
  launchBrowser,
  screenshotPath,
  type TestBrowser,
} from '../../support/browser.ts';

const SUITE = 'emulator dashboard in Chromium';
const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };
/** The page polls once a second; give it a few rounds. */
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 5_000 });
const HOSTILE = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">`;

if (browserAvailable(SUITE)) {
  describe(SUITE, () => {
    let emulator: RunningEmulator;
    let control: EmulatorControlClient;
    let sqs: SQSClient;
    let s3: S3Client;
    let browser: TestBrowser;
    let page: Page;

    beforeAll(async () => {
      emulator = await startEmulator({ timeScale: 0, seed: 17 });
      control = new EmulatorControlClient(emulator.url);
      sqs = new SQSClient({ endpoint: emulator.url, region: 'us-east-1', credentials });
      s3 = new S3Client({
        endpoint: emulator.url,
        region: 'us-east-1',
        credentials,
        forcePathStyle: true,
      });
      browser = await launchBrowser();
      page = browser.context.pages()[0] ?? (await browser.context.newPage());
      page.on('dialog', (dialog) => void dialog.accept());
      // Fail a step in seconds, inside the test's own timeout, with Playwright's explanation.
      page.setDefaultTimeout(5_000);
    });

    afterAll(async () => {
      await browser?.close();
      sqs?.destroy();
      s3?.destroy();
      await emulator?.stop();
    });

    beforeEach(async () => {
      await control.reset();
      await control.setScale(0);
      await page.goto(`${emulator.url}/_harness/ui`);
    });

    const queueRow = (name: string) => page.locator(`#queues tr[data-queue="${name}"]`);
    const count = (name: string, which: string) =>
      queueRow(name).locator(`td[data-count="${which}"]`);

    async function createQueue(name: string, attributes: Record<string, string> = {}) {
      const out = await sqs.send(
        new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
      );
      return out.QueueUrl!;
    }

    async function queueArn(url: string): Promise<string> {
      const out = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
      );
      return out.Attributes!.QueueArn!;
    }

    it('links the dashboard from GET /_harness', async () => {
      await page.goto(`${emulator.url}/_harness`);
      await page.getByRole('link', { name: 'Open the dashboard' }).click();
      await eventually(() => page.url()).toBe(`${emulator.url}/_harness/ui`);
      await eventually(() => page.title()).toBe('Emulator dashboard');
    });

    it('shows queues and messages the SDK created, live, without receiving them', async () => {
      const url = await createQueue('orders');
      await page.locator('#queues-empty').waitFor({ state: 'visible' });
      for (let i = 0; i < 3; i++) {
        await sqs.send(
          new SendMessageCommand({
            QueueUrl: url,
            MessageBody: `order ${i}`,
            MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } },
          }),
        );
      }
      await eventually(() => count('orders', 'visible').textContent()).toBe('3');
      await queueRow('orders').getByRole('button', { name: 'orders' }).click();
      await eventually(() => page.locator('#messages tbody tr').count()).toBe(3);
      await eventually(() => page.locator('#messages').textContent()).toContain('order 1');
      expect(await page.locator('#messages').textContent()).toContain('kind (String) = order');
      // Looking changed nothing: the messages were never received.
      const first = await control.messages('orders');
      expect(first.messages.map((m) => m.receiveCount)).toEqual([0, 0, 0]);
      await page.screenshot({ path: screenshotPath('dashboard-queue'), fullPage: true });
    });

    it('redrives a DLQ from the page and the counts move back', async () => {
      const dlqUrl = await createQueue('orders-dlq');
      const url = await createQueue('orders', {
        VisibilityTimeout: '30',
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: await queueArn(dlqUrl),
          maxReceiveCount: 1,
        }),
      });
      for (let i = 0; i < 2; i++) {
        await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: `poison ${i}` }));
      }
      // Received once, not deleted, received again: over maxReceiveCount, so into the DLQ.
      await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
      await eventually(() => count('orders', 'inflight').textContent()).toBe('2');
      await control.advance(31_000);
      await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
      await eventually(() => count('orders-dlq', 'visible').textContent()).toBe('2');
      expect(await count('orders', 'visible').textContent()).toBe('0');
      expect(await queueRow('orders').textContent()).toContain('orders-dlq after 1 receives');

      await queueRow('orders-dlq').getByRole('button', { name: 'orders-dlq' }).click();
      await page.screenshot({ path: screenshotPath('dashboard-dlq'), fullPage: true });
      await queueRow('orders-dlq').getByRole('button', { name: 'Redrive to sources' }).click();
      await eventually(() => count('orders', 'visible').textContent()).toBe('2');
      expect(await count('orders-dlq', 'visible').textContent()).toBe('0');
      await eventually(() => page.locator('#move-tasks').textContent()).toContain(
        'COMPLETED: 2 of 2 moved',
      );
    });

    it('purges a queue after confirmation', async () => {
      const url = await createQueue('scratch');
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
      await eventually(() => count('scratch', 'visible').textContent()).toBe('1');
      await queueRow('scratch').getByRole('button', { name: 'Purge…' }).click();
      await eventually(() => count('scratch', 'visible').textContent()).toBe('0');
    });

    it('adds a fault rule from the form, counts its hits and removes it', async () => {
      const url = await createQueue('faulty');
      const form = page.locator('#fault-form');
      await form.getByLabel('Action(s)').fill('SendMessage');
      await form.getByLabel('Queue', { exact: true }).fill('faulty');
      await form.locator('select[name=effect]').selectOption('error');
      await form.locator('select[name=error]').selectOption('ServiceUnavailable');
      await form.getByRole('button', { name: 'Add fault rule' }).click();
      await eventually(() => page.locator('#faults tbody tr').count()).toBe(1);
      const rules = await control.faults();
      expect(rules).toMatchObject([
        {
          action: 'SendMessage',
          queue: 'faulty',
          effect: { type: 'error', error: 'ServiceUnavailable' },
        },
      ]);
      const failing = new SQSClient({
        endpoint: emulator.url,
        region: 'us-east-1',
        credentials,
        maxAttempts: 1,
      });
      await expect(
        failing.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' })),
      ).rejects.toThrow();
      failing.destroy();
      const hits = page.locator('#faults tbody tr td[data-count="hits"]');
      await eventually(() => hits.textContent()).toBe('1');
      await page.screenshot({ path: screenshotPath('dashboard-faults'), fullPage: true });
      await page.locator('#faults').getByRole('button', { name: 'Remove' }).click();
      await eventually(() => page.locator('#faults tbody tr').count()).toBe(0);
      expect(await control.faults()).toEqual([]);
    });

    it('shows and moves the virtual clock', async () => {
      const before = (await control.clock()).now;
      await page.locator('#advance-form input').fill('60000');
      await page.locator('#advance-form').getByRole('button').click();
      await eventually(async () => (await control.clock()).now).toBe(before + 60_000);
      await eventually(() => page.locator('#clock-now').textContent()).toBe(
        new Date(before + 60_000).toISOString(),
      );
      await page.locator('#scale-form input').fill('5');
      await page.locator('#scale-form').getByRole('button').click();
      await eventually(() => page.locator('#clock-scale').textContent()).toBe('5×');
      await control.setScale(0);
    });

    it('keeps hostile strings as text, cuts huge bodies and downloads them whole', async () => {
      const url = await createQueue('hostile');
      const huge = `${HOSTILE}${'y'.repeat(300_000)}`;
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: huge,
          MessageAttributes: {
            note: { DataType: 'String', StringValue: HOSTILE },
            blob: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 2, 255]) },
          },
        }),
      );
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'csi\u009bhere' }));
      await s3.send(new CreateBucketCommand({ Bucket: 'payloads' }));
      const key = `dir/${HOSTILE}.json`;
      await s3.send(new PutObjectCommand({ Bucket: 'payloads', Key: key, Body: '{"a":1}' }));

      await eventually(() => count('hostile', 'visible').textContent()).toBe('2');
      await queueRow('hostile').getByRole('button', { name: 'hostile' }).click();
      const table = page.locator('#messages');
      await eventually(() => table.textContent()).toContain(HOSTILE);
      const text = (await table.textContent()) ?? '';
      expect(text).toContain(`showing the start of ${huge.length} bytes`);
      expect(text).toContain('note (String) = <script>');
      expect(text).toContain('blob (Binary) = base64:AAEC/w==');
      expect(text).toContain('csi\\u{9b}here');
      expect(text.length).toBeLessThan(20_000);
      // No element came from a body: no script ran, no image was made.
      expect(
        await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned),
      ).toBeUndefined();
      expect(await table.locator('img, script').count()).toBe(0);
      // The download link gives the whole body (fetched same-origin, as a click would).
      const href = await table
        .locator('tr')
        .nth(1)
        .getByRole('link', { name: 'download body' })
        .getAttribute('href');
      const downloaded = await page.evaluate(async (h) => (await fetch(h!)).text(), href);
      expect(downloaded).toBe(huge);

      await page.locator('#buckets').getByRole('button', { name: 'payloads' }).click();
      const objects = page.locator('#objects');
      await eventually(() => objects.textContent()).toContain(`dir/${HOSTILE}.json`);
      const objectHref = await objects.getByRole('link', { name: 'download' }).getAttribute('href');
      const object = await page.evaluate(async (h) => (await fetch(h!)).text(), objectHref);
      expect(object).toBe('{"a":1}');
      expect(
        await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned),
      ).toBeUndefined();
      await page.screenshot({ path: screenshotPath('dashboard-hostile'), fullPage: true });
    });

    it('pages a long queue instead of loading it whole', async () => {
      const url = await createQueue('long');
      for (let i = 0; i < 120; i++) {
        emulator.sqs.sendMessage('long', { MessageBody: `m${i}` });
      }
      expect(url).toContain('long');
      await eventually(() => count('long', 'visible').textContent()).toBe('120');
      await queueRow('long').getByRole('button', { name: 'long' }).click();
      await eventually(() => page.locator('#messages-total').textContent()).toBe(
        '(50 shown of 120)',
      );
      await page.locator('#messages-next').click();
      await eventually(() => page.locator('#messages tbody tr').first().textContent()).toContain(
        'm50',
      );
      await page.locator('#messages-next').click();
      await eventually(() => page.locator('#messages-total').textContent()).toBe(
        '(20 shown of 120)',
      );
      expect(await page.locator('#messages-next').isDisabled()).toBe(true);
    });
  });
}
