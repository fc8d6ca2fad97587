// contracts/asyncapi.yaml: a valid AsyncAPI 3.0 document (per @asyncapi/parser) that agrees with
// the contract manifest — queues, dead-letter queues, redrive policy, message schemas, version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AsyncAPIDocumentInterface, fromFile, Parser } from '@asyncapi/parser';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CONTRACT_VERSION,
  MAX_RECEIVE_COUNT,
  REQUEST_QUEUE,
  RESULT_QUEUE,
  TASK_TYPES,
} from '../../src/contracts/index.ts';
import { CONTRACTS_DIR, MANIFEST } from '../../src/contracts/manifest.ts';

const DOCUMENT = join(CONTRACTS_DIR, 'asyncapi.yaml');
const ERROR = 0;
const WARNING = 1;

let document: AsyncAPIDocumentInterface;

interface ResolvedSchema {
  $id?: string;
  title?: string;
  properties?: Record<string, { pattern?: string }>;
}

const TIMESTAMP_SCHEMA_PATTERN = JSON.parse(
  readFileSync(join(CONTRACTS_DIR, 'schemas', MANIFEST.envelope), 'utf8'),
).definitions.timestamp.pattern;

interface SqsChannelBinding {
  queue: {
    name: string;
    redrivePolicy?: { deadLetterQueue: { name: string }; maxReceiveCount: number };
  };
  deadLetterQueue?: { name: string };
}

beforeAll(async () => {
  const { document: parsed, diagnostics } = await fromFile(new Parser(), DOCUMENT).parse();
  const problems = diagnostics
    .filter((d) => d.severity === ERROR || d.severity === WARNING)
    .map((d) => `${d.path.join('/')}: ${d.message}`);
  expect(problems).toEqual([]);
  if (!parsed) throw new Error('asyncapi.yaml did not parse');
  document = parsed;
});

describe('AsyncAPI document', () => {
  it('is AsyncAPI 3.0 at the contract version', () => {
    expect(document.version()).toBe('3.0.0');
    expect(document.info().version()).toBe(CONTRACT_VERSION);
  });

  it.each([
    ['requestQueue', REQUEST_QUEUE],
    ['resultQueue', RESULT_QUEUE],
  ] as const)('%s is bound to SQS with the contract redrive policy', (id, queue) => {
    const channel = document.channels().get(id);
    expect(channel?.address()).toBe(queue.name);
    const binding = channel?.bindings().get('sqs')?.value() as SqsChannelBinding | undefined;
    expect(binding?.queue.name).toBe(queue.name);
    expect(binding?.queue.redrivePolicy).toEqual({
      deadLetterQueue: { name: queue.deadLetterQueue },
      maxReceiveCount: MAX_RECEIVE_COUNT,
    });
    expect(MAX_RECEIVE_COUNT).toBe(5);
    expect(binding?.deadLetterQueue?.name).toBe(queue.deadLetterQueue);
    const messages =
      channel
        ?.messages()
        .all()
        .map((m) => m.name()) ?? [];
    expect(messages.sort()).toEqual([...queue.messages].sort());
  });

  it.each([
    ['requestDeadLetterQueue', REQUEST_QUEUE],
    ['resultDeadLetterQueue', RESULT_QUEUE],
  ] as const)('%s is the dead-letter channel', (id, queue) => {
    const channel = document.channels().get(id);
    expect(channel?.address()).toBe(queue.deadLetterQueue);
    expect(channel?.messages().all().length).toBe(queue.messages.length);
  });

  it('has send and receive operations on each queue', () => {
    const summary = document
      .operations()
      .all()
      .map((op) => `${op.action()} ${op.channels().all()[0]?.address()}`)
      .sort();
    expect(summary).toEqual(
      [
        `send ${REQUEST_QUEUE.name}`,
        `receive ${REQUEST_QUEUE.name}`,
        `send ${RESULT_QUEUE.name}`,
        `receive ${RESULT_QUEUE.name}`,
        `receive ${REQUEST_QUEUE.deadLetterQueue}`,
        `receive ${RESULT_QUEUE.deadLetterQueue}`,
      ].sort(),
    );
  });

  it('describes every message type with its schema file', () => {
    const messages = document.components().messages().all();
    expect(messages.map((m) => m.name()).sort()).toEqual([...TASK_TYPES].sort());
    for (const message of messages) {
      const name = message.name() as keyof typeof MANIFEST.messages;
      const file = MANIFEST.messages[name] as string;
      const schema = JSON.parse(readFileSync(join(CONTRACTS_DIR, 'schemas', file), 'utf8'));
      // A multi-format payload: the JSON Schema sits under `schema`, with its $refs resolved.
      const wrapper = message.payload()?.json() as { schema?: ResolvedSchema } | undefined;
      const payload = wrapper?.schema;
      expect(payload?.$id, name).toBe(schema.$id);
      expect(payload?.title).toBe(schema.title);
      expect(payload?.properties?.timestamp?.pattern).toBe(TIMESTAMP_SCHEMA_PATTERN);
      // The real back end and AI server send no message attributes: the header is optional.
      expect(message.headers()?.required()).toBeUndefined();
      const header = message.headers()?.properties()?.contractVersion?.pattern();
      expect(new RegExp(header ?? '^$').test(CONTRACT_VERSION)).toBe(true);
    }
  });
});

describe('AsyncAPI validation', () => {
  it('reports a broken binding as an error', async () => {
    const text = readFileSync(DOCUMENT, 'utf8').replace(
      'maxReceiveCount: 5',
      'maxReceiveCount: five',
    );
    const { document: parsed, diagnostics } = await new Parser().parse(text, { source: DOCUMENT });
    expect(parsed).toBeUndefined();
    expect(diagnostics.filter((d) => d.severity === ERROR).map((d) => d.path.join('/'))).toContain(
      'channels/requestQueue/bindings/sqs/queue/redrivePolicy/maxReceiveCount',
    );
  });
});
