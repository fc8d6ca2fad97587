// Load loops driven through the real JS SDK v3 over HTTP: batch and single round trips at a fixed
// concurrency, and long-poll wake latency. Each works against any SQS JSON endpoint (the emulator
// or the canned ceiling server).
import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { percentile } from '../support/stats.ts';

export function sqsClient(endpoint: string, sockets = 64): SQSClient {
  return new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: sockets }) },
  });
}

export async function createQueue(client: SQSClient, name: string): Promise<string> {
  const out = await client.send(new CreateQueueCommand({ QueueName: name }));
  if (!out.QueueUrl) throw new Error(`CreateQueue ${name} returned no QueueUrl`);
  return out.QueueUrl;
}

const body = 'x'.repeat(256);

/** Every message a loop completed, warm-up included (to divide a server's CPU time by). */
export interface Tally {
  messages: number;
}

/** Runs `round` on `concurrency` loops for `seconds` (after a short warm-up); returns messages/s. */
async function drive(
  concurrency: number,
  seconds: number,
  round: () => Promise<number>,
  tally?: Tally,
): Promise<number> {
  const warmUntil = performance.now() + 500;
  const endAt = warmUntil + seconds * 1000;
  let counted = 0;
  let measuredFrom = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < endAt) {
        const n = await round();
        if (tally) tally.messages += n;
        const now = performance.now();
        if (now >= warmUntil) {
          if (measuredFrom === 0) measuredFrom = warmUntil;
          counted += n;
        }
      }
    }),
  );
  return counted / ((performance.now() - (measuredFrom || warmUntil)) / 1000);
}

const batchEntries = Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: body }));

/** One send-batch-10 → receive-10 → delete-batch round trip; the messages it completed. */
export async function batchRound(client: SQSClient, queueUrl: string): Promise<number> {
  await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batchEntries }));
  const got = await client.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
  );
  const messages = got.Messages ?? [];
  if (messages.length === 0) return 0;
  await client.send(
    new DeleteMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
    }),
  );
  return messages.length;
}

/** send-batch-10 → receive-10 → delete-batch, at `concurrency`; messages/s completed. */
export function batchRoundTrips(
  client: SQSClient,
  queueUrl: string,
  concurrency: number,
  seconds: number,
  tally?: Tally,
): Promise<number> {
  return drive(concurrency, seconds, () => batchRound(client, queueUrl), tally);
}

/** single send → receive → delete, at `concurrency`; messages/s completed. */
export function singleRoundTrips(
  client: SQSClient,
  queueUrl: string,
  concurrency: number,
  seconds: number,
  tally?: Tally,
): Promise<number> {
  return drive(
    concurrency,
    seconds,
    async () => {
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
      const got = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
      const message = got.Messages?.[0];
      if (!message) return 0;
      await client.send(
        new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
      );
      return 1;
    },
    tally,
  );
}

/** p50/p99 of `samples` runs of `once`, each returning the milliseconds it measured. */
async function latencies(
  samples: number,
  once: () => Promise<number>,
): Promise<{ p50: number; p99: number }> {
  const measured: number[] = [];
  for (let i = 0; i < samples; i++) measured.push(await once());
  return { p50: percentile(measured, 50), p99: percentile(measured, 99) };
}

async function deleteReceived(
  client: SQSClient,
  queueUrl: string,
  got: { Messages?: { ReceiptHandle?: string | undefined }[] | undefined },
  context: string,
): Promise<void> {
  const message = got.Messages?.[0];
  if (!message) throw new Error(`${context} returned nothing`);
  await client.send(
    new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
  );
}

/**
 * Long-poll wake latency: a receive waits on an empty queue; we measure from the start of a send
 * to the return of that waiting receive. The short pause before sending only makes sure the poll
 * is parked server-side (this is a benchmark, not a test).
 */
export function wakeLatency(client: SQSClient, queueUrl: string, samples: number) {
  return latencies(samples, async () => {
    const waiting = client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 20 }),
    );
    await sleep(5);
    const sentAt = performance.now();
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    const got = await waiting;
    const elapsed = performance.now() - sentAt;
    await deleteReceived(client, queueUrl, got, 'a waiting receive after a send');
    return elapsed;
  });
}

/**
 * The floor under the wake figure: one SendMessage round trip after the same short pause, so the
 * same client against the canned ceiling server shows what the SDK, loopback and scheduler cost
 * before any emulator work.
 */
export function sendLatency(client: SQSClient, queueUrl: string, samples: number) {
  return latencies(samples, async () => {
    await sleep(5);
    const sentAt = performance.now();
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    return performance.now() - sentAt;
  });
}

/** Median and p99 latency of receive(1) + delete on a queue (depth stays put: one in, one out). */
export function receiveLatency(client: SQSClient, queueUrl: string, samples: number) {
  return latencies(samples, async () => {
    const startedAt = performance.now();
    const got = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const elapsed = performance.now() - startedAt;
    await deleteReceived(client, queueUrl, got, 'a receive on a deep queue');
    return elapsed;
  });
}
