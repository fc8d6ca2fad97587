// Seeded fuzzing of both SQS protocols with requests that are each wrong in some way: malformed
// bodies, unknown actions, wrong types, bad flattened indices, hostile queue names, bad base64,
// out-of-range numbers. Every answer must be a well-formed 4xx in the protocol spoken, and the
// server must keep serving afterwards.
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.ts';
import { SQS_MODEL } from '../../../src/emulator/sqs/protocol/model.ts';
import { type Random, seededRandom } from '../../../src/kernel/random.ts';

let emulator: RunningEmulator;
const internalErrors: unknown[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    timeScale: 0,
    seed: 4,
    onInternalError: (e) => internalErrors.push(e),
  });
  await fetch(`${emulator.url}/?Action=CreateQueue&QueueName=real`);
});

afterAll(async () => {
  await emulator.stop();
});

const ACTIONS = Object.keys(SQS_MODEL);

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function junk(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String.fromCharCode(Math.floor(random() * 0x2ff));
  return out;
}

const HOSTILE_NAMES = [
  '../../etc/passwd',
  'a b',
  '%00',
  'x'.repeat(5000),
  'q\u0000',
  '<script>',
  'ünïcødé',
  '',
  '.fifo',
  'a/b',
];

function jsonCase(random: Random, queueUrl: string): { target: string; body: string } {
  const action = pick(random, ACTIONS);
  const kind = Math.floor(random() * 7);
  switch (kind) {
    case 0:
      return {
        target: `AmazonSQS.${action}`,
        body: `{"QueueUrl": "${queueUrl}", ${junk(random, 20)}`,
      };
    case 1:
      return { target: `AmazonSQS.${action}`, body: junk(random, 50) };
    case 2:
      return { target: `AmazonSQS.${action}Nope`, body: '{}' };
    case 3:
      return {
        target: 'AmazonSQS.SendMessage',
        body: JSON.stringify({
          QueueUrl: queueUrl,
          MessageBody: 'x',
          DelaySeconds: pick(random, ['1', 1.5, -1, 901, [], {}]),
        }),
      };
    case 4:
      return {
        target: `AmazonSQS.${pick(random, ['GetQueueUrl', 'CreateQueue'])}`,
        body: JSON.stringify({ QueueName: pick(random, HOSTILE_NAMES) }),
      };
    case 5:
      return {
        target: 'AmazonSQS.SendMessage',
        body: JSON.stringify({
          QueueUrl: queueUrl,
          MessageBody: 'x',
          MessageAttributes: pick(random, [
            [1],
            { a: 'x' },
            { a: { DataType: 'Binary', BinaryValue: '***' } },
            { a: { StringValue: 'no type' } },
            { a: { DataType: 5 } },
          ]),
        }),
      };
    default: {
      let nested: unknown = 'deep';
      for (let i = 0; i < 50; i++) nested = { Entries: [nested] };
      return {
        target: pick(random, ['AmazonSQS.SendMessageBatch', 'AmazonSQS.ReceiveMessage']),
        body: JSON.stringify({
          QueueUrl: pick(random, [queueUrl, 42, 'garbage://x']),
          ...(nested as object),
          MaxNumberOfMessages: 'ten',
        }),
      };
    }
  }
}

function queryCase(random: Random, queueUrl: string): string {
  const kind = Math.floor(random() * 7);
  const q = encodeURIComponent(queueUrl);
  switch (kind) {
    case 0:
      return `Action=${encodeURIComponent(junk(random, 10))}`;
    case 1:
      return `Action=${pick(random, ['SendMessage', 'DeleteMessage', 'ChangeMessageVisibility', 'TagQueue'])}&QueueUrl=${q}`;
    case 2:
      return `Action=ReceiveMessage&QueueUrl=${q}&MaxNumberOfMessages=${pick(random, ['abc', '11', '-1', '1e3', '99999999999999999'])}`;
    case 3:
      return `Action=CreateQueue&QueueName=q&Attribute.${pick(random, ['0', 'x', '999999', '-1'])}.Name=VisibilityTimeout&Attribute.1.Value=5`;
    case 4:
      return `Action=CreateQueue&QueueName=${encodeURIComponent(pick(random, HOSTILE_NAMES))}`;
    case 5:
      return `Action=SendMessage&QueueUrl=${q}&MessageBody=x&MessageAttribute.1.Name=b&MessageAttribute.1.Value.DataType=Binary&MessageAttribute.1.Value.BinaryValue=%25%25%25`;
    default:
      return `Action=SendMessageBatch&QueueUrl=${q}&SendMessageBatchRequestEntry.1.Id=${encodeURIComponent(junk(random, 5))}&${junk(random, 30)}`;
  }
}

