// Pact (V4 asynchronous messages) in both directions. The consumer half writes the pact files to a
// temporary folder and checks that they equal the committed ones in contracts/pacts/ (the Python
// kit and the fake AI verify against those), so a run never rewrites the tree; PACT_WRITE=1 writes
// them into contracts/pacts/ instead. The provider half replays the files just written against the
// message builders in src/contracts/, and shows that a drifting producer is caught. Consumer tests
// run first in this file, so the provider half verifies the files just written.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageProviderPact, PactV4 } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CONTRACT_VERSION,
  isRequestTaskType,
  isResultQueueTaskType,
  parseMessageBody,
  REQUEST_QUEUE,
  RESULT_QUEUE,
  type TaskType,
} from '../../src/contracts/index.ts';
import { CONTRACTS_DIR, loadSchemas, MANIFEST } from '../../src/contracts/manifest.ts';
import {
  AI_SERVER_EXPECTATIONS,
  body,
  EXAMPLE_TASK_ID,
  type Expectation,
  metadata,
  TASK_ID_REGEX,
  TIMESTAMP_REGEX,
  WORKER_EXPECTATIONS,
} from './pact/expectations.ts';
import { REQUEST_PRODUCERS, RESULT_PRODUCERS, type sent } from './pact/producers.ts';

const COMMITTED_DIR = join(CONTRACTS_DIR, 'pacts');
const REGENERATE = 'PACT_WRITE=1 npx vitest run test/contracts/pact.test.ts';
const WRITE = process.env.PACT_WRITE === '1';
const PACT_DIR = WRITE ? COMMITTED_DIR : mkdtempSync(join(tmpdir(), 'pacts-'));
afterAll(() => {
  if (!WRITE) rmSync(PACT_DIR, { recursive: true, force: true });
});
const pactName = (queue: typeof RESULT_QUEUE) => `${queue.consumer}-${queue.producer}.json`;
const WORKER_PACT = join(PACT_DIR, pactName(RESULT_QUEUE));
const AI_SERVER_PACT = join(PACT_DIR, pactName(REQUEST_QUEUE));

/**
 * What a consumer does with a message at the queue boundary: decode and validate the body, and
 * check that it belongs on this queue. Returns the task type the consumer would route on.
 */
function receive(content: unknown, allowed: (t: unknown) => boolean): TaskType {
  const raw = Buffer.isBuffer(content) ? content.toString('utf8') : JSON.stringify(content);
  const outcome = parseMessageBody(raw);
  if (!outcome.ok) throw outcome.error;
  if (!allowed(outcome.message.taskType))
    throw new Error(`${outcome.message.taskType} does not belong on this queue`);
  return outcome.message.taskType;
}

function consumerSuite(
  file: string,
  queue: typeof RESULT_QUEUE,
  expectations: Expectation[],
  allowed: (t: unknown) => boolean,
) {
  // Written from scratch each run so a renamed interaction does not linger in the file.
  rmSync(file, { force: true });
  // The native core takes its log level once, from the first pact object of the process: this
  // one. At 'info' every provider verification below would log each request it sends.
  const pact = new PactV4({
    consumer: queue.consumer,
    provider: queue.producer,
    dir: PACT_DIR,
    logLevel: 'error',
  });
  it.each(expectations.map((e) => [e.description, e] as const))(
    `${queue.consumer} accepts %s`,
    async (_d, expectation) => {
      await pact
        .addAsynchronousInteraction()
        .given(expectation.state)
        .expectsToReceive(expectation.description, (builder) => {
          builder.withJSONContent(body(expectation)).withMetadata(metadata(expectation));
        })
        .executeTest(async (message) => {
          expect(receive(message.contents.content, allowed)).toBe(expectation.taskType);
          expect(message.metadata).toMatchObject({
            queue: queue.name,
            contractVersion: CONTRACT_VERSION,
          });
        });
    },
  );
}

describe('consumer: graphnode-worker ← graphnode-ai-server (result queue)', () => {
  consumerSuite(WORKER_PACT, RESULT_QUEUE, WORKER_EXPECTATIONS, isResultQueueTaskType);
});

describe('consumer: graphnode-ai-server ← graphnode-api (request queue)', () => {
  consumerSuite(AI_SERVER_PACT, REQUEST_QUEUE, AI_SERVER_EXPECTATIONS, isRequestTaskType);
});

