// Pact (V4 asynchronous messages) in both directions. The consumer half writes the pact files in
// contracts/pacts/ (committed; the Python kit verifies the AI server against them); the provider
// half replays them against the message builders in src/contracts/, and shows that a drifting
// producer is caught. Consumer tests run first in this file, so the provider half verifies the
// files just written.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MessageProviderPact, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import {
  CONTRACT_VERSION,
  isRequestTaskType,
  isResultQueueTaskType,
  parseMessageBody,
  REQUEST_QUEUE,
  RESULT_QUEUE,
  type TaskType,
} from '../../src/contracts/index.ts';
import { CONTRACTS_DIR } from '../../src/contracts/manifest.ts';
import {
  AI_SERVER_EXPECTATIONS,
  body,
  type Expectation,
  metadata,
  WORKER_EXPECTATIONS,
} from './pact/expectations.ts';
import { REQUEST_PRODUCERS, RESULT_PRODUCERS, type sent } from './pact/producers.ts';

const PACT_DIR = join(CONTRACTS_DIR, 'pacts');
const WORKER_PACT = join(PACT_DIR, `${RESULT_QUEUE.consumer}-${RESULT_QUEUE.producer}.json`);
const AI_SERVER_PACT = join(PACT_DIR, `${REQUEST_QUEUE.consumer}-${REQUEST_QUEUE.producer}.json`);

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

  it('a producer with a Python-style timestamp fails verification', async () => {
    const drifting = {
      ...RESULT_PRODUCERS,
      'a completed add-node result': () => ({
        __pactMessageMetadata: { queue: RESULT_QUEUE.name, contractVersion: CONTRACT_VERSION },
        message: {
          taskId: 'task_user-7_01JDR0000000000000000000AB',
          taskType: 'ADD_NODE_RESULT',
          timestamp: '2026-11-26T08:30:00.250000+00:00',
          payload: { userId: 'user-7', status: 'COMPLETED', resultS3Key: 'add-node/x/graph.json' },
        },
      }),
    };
    await expect(verify(WORKER_PACT, RESULT_QUEUE.producer, drifting)).rejects.toThrow();
  });
});