describe('malformed requests', () => {
  it('get well-formed 4xx answers over the JSON protocol', async () => {
    const random = seededRandom(2026);
    const queueUrl = `${emulator.url}/000000000000/real`;
    for (let i = 0; i < 250; i++) {
      const { target, body } = jsonCase(random, queueUrl);
      const response = await fetch(emulator.url, {
        method: 'POST',
        headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0' },
        body,
      });
      const text = await response.text();
      const context = `${target} ${body.slice(0, 200)} -> ${response.status} ${text.slice(0, 300)}`;
      expect(response.status, context).toBeGreaterThanOrEqual(400);
      expect(response.status, context).toBeLessThan(500);
      const error = JSON.parse(text) as { __type: string; message: string };
      expect(error.__type, context).toMatch(/^com\.amazonaws\.sqs#\w+$/);
      expect(error.message.length, context).toBeGreaterThan(0);
      expect(response.headers.get('x-amzn-query-error'), context).toMatch(/^[\w.]+;Sender$/);
    }
  });

  it('get well-formed 4xx XML answers over the query protocol', async () => {
    const random = seededRandom(1999);
    const queueUrl = `${emulator.url}/000000000000/real`;
    for (let i = 0; i < 250; i++) {
      const body = queryCase(random, queueUrl);
      const response = await fetch(emulator.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      const text = await response.text();
      const context = `${body.slice(0, 200)} -> ${response.status} ${text.slice(0, 300)}`;
      expect(response.status, context).toBeGreaterThanOrEqual(400);
      expect(response.status, context).toBeLessThan(500);
      expect(XMLValidator.validate(text), context).toBe(true);
      expect(text, context).toMatch(
        /<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>[\w.]+<\/Code><Message>[^<]+<\/Message>/,
      );
    }
  });

  it('refuse a query flattened into 99,999 batch entries with one well-formed error', async () => {
    const queueUrl = encodeURIComponent(`${emulator.url}/000000000000/real`);
    const parts = [`Action=SendMessageBatch&QueueUrl=${queueUrl}`];
    for (let i = 1; i <= 99_999; i++) parts.push(`SendMessageBatchRequestEntry.${i}.Id=e${i}`);
    const response = await fetch(emulator.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: parts.join('&'),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>MissingParameter</Code>');
  });

  it('keep attribute names like __proto__ as plain names', async () => {
    const queueUrl = `${emulator.url}/000000000000/real`;
    const sent = await fetch(emulator.url, {
      method: 'POST',
      headers: {
        'x-amz-target': 'AmazonSQS.SendMessage',
        'content-type': 'application/x-amz-json-1.0',
      },
      body: `{"QueueUrl":"${queueUrl}","MessageBody":"proto","MessageAttributes":{"__proto__":{"DataType":"String","StringValue":"x"}}}`,
    });
    expect(sent.status).toBe(200);
    const received = await fetch(emulator.url, {
      method: 'POST',
      headers: {
        'x-amz-target': 'AmazonSQS.ReceiveMessage',
        'content-type': 'application/x-amz-json-1.0',
      },
      body: JSON.stringify({
        QueueUrl: queueUrl,
        MessageAttributeNames: ['All'],
        MaxNumberOfMessages: 10,
      }),
    });
    const [message] = (
      JSON.parse(await received.text()) as { Messages: { MessageAttributes: object }[] }
    ).Messages;
    expect(Object.getOwnPropertyDescriptor(message?.MessageAttributes, '__proto__')?.value).toEqual(
      {
        DataType: 'String',
        StringValue: 'x',
      },
    );
  });

  it('leave the server serving, with no internal error on the way', async () => {
    expect(internalErrors).toEqual([]);
    expect((await fetch(`${emulator.url}/health`)).status).toBe(200);
    const response = await fetch(`${emulator.url}/?Action=GetQueueUrl&QueueName=real`);
    expect(response.status).toBe(200);
  });
});
