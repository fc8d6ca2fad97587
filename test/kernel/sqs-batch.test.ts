// The SQS batchers against the emulator with real SDK clients: what one turn asks for leaves as
// one batch call per ten entries (and per 1 MiB), each caller learns its own entry's fate, a
// refused entry fails only its caller and a failed call fails everyone in it.
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_BATCH_BYTES,
  messageBytes,
  SqsDeleteBatcher,
  SqsEntryError,
  SqsSendBatcher,
} from '../../src/kernel/sqs-batch.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

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

let stack: TestStack;
let queueName: string;
let queueUrl: string;
let queues = 0;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => stack?.stop());
// A fresh queue per test, so each counts only its own messages.
beforeEach(async () => {
  queueName = `batch-test-${++queues}`;
  const out = await stack.clients.sqs.send(new CreateQueueCommand({ QueueName: queueName }));
  queueUrl = out.QueueUrl ?? '';
});

const depth = async () => (await stack.control.queue(queueName)).messages.length;

async function receiveAll(count: number) {
  const messages: { body: string; handle: string; attributes: Record<string, string> }[] = [];
  while (messages.length < count) {
    const out = await stack.clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
      }),
    );
    if ((out.Messages ?? []).length === 0) break;
    for (const m of out.Messages ?? []) {
      const attributes: Record<string, string> = {};
      for (const [k, v] of Object.entries(m.MessageAttributes ?? {}))
        attributes[k] = v.StringValue ?? '';
      messages.push({ body: m.Body ?? '', handle: m.ReceiptHandle ?? '', attributes });
    }
  }
  return messages;
}

