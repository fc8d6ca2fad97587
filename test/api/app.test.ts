import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/api/app.ts';
import { PROBLEMS } from '../../src/api/problems.ts';
import { TaskSubmission } from '../../src/core/services/task-submission.ts';
import { S3PayloadStore } from '../../src/infra/aws/s3-payloads.ts';
import { CONVERSATIONS } from '../core/services/fixtures.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const ALICE = 'alice-token-0123456789';
const BOB = 'bob-token-0123456789ab';
const CAROL = 'carol-token-0123456789';
const tokens = new Map([
  [ALICE, 'alice'],
  [BOB, 'bob'],
  [CAROL, 'carol'],
]);

const auth = (token = ALICE) => ({ authorization: `Bearer ${token}` });

describe('API', () => {
  let stack: TestStack;
  let app: FastifyInstance;
  let notReady: Error | null = null;

  beforeAll(async () => {
    stack = await startTestStack();
    app = await build({
      store: stack.store,
      submission: stack.submission,
      feed: stack.hub,
      tokens,
      bodyLimitBytes: 64 * 1024,
      readiness: async () => {
        if (notReady) throw notReady;
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await stack?.stop();
  });

  const queued = async () => (await stack.control.queue('graphnode-request-queue')).messages.length;

  function generate(body: unknown, headers: Record<string, string> = auth()) {
    return app.inject({
      method: 'POST',
      url: '/v1/graphs/generate',
      headers: { 'content-type': 'application/json', ...headers },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  function expectProblem(
    res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
    code: keyof typeof PROBLEMS,
  ) {
    expect(res.statusCode).toBe(PROBLEMS[code].status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json() as { type: string; title: string; status: number };
    expect(body).toMatchObject({
      type: `/problems/${code}`,
      title: PROBLEMS[code].title,
      status: PROBLEMS[code].status,
    });
    return body as {
      type: string;
      detail?: string;
      violations?: { path: string; message: string }[];
      taskId?: string;
    };
  }

  describe('health', () => {
    it('answers /health and /ready without a token', async () => {
      expect((await app.inject('/health')).json()).toEqual({ status: 'ok' });
      expect((await app.inject('/ready')).statusCode).toBe(200);
    });

    it('reports not ready, with the reason, when a dependency fails', async () => {
      notReady = new Error('request queue unreachable');
      try {
        const body = expectProblem(await app.inject('/ready'), 'not-ready');
        expect(body.detail).toBe('request queue unreachable');
      } finally {
        notReady = null;
      }
    });
  });

  describe('authentication', () => {
    it('refuses missing, forged and malformed tokens with 401 and a Bearer challenge', async () => {
      for (const headers of [
        {},
        auth('forged-token-0123456789'),
        { authorization: `Basic ${ALICE}` },
        { authorization: 'Bearer' },
        { authorization: `Bearer ${ALICE} x` },
      ]) {
        const res = await generate({ conversations: CONVERSATIONS }, headers);
        expectProblem(res, 'unauthorized');
        expect(res.headers['www-authenticate']).toBe('Bearer realm="graphnode"');
      }
      expectProblem(
        await app.inject('/v1/tasks/task_alice_01J9Z3N6Q8R2T4V6X8Z0A2C4E6'),
        'unauthorized',
      );
      expectProblem(await app.inject('/v1/events'), 'unauthorized');
      expect(await stack.store.listTasks('alice', 10)).toEqual([]);
    });
  });

  describe('POST /v1/graphs/generate', () => {
    it('accepts conversations with 202, a task id and its location, and the task reads back PENDING', async () => {
      const res = await generate({
        conversations: CONVERSATIONS,
        options: { includeSummary: true, language: 'en' },
      });
      expect(res.statusCode).toBe(202);
      const { taskId } = res.json() as { taskId: string };
      expect(taskId).toMatch(/^task_alice_[0-9A-Z]{26}$/);
      expect(res.headers.location).toBe(`/v1/tasks/${taskId}`);
      const task = await app.inject({ url: `/v1/tasks/${taskId}`, headers: auth() });
      expect(task.statusCode).toBe(200);
      expect(task.json()).toMatchObject({
        taskId,
        kind: 'GRAPH_GENERATION',
        status: 'PENDING',
        progress: { percent: 0, stage: null, etaSeconds: null },
        error: null,
        createdAt: '2026-01-01T00:00:00.000Z',
        completedAt: null,
      });
      const list = await app.inject({ url: '/v1/tasks?limit=5', headers: auth() });
      expect((list.json() as { tasks: { taskId: string }[] }).tasks.map((t) => t.taskId)).toContain(
        taskId,
      );
    });

    it('hides another user’s task behind 404 and rejects malformed task ids with 400', async () => {
      const res = await generate({ conversations: CONVERSATIONS });
      const { taskId } = res.json() as { taskId: string };
      expectProblem(
        await app.inject({ url: `/v1/tasks/${taskId}`, headers: auth(BOB) }),
        'task-not-found',
      );
      expectProblem(
        await app.inject({
          url: '/v1/tasks/task_alice_01J9Z3N6Q8R2T4V6X8Z0A2C4E6',
          headers: auth(),
        }),
        'task-not-found',
      );
      for (const bad of ['nope', 'task_alice_short', '..%2F..%2Fetc', `${taskId}x`]) {
        expectProblem(
          await app.inject({ url: `/v1/tasks/${bad}`, headers: auth() }),
          'invalid-task-id',
        );
      }
      expect((await app.inject({ url: '/v1/tasks', headers: auth(BOB) })).json()).toEqual({
        tasks: [],
        nextCursor: null,
      });
    });

    it('makes a retry with the same Idempotency-Key return the same task, once queued', async () => {
      const before = await queued();
      const headers = { ...auth(), 'idempotency-key': 'client-retry-42' };
      const first = await generate({ conversations: CONVERSATIONS }, headers);
      const second = await generate({ conversations: CONVERSATIONS }, headers);
      expect(first.statusCode).toBe(202);
      expect(second.statusCode).toBe(202);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.json()).toEqual(first.json());
      expect(await queued()).toBe(before + 1);
      const reused = expectProblem(
        await generate({ conversations: CONVERSATIONS.slice(0, 1) }, headers),
        'idempotency-key-reused',
      );
      expect(reused.taskId).toBe((first.json() as { taskId: string }).taskId);
      expectProblem(
        await generate(
          { conversations: CONVERSATIONS },
          { ...auth(), 'idempotency-key': 'x'.repeat(256) },
        ),
        'invalid-idempotency-key',
      );
      expectProblem(
        await generate(
          { conversations: CONVERSATIONS },
          { ...auth(), 'idempotency-key': 'has space' },
        ),
        'invalid-idempotency-key',
      );
    });

    describe('bad input gets a precise 4xx and stores or sends nothing', () => {
      const cases: [string, () => ReturnType<typeof generate>, keyof typeof PROBLEMS, string?][] = [
        ['malformed JSON', () => generate('{"conversations": ['), 'malformed-json'],
        ['an empty body', () => generate(''), 'malformed-json'],
        [
          'a prototype-poisoning body',
          () => generate('{"__proto__":{"admin":true},"conversations":[]}'),
          'malformed-json',
        ],
        [
          'a constructor-poisoning body',
          () => generate('{"constructor":{"prototype":{"admin":true}}}'),
          'malformed-json',
        ],
        ['deeply nested brackets', () => generate('['.repeat(5000)), 'malformed-json'],
        ['a JSON array', () => generate([]), 'invalid-request'],
        ['a missing conversations field', () => generate({ options: {} }), 'invalid-request', '/'],
        [
          'an unknown top-level field',
          () => generate({ conversations: CONVERSATIONS, userId: 'bob' }),
          'invalid-request',
          'unknown field "userId"',
        ],
        [
          'an unknown option',
          () => generate({ conversations: CONVERSATIONS, options: { temperature: 2 } }),
          'invalid-request',
          'unknown field "temperature"',
        ],
        [
          'a wrongly typed option',
          () => generate({ conversations: CONVERSATIONS, options: { includeSummary: 'yes' } }),
          'invalid-request',
          '/options/includeSummary',
        ],
        [
          'a string where a number belongs',
          () => generate({ conversations: CONVERSATIONS, options: { maxClusters: '5' } }),
          'invalid-request',
          '/options/maxClusters',
        ],
        [
          'an empty conversation list',
          () => generate({ conversations: [] }),
          'invalid-request',
          '/conversations',
        ],
        [
          'a hostile language tag',
          () =>
            generate({ conversations: CONVERSATIONS, options: { language: 'en"; DROP TABLE' } }),
          'invalid-request',
          '/options/language',
        ],
        [
          'minClusters above maxClusters',
          () =>
            generate({ conversations: CONVERSATIONS, options: { minClusters: 9, maxClusters: 3 } }),
          'invalid-request',
          '/options/minClusters',
        ],
        [
          'conversations that are not chat-export',
          () =>
            generate({
              conversations: [{ title: 'x', create_time: 1, mapping: { a: { id: 'a' } } }],
            }),
          'invalid-input',
          '/conversations/0/mapping/a/parent',
        ],
        [
          'conversations that are not objects',
          () => generate({ conversations: ['hello'] }),
          'invalid-request',
          '/conversations/0',
        ],
        [
          'a body over the size limit',
          () =>
            generate({
              conversations: [{ title: 'x'.repeat(70 * 1024), create_time: 1, mapping: {} }],
            }),
          'payload-too-large',
        ],
        [
          'a non-JSON content type',
          () =>
            app.inject({
              method: 'POST',
              url: '/v1/graphs/generate',
              headers: { ...auth(), 'content-type': 'text/plain' },
              payload: JSON.stringify({ conversations: CONVERSATIONS }),
            }),
          'unsupported-media-type',
        ],
        [
          'a form post',
          () =>
            app.inject({
              method: 'POST',
              url: '/v1/graphs/generate',
              headers: { ...auth(), 'content-type': 'application/x-www-form-urlencoded' },
              payload: 'conversations=1',
            }),
          'unsupported-media-type',
        ],
      ];
      for (const [name, send, code, where] of cases) {
        it(`rejects ${name}`, async () => {
          const before = await queued();
          const tasksBefore = (await stack.store.listTasks('alice', 100)).length;
          const body = expectProblem(await send(), code);
          if (where) {
            const said = (body.violations ?? []).flatMap((v) => [v.path, v.message]);
            expect(said, JSON.stringify(body)).toContain(where);
          }
          expect(await queued()).toBe(before);
          expect(await stack.store.listTasks('alice', 100)).toHaveLength(tasksBefore);
        });
      }
    });
  });

  describe('summary, add-node and graph routes', () => {
    it('refuses a summary before there is a graph, and reports no graph yet', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/graphs/summary',
        headers: { ...auth(BOB), 'content-type': 'application/json' },
        payload: '{}',
      });
      expectProblem(res, 'no-graph');
      expectProblem(await app.inject({ url: '/v1/graphs', headers: auth(BOB) }), 'graph-not-found');
    });

    it('accepts an add-node request', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/graphs/nodes',
        headers: { ...auth(BOB), 'content-type': 'application/json' },
        payload: JSON.stringify({
          conversations: CONVERSATIONS.slice(0, 1),
          options: { language: 'ko' },
        }),
      });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toMatchObject({ status: 'PENDING' });
    });

    it('submits both microscope ingests with the back end’s task-id forms', async () => {
      const post = (url: string, body: unknown) =>
        app.inject({
          method: 'POST',
          url,
          headers: { ...auth(BOB), 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
      const file = await post('/v1/microscope/files', {
        groupId: 'g1',
        s3Key: 'microscope/bob/paper.pdf',
        fileName: 'paper.pdf',
        blocking: true,
      });
      expect(file.statusCode).toBe(202);
      expect(file.json().taskId).toMatch(/^task_microscope_file_bob_[0-9A-Z]{26}_block$/);
      const node = await post('/v1/microscope/nodes', {
        groupId: 'g1',
        nodeId: 'note-7',
        nodeType: 'note',
      });
      expect(node.statusCode).toBe(202);
      expect(node.json().taskId).toMatch(/^task_microscope_node_bob_[0-9A-Z]{26}_nonblock$/);
      const sent = (await stack.control.queue('graphnode-request-queue')).messages.map(
        (m) => JSON.parse(m.body) as { taskId: string; payload: Record<string, unknown> },
      );
      expect(sent.find((m) => m.taskId === node.json().taskId)?.payload).toMatchObject({
        user_id: 'bob',
        node_id: 'note-7',
        node_type: 'note',
        ingest_mode: 'from_graphnode',
      });
      // Another user's upload, a path escape, a bad node type: refused, nothing queued.
      const before = await queued();
      const foreign = await post('/v1/microscope/files', {
        groupId: 'g1',
        s3Key: 'microscope/alice/secret.pdf',
        fileName: 'secret.pdf',
      });
      expect(expectProblem(foreign, 'invalid-input').violations?.[0]?.path).toBe('/options/s3Key');
      expect(
        (
          await post('/v1/microscope/files', {
            groupId: 'g',
            s3Key: 'microscope/bob/../alice/x',
            fileName: 'x',
          })
        ).statusCode,
      ).toBe(422);
      expect(
        (await post('/v1/microscope/nodes', { groupId: 'g', nodeId: 'n', nodeType: 'pdf' }))
          .statusCode,
      ).toBe(400);
      expect(await queued()).toBe(before);
    });

    it('pages through the task list with nextCursor until a short page ends it', async () => {
      const made: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await generate({ conversations: CONVERSATIONS }, auth(CAROL));
        made.push((res.json() as { taskId: string }).taskId);
      }
      const seen: string[] = [];
      let url = '/v1/tasks?limit=2';
      for (let pages = 0; pages < 5; pages++) {
        const page = (await app.inject({ url, headers: auth(CAROL) })).json() as {
          tasks: { taskId: string }[];
          nextCursor: string | null;
        };
        seen.push(...page.tasks.map((t) => t.taskId));
        if (page.nextCursor === null) break;
        url = `/v1/tasks?limit=2&cursor=${encodeURIComponent(page.nextCursor)}`;
      }
      expect(seen).toEqual([...made].reverse());
    });

    it.each([
      ['not base64url JSON', '%%%'],
      ['JSON of another shape', Buffer.from('{"a":1}').toString('base64url')],
      ['a forged task id', Buffer.from('[1,"<script>"]').toString('base64url')],
      ['an oversized value', 'a'.repeat(600)],
    ])('refuses a cursor that is %s', async (_what, cursor) => {
      const res = await app.inject({ url: `/v1/tasks?cursor=${cursor}`, headers: auth() });
      expectProblem(res, 'invalid-request');
    });

    it('rejects an invalid task list limit and unknown routes', async () => {
      expectProblem(
        await app.inject({ url: '/v1/tasks?limit=0', headers: auth() }),
        'invalid-request',
      );
      expectProblem(
        await app.inject({ url: '/v1/tasks?limit=5&x=1', headers: auth() }),
        'invalid-request',
      );
      expectProblem(await app.inject({ url: '/v2/nothing', headers: auth() }), 'not-found');
    });
  });

  it('answers 503 and records nothing when the payload bucket cannot be written', async () => {
    const broken = await build({
      store: stack.store,
      submission: new TaskSubmission({
        store: stack.store,
        payloads: new S3PayloadStore({ s3: stack.clients.s3, bucket: 'no-such-bucket' }),
        relay: stack.relay,
        clock: stack.clock,
        ids: stack.ids,
      }),
      feed: stack.hub,
      tokens,
    });
    try {
      const before = await queued();
      const res = await broken.inject({
        method: 'POST',
        url: '/v1/graphs/generate',
        headers: { ...auth(BOB), 'content-type': 'application/json' },
        payload: JSON.stringify({ conversations: CONVERSATIONS }),
      });
      expectProblem(res, 'dependency-failed');
      expect(await queued()).toBe(before);
      expect(
        (await stack.store.listTasks('bob', 100)).filter((t) => t.kind === 'GRAPH_GENERATION'),
      ).toEqual([]);
    } finally {
      await broken.close();
    }
  });

  it('documents every problem type, with its status, in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(
      /\s+/g,
      ' ',
    );
    for (const [code, { status, title }] of Object.entries(PROBLEMS)) {
      expect(readme, `README lists ${code}`).toContain(`\`${code}\` ${status}`);
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(title.length, code).toBeGreaterThan(5);
    }
  });
});
