import {
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchDeleter } from '../../src/workers/batch-deleter.ts';
import { startTestStack, type TestStack } from '../infra/support/stack.ts';

/** Counts the SQS commands a client sends, by name, while delegating to it. */
function counting(sqs: SQSClient): { client: SQSClient; calls: string[] } {
  const calls: string[] = [];
  const client = new Proxy(sqs, {
    get(target, prop, receiver) {
      if (prop === 'send') {
        return (command: { constructor: { name: string } }, ...rest: unknown[]) => {
          calls.push(command.constructor.name);
          return (target.send as (...args: unknown[]) => unknown).call(target, command, ...rest);
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { client, calls };
}

describe('batch deleter', () => {
  let stack: TestStack;
  let queueUrl: string;

  beforeAll(async () => {
    stack = await startTestStack();
    queueUrl = stack.infra.result.url;
  });
  afterAll(async () => stack?.stop());

  async function receiveHandles(count: number): Promise<string[]> {
    for (let sent = 0; sent < count; sent += 10) {
      const n = Math.min(10, count - sent);
      await stack.clients.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Array.from({ length: n }, (_, i) => ({ Id: `m${i}`, MessageBody: `{}` })),
        }),
      );
    }
    const handles: string[] = [];
    while (handles.length < count) {
      const out = await stack.clients.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
      );
      for (const m of out.Messages ?? []) handles.push(m.ReceiptHandle ?? '');
    }
    return handles;
  }

  const depth = async () => (await stack.control.queue('graphnode-result-queue')).messages.length;

  it('deletes what is asked for in one turn with one call per ten messages', async () => {
    const handles = await receiveHandles(12);
    const { client, calls } = counting(stack.clients.sqs);
    const deleter = new BatchDeleter(client, queueUrl);
    await Promise.all(handles.map((h) => deleter.delete(h)));
    expect(calls).toEqual(['DeleteMessageBatchCommand', 'DeleteMessageBatchCommand']);
    expect(await depth()).toBe(0);
  });

  it('accepts two receipts of the same message in one batch', async () => {
    const [handle] = await receiveHandles(1);
    const deleter = new BatchDeleter(stack.clients.sqs, queueUrl);
    await Promise.all([deleter.delete(handle ?? ''), deleter.delete(handle ?? '')]);
    expect(await depth()).toBe(0);
  });

  it('rejects only the entry SQS refused, naming the reason', async () => {
    const [handle] = await receiveHandles(1);
    const deleter = new BatchDeleter(stack.clients.sqs, queueUrl);
    const results = await Promise.allSettled([
      deleter.delete(handle ?? ''),
      deleter.delete('not-a-receipt-handle'),
    ]);
    expect(results[0]?.status).toBe('fulfilled');
    expect(results[1]).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(/^SQS delete failed: ReceiptHandleIsInvalid/) },
    });
    expect(await depth()).toBe(0);
  });

  it('rejects every entry when the call itself fails', async () => {
    const deleter = new BatchDeleter(stack.clients.sqs, `${queueUrl}-missing`);
    const results = await Promise.allSettled([deleter.delete('a'), deleter.delete('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