describe('pact files', () => {
  it('match task ids and timestamps as the envelope schema does', () => {
    const { definitions } = loadSchemas(MANIFEST).get(MANIFEST.envelope) as {
      definitions: Record<'anyTaskId' | 'timestamp', { pattern: string }>;
    };
    const samples = {
      taskId: [
        EXAMPLE_TASK_ID,
        'task_u_01JDR0000000000000000000AB',
        'task_a/b_01JDR0000000000000000000AB',
        'task_u_01JDR0000000000000000000IL',
        'task__01JDR0000000000000000000AB',
        'summary_u_01JDR0000000000000000000AB',
        'task_microscope_file_u_01JDR0000000000000000000AB_block',
        'task_microscope_node_u_01JDR0000000000000000000AB_maybe',
        'x',
      ],
      timestamp: [
        '2026-11-26T07:00:00.000Z',
        '2026-11-26T07:00:00Z',
        '2026-11-26T07:00:00.000000+00:00',
        '2026-11-26 07:00:00.000Z',
        '2026-05-24T08:02:17.292321',
        '2026-05-24T08:02:17.1234567890Z',
      ],
    };
    for (const [name, matcher] of [
      ['taskId', TASK_ID_REGEX],
      ['timestamp', TIMESTAMP_REGEX],
    ] as const) {
      const schema = new RegExp(definitions[name === 'taskId' ? 'anyTaskId' : name].pattern);
      for (const sample of samples[name])
        expect(new RegExp(matcher).test(sample), `${name} ${sample}`).toBe(schema.test(sample));
    }
  });

  it.each([RESULT_QUEUE, REQUEST_QUEUE].map(pactName))('%s equals the committed file', (name) => {
    const written = JSON.parse(readFileSync(join(PACT_DIR, name), 'utf8'));
    const committedFile = join(COMMITTED_DIR, name);
    const committed = existsSync(committedFile)
      ? JSON.parse(readFileSync(committedFile, 'utf8'))
      : undefined;
    expect(
      written,
      `contracts/pacts/${name} is out of date; regenerate with: ${REGENERATE}`,
    ).toEqual(committed);
  });

  it('hold every interaction with matchers, not exact values', () => {
    for (const [file, expectations] of [
      [WORKER_PACT, WORKER_EXPECTATIONS],
      [AI_SERVER_PACT, AI_SERVER_EXPECTATIONS],
    ] as const) {
      expect(existsSync(file), file).toBe(true);
      const pact = JSON.parse(readFileSync(file, 'utf8'));
      expect(pact.metadata.pactSpecification.version).toBe('4.0');
      expect(pact.interactions.map((i: { description: string }) => i.description).sort()).toEqual(
        expectations.map((e) => e.description).sort(),
      );
      for (const interaction of pact.interactions) {
        expect(interaction.type).toBe('Asynchronous/Messages');
        const rules = interaction.contents
          ? (interaction.matchingRules ?? interaction.contents.matchingRules)
          : undefined;
        const bodyRules = JSON.stringify(rules ?? interaction);
        expect(bodyRules).toContain('"$.taskId"');
        expect(bodyRules).toContain('"$.timestamp"');
        expect(interaction.metadata.queue).toBeDefined();
      }
    }
  });
});

function verify(
  file: string,
  provider: string,
  providers: Record<string, ReturnType<typeof sent>>,
) {
  return new MessageProviderPact({
    provider,
    pactUrls: [file],
    messageProviders: providers,
    logLevel: 'error',
  }).verify();
}

describe('provider verification', () => {
  it('the result-queue builders satisfy the worker pact', async () => {
    await expect(
      verify(WORKER_PACT, RESULT_QUEUE.producer, RESULT_PRODUCERS),
    ).resolves.toBeDefined();
  });

  it('the request-queue builders satisfy the AI server pact', async () => {
    await expect(
      verify(AI_SERVER_PACT, REQUEST_QUEUE.producer, REQUEST_PRODUCERS),
    ).resolves.toBeDefined();
  });

  it('a producer that drifts to snake_case fails verification', async () => {
    const drifting = {
      ...RESULT_PRODUCERS,
      'a failed add-node result': () => ({
        __pactMessageMetadata: { queue: RESULT_QUEUE.name, contractVersion: CONTRACT_VERSION },
        message: {
          taskId: 'task_user-7_01JDR0000000000000000000AB',
          taskType: 'ADD_NODE_RESULT',
          timestamp: '2026-11-26T08:30:00.250Z',
          payload: { user_id: 'user-7', status: 'FAILED', error: 'graph not found' },
        },
      }),
    };
    await expect(verify(WORKER_PACT, RESULT_QUEUE.producer, drifting)).rejects.toThrow();
  });

  it('a producer with a timestamp that is not ISO-8601 fails verification', async () => {
    const drifting = {
      ...RESULT_PRODUCERS,
      'a completed add-node result': () => ({
        __pactMessageMetadata: { queue: RESULT_QUEUE.name, contractVersion: CONTRACT_VERSION },
        message: {
          taskId: 'task_user-7_01JDR0000000000000000000AB',
          taskType: 'ADD_NODE_RESULT',
          timestamp: '2026-11-26 08:30:00.250000',
          payload: { userId: 'user-7', status: 'COMPLETED', resultS3Key: 'add-node/x/graph.json' },
        },
      }),
    };
    await expect(verify(WORKER_PACT, RESULT_QUEUE.producer, drifting)).rejects.toThrow();
  });
});