describe('send batcher', () => {
  it('sends what one turn asks for in one call per ten messages, each with its own id', async () => {
    const { client, calls } = counting(stack.clients.sqs);
    const sender = new SqsSendBatcher(client, queueUrl);
    const sent = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        sender.send({
          body: `{"n":${i}}`,
          attributes: { contractVersion: { DataType: 'String', StringValue: '1.0.0' } },
        }),
      ),
    );
    expect(calls).toEqual(['SendMessageBatchCommand', 'SendMessageBatchCommand']);
    expect(new Set(sent.map((s) => s.messageId)).size).toBe(12);
    const received = await receiveAll(12);
    expect(received.map((m) => m.body).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `{"n":${i}}`).sort(),
    );
    expect(received.every((m) => m.attributes.contractVersion === '1.0.0')).toBe(true);
  });

  it('sends a lone message at once, in a call of its own', async () => {
    const { client, calls } = counting(stack.clients.sqs);
    const sender = new SqsSendBatcher(client, queueUrl);
    await sender.send({ body: 'first' });
    await sender.send({ body: 'second' });
    expect(calls).toEqual(['SendMessageBatchCommand', 'SendMessageBatchCommand']);
    expect(await depth()).toBe(2);
  });

  it('starts a new call before the batch would pass 1 MiB', async () => {
    const { client, calls } = counting(stack.clients.sqs);
    const sender = new SqsSendBatcher(client, queueUrl);
    const big = 'x'.repeat(400 * 1024);
    await Promise.all([1, 2, 3].map((n) => sender.send({ body: `${n}${big}` })));
    // 400 KiB each: two fit under 1 MiB, the third goes in a second call.
    expect(calls).toEqual(['SendMessageBatchCommand', 'SendMessageBatchCommand']);
    expect(await depth()).toBe(3);
  });

  it('sends a message over 1 MiB on its own, so SQS refuses it alone with its own limit', async () => {
    const { client, calls } = counting(stack.clients.sqs);
    const sender = new SqsSendBatcher(client, queueUrl);
    const oversize = { body: 'y'.repeat(MAX_BATCH_BYTES + 1) };
    const results = await Promise.allSettled([
      sender.send({ body: 'before' }),
      sender.send(oversize),
      sender.send({ body: 'after' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.name).toBe('InvalidParameterValue');
    expect((results[1] as PromiseRejectedResult).reason.message).toMatch(/shorter than 1048576/);
    expect(calls.sort()).toEqual(['SendMessageBatchCommand', 'SendMessageCommand']);
    expect(await depth()).toBe(2);
  });

  it('rejects only the entry SQS refused inside a batch', async () => {
    const sender = new SqsSendBatcher(stack.clients.sqs, queueUrl);
    const results = await Promise.allSettled([
      sender.send({ body: 'fine' }),
      // A character SQS does not allow in a body (U+0000): refused per entry.
      sender.send({ body: 'bad\u0000body' }),
    ]);
    expect(results[0]?.status).toBe('fulfilled');
    expect(results[1]?.status).toBe('rejected');
    const reason = (results[1] as PromiseRejectedResult).reason as SqsEntryError;
    expect(reason).toBeInstanceOf(SqsEntryError);
    expect(reason.code).toBe('InvalidMessageContents');
    expect(reason.senderFault).toBe(true);
    expect(reason.message).toMatch(/^SQS SendMessageBatch failed: InvalidMessageContents: /);
    expect(await depth()).toBe(1);
  });

  it('rejects the entry an answer leaves out, and only that one', async () => {
    // The real answer with the second entry's success cut out, as a broken endpoint might send.
    const sqs = stack.clients.sqs;
    const client = new Proxy(sqs, {
      get(target, prop, receiver) {
        if (prop !== 'send') return Reflect.get(target, prop, receiver);
        return async (command: unknown) => {
          const out = (await target.send(command as SendMessageBatchCommand)) as {
            Successful?: { Id?: string }[];
          };
          return { ...out, Successful: (out.Successful ?? []).filter((e) => e.Id !== '1') };
        };
      },
    });
    const sender = new SqsSendBatcher(client, queueUrl);
    const results = await Promise.allSettled(['a', 'b', 'c'].map((body) => sender.send({ body })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe(
      'SQS SendMessageBatch answered nothing for this entry',
    );
  });

  it('rejects every entry when the call itself fails', async () => {
    const sender = new SqsSendBatcher(stack.clients.sqs, `${queueUrl}-missing`);
    const results = await Promise.allSettled([
      sender.send({ body: 'a' }),
      sender.send({ body: 'b' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason.name).toMatch(
      /QueueDoesNotExist|NonExistentQueue/,
    );
  });

  it('counts bodies and attributes the way SQS does', () => {
    expect(messageBytes({ body: 'héllo' })).toBe(6);
    expect(
      messageBytes({
        body: '',
        attributes: { v: { DataType: 'String', StringValue: '1.0' } },
      }),
    ).toBe(1 + 6 + 3);
    expect(
      messageBytes({
        body: '',
        attributes: { b: { DataType: 'Binary', BinaryValue: new Uint8Array(5) } },
      }),
    ).toBe(1 + 6 + 5);
  });
});

describe('delete batcher', () => {
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
    return (await receiveAll(count)).map((m) => m.handle);
  }

  it('deletes what is asked for in one turn with one call per ten messages', async () => {
    const handles = await receiveHandles(12);
    const { client, calls } = counting(stack.clients.sqs);
    const deleter = new SqsDeleteBatcher(client, queueUrl);
    await Promise.all(handles.map((h) => deleter.delete(h)));
    expect(calls).toEqual(['DeleteMessageBatchCommand', 'DeleteMessageBatchCommand']);
    expect(await depth()).toBe(0);
  });

  it('accepts two receipts of the same message in one batch', async () => {
    const [handle] = await receiveHandles(1);
    const deleter = new SqsDeleteBatcher(stack.clients.sqs, queueUrl);
    await Promise.all([deleter.delete(handle ?? ''), deleter.delete(handle ?? '')]);
    expect(await depth()).toBe(0);
  });

  it('rejects only the entry SQS refused, naming the reason', async () => {
    const [handle] = await receiveHandles(1);
    const deleter = new SqsDeleteBatcher(stack.clients.sqs, queueUrl);
    const results = await Promise.allSettled([
      deleter.delete(handle ?? ''),
      deleter.delete('not-a-receipt-handle'),
    ]);
    expect(results[0]?.status).toBe('fulfilled');
    expect(results[1]).toMatchObject({
      status: 'rejected',
      reason: {
        name: 'ReceiptHandleIsInvalid',
        message: expect.stringMatching(/^SQS DeleteMessageBatch failed: ReceiptHandleIsInvalid/),
      },
    });
    expect(await depth()).toBe(0);
  });

  it('rejects every entry when the call itself fails', async () => {
    const deleter = new SqsDeleteBatcher(stack.clients.sqs, `${queueUrl}-missing`);
    const results = await Promise.allSettled([deleter.delete('a'), deleter.delete('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
