// Pact provider verification of the fake AI server against the worker's pact: every interaction
// is produced by running the fake AI for real (emulator queues and S3, the state's profile) and
// handing Pact the message it put on the result queue, with the queue name and contract version
// it was sent with. The pact is the committed file (the contracts suite checks it without
// rewriting it).
import { join } from 'node:path';
import type { Message } from '@aws-sdk/client-sqs';
import { MessageProviderPact, type MessageProviders } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../../fake-ai/graph/build-graph.ts';
import { readBundle } from '../../../fake-ai/graph/conversations.ts';
import { CONTRACT_VERSION_ATTRIBUTE, RESULT_QUEUE } from '../../../src/contracts/index.ts';
import { CONTRACTS_DIR } from '../../../src/contracts/manifest.ts';
import { SAMPLE_BUNDLE } from '../support/bodies.ts';
import { BUCKET, type Fixture, startFixture } from '../support/fixture.ts';

const WORKER_PACT = join(
  CONTRACTS_DIR,
  'pacts',
  `${RESULT_QUEUE.consumer}-${RESULT_QUEUE.producer}.json`,
);

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture({
    profiles: {
      profiles: {
        slow: { latency: { fixedMs: 30_000 } },
        'failing-snake-case': { outcome: 'FAILED', malformed: 'snake-case' },
      },
    },
  });
  await fx.putObject('in/input.json', SAMPLE_BUNDLE);
  const graph = buildGraph(readBundle(JSON.parse(SAMPLE_BUNDLE)), { now: 0 });
  await fx.putObject('graphs/g.json', JSON.stringify(graph));
});
afterAll(async () => {
  await fx.close();
});

/** Runs one request through the fake AI and returns the result-queue messages it produced. */
async function produce(submit: () => Promise<string>): Promise<Message[]> {
  await fx.drainResults();
  const taskId = await submit();
  await fx.advanceUntil((e) => e.taskId === taskId && e.kind === 'deleted');
  return fx.drainResults();
}

/** The message as Pact sees it: the body, and the transport metadata it travelled with. */
function asPact(message: Message | undefined) {
  if (!message?.Body) throw new Error('the fake AI sent no matching message');
  return {
    __pactMessageMetadata: {
      queue: RESULT_QUEUE.name,
      contractVersion: message.MessageAttributes?.[CONTRACT_VERSION_ATTRIBUTE]?.StringValue,
    },
    message: JSON.parse(message.Body),
  };
}

const ofType = (messages: Message[], taskType: string, extra = '') =>
  messages.find((m) => m.Body?.includes(`"taskType":"${taskType}"`) && m.Body.includes(extra));

const generate = (payload: { s3Key: string; includeSummary?: boolean }, profile?: string) => () =>
  fx.submit(
    'GRAPH_GENERATION_REQUEST',
    { userId: 'user-42', ...payload },
    profile ? { profile } : {},
  );

const addNode = (profile?: string) => () =>
  fx.submit(
    'ADD_NODE_REQUEST',
    { userId: 'user-42', s3Key: 'in/input.json' },
    profile ? { profile } : {},
  );

const PROVIDERS: MessageProviders = {
  'a completed graph generation result': async () =>
    asPact(
      ofType(
        await produce(generate({ s3Key: 'in/input.json', includeSummary: true })),
        'GRAPH_GENERATION_RESULT',
      ),
    ),
  'a failed graph generation result': async () =>
    asPact(
      ofType(await produce(generate({ s3Key: 'in/missing.json' })), 'GRAPH_GENERATION_RESULT'),
    ),
  'a graph generation progress update': async () =>
    asPact(
      ofType(
        await produce(generate({ s3Key: 'in/input.json' }, 'slow')),
        'GRAPH_GENERATION_PROGRESS',
        '"etaSeconds":2',
      ),
    ),
  'a graph generation progress update without an estimate': async () =>
    asPact(
      ofType(
        await produce(generate({ s3Key: 'in/input.json' })),
        'GRAPH_GENERATION_PROGRESS',
        '"etaSeconds":null',
      ),
    ),
  'a completed graph summary result': async () =>
    asPact(
      ofType(
        await produce(() =>
          fx.submit('GRAPH_SUMMARY_REQUEST', {
            userId: 'user-42',
            graphS3Key: 'graphs/g.json',
            bucket: BUCKET,
          }),
        ),
        'GRAPH_SUMMARY_RESULT',
      ),
    ),
  'a completed add-node result': async () =>
    asPact(ofType(await produce(addNode()), 'ADD_NODE_RESULT')),
  'a failed add-node result': async () =>
    asPact(ofType(await produce(addNode('failing')), 'ADD_NODE_RESULT')),
  'a completed raw-file microscope ingest result': async () =>
    asPact(
      ofType(
        await produce(() =>
          fx.submit('MICROSCOPE_INGEST_REQUEST', {
            user_id: 'user-42',
            group_id: 'group-1',
            s3_key: 'in/input.json',
            file_name: 'input.json',
          }),
        ),
        'MICROSCOPE_INGEST_RESULT',
      ),
    ),
  'a failed from-node microscope ingest result': async () =>
    asPact(
      ofType(
        await produce(() =>
          fx.submit(
            'MICROSCOPE_INGEST_FROM_NODE_REQUEST',
            { user_id: 'user-42', node_id: 'note-7', node_type: 'note', group_id: 'group-1' },
            { profile: 'failing' },
          ),
        ),
        'MICROSCOPE_INGEST_FROM_NODE_RESULT',
      ),
    ),
};

const verify = (messageProviders: MessageProviders) =>
  new MessageProviderPact({
    provider: RESULT_QUEUE.producer,
    pactUrls: [WORKER_PACT],
    messageProviders,
    logLevel: 'error',
  }).verify();

describe('pact provider verification: the fake AI server', () => {
  it('satisfies every interaction of the worker pact', async () => {
    await expect(verify(PROVIDERS)).resolves.toBeDefined();
  });

  it('would be caught drifting: a snake_case result fails verification', async () => {
    const drifting: MessageProviders = {
      ...PROVIDERS,
      'a failed add-node result': async () =>
        asPact(ofType(await produce(addNode('failing-snake-case')), 'ADD_NODE_RESULT')),
    };
    await expect(verify(drifting)).rejects.toThrow();
  });
});
