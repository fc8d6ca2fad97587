import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAddNodeResult,
  buildGraphGenerationRequest,
  buildGraphGenerationResult,
  buildGraphSummaryResult,
  CONTRACT_VERSION,
  CONTRACT_VERSION_ATTRIBUTE,
  type ContractMessage,
} from '../../src/contracts/index.ts';
import type { Task } from '../../src/core/domain/task.ts';
import { silentLog } from '../../src/core/ports/log.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { MysqlStore } from '../../src/infra/store/mysql/mysql-store.ts';
import { WorkerMetrics } from '../../src/workers/metrics.ts';
import { type ProcessDeps, processMessage } from '../../src/workers/process-message.ts';
import { CONVERSATIONS, GRAPH_OUTPUT, SUMMARY } from '../core/services/fixtures.ts';
import {
  createThrowawayDatabase,
  mysqlAvailable,
  type ThrowawayDatabase,
} from '../infra/support/mysql.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

function processMessageSuite(
  database: string,
  openStore: () => Promise<Store | undefined>,
  cleanup = async () => {},
) {
  describe(`processMessage on ${database} (handlers as plain functions of message and ports)`, () => {
    let stack: TestStack;
    let deps: ProcessDeps;
    let n = 0;

    beforeAll(async () => {
      const store = await openStore();
      stack = await startTestStack(store ? { store } : {});
      deps = {
        store: stack.store,
        payloads: stack.payloads,
        notifier: stack.hub,
        clock: stack.clock,
        ids: stack.ids,
        log: silentLog,
        metrics: new WorkerMetrics(),
      };
    });
    afterAll(async () => {
      await stack?.stop();
      await cleanup();
    });

    function incoming(
      body: ContractMessage | string,
      attributes: Record<string, string> = { [CONTRACT_VERSION_ATTRIBUTE]: CONTRACT_VERSION },
    ) {
      return {
        messageId: `m-${++n}`,
        body: typeof body === 'string' ? body : JSON.stringify(body),
        attributes,
        receiveCount: 1,
      };
    }

    async function newTask(
      userId: string,
      kind: 'GRAPH_GENERATION' | 'ADD_NODE' = 'GRAPH_GENERATION',
    ): Promise<Task> {
      const outcome = await stack.submission.submit(
        kind === 'ADD_NODE'
          ? { kind, userId, idempotencyKey: null, conversations: CONVERSATIONS, options: {} }
          : { kind, userId, idempotencyKey: null, conversations: CONVERSATIONS, options: {} },
      );
      if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
      return outcome.task;
    }

    it.each([
      ['an empty body', '', 'contract-violation'],
      ['a JSON array', '[]', 'contract-violation'],
      [
        'an unknown task type',
        '{"taskId":"task_u_01J9Z3N6Q8R2T4V6X8Z0A2C4E6","taskType":"DELETE_ALL","timestamp":"2026-01-01T00:00:00.000Z","payload":{}}',
        'contract-violation',
      ],
      [
        'a snake_case payload',
        '{"taskId":"task_u_01J9Z3N6Q8R2T4V6X8Z0A2C4E6","taskType":"GRAPH_GENERATION_RESULT","timestamp":"2026-01-01T00:00:00.000Z","payload":{"user_id":"u","status":"COMPLETED"}}',
        'contract-violation',
      ],
    ])('leaves %s for redelivery with a reason', async (_name, body, reason) => {
      const result = await processMessage(incoming(body), deps);
      expect(result).toMatchObject({ ack: false, verdict: 'rejected', reason });
    });

    it('applies a result as the real AI server sends it, counting its findings', async () => {
      const task = await newTask('rhea');
      // pydantic's key order, all nine keys with nulls, utcnow().isoformat(), no attributes.
      const body = JSON.stringify({
        taskId: task.taskId,
        taskType: 'GRAPH_GENERATION_RESULT',
        payload: {
          userId: 'rhea',
          status: 'FAILED',
          resultS3Key: null,
          featuresS3Key: null,
          error: 'no conversations',
          errorCode: 'INVALID_INPUT',
          chatId: null,
          summaryS3Key: null,
          summaryIncluded: false,
        },
        timestamp: '2026-05-24T08:02:17.292321',
      });
      const before = deps.metrics.snapshot().findings;
      const result = await processMessage(incoming(body, {}), deps);
      expect(result).toMatchObject({ ack: true, verdict: 'applied' });
      expect((await stack.store.getTask(task.taskId))?.error).toEqual({
        code: 'AI_FAILED',
        message: 'no conversations',
      });
      const key = 'GRAPH_GENERATION_RESULT timestamp-without-zone';
      expect(deps.metrics.snapshot().findings[key]).toBe((before[key] ?? 0) + 1);
    });

    it('ends a microscope ingest task with its result, from either dialect', async () => {
      const outcome = await stack.submission.submit({
        kind: 'MICROSCOPE_INGEST_FROM_NODE',
        userId: 'mira',
        idempotencyKey: null,
        options: { groupId: 'g1', nodeId: 'note-1', nodeType: 'note' },
      });
      if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
      const { taskId } = outcome.task;
      const body = JSON.stringify({
        taskId,
        taskType: 'MICROSCOPE_INGEST_FROM_NODE_RESULT',
        payload: {
          user_id: 'mira',
          group_id: 'g1',
          status: 'COMPLETED',
          source_id: 'note-1',
          chunks_count: 2,
          schema_name: null,
          ingest_stats: null,
          standardized_s3_key: `microscope/${taskId}/standardized.json`,
          block_graph_s3_key: null,
          images_s3_prefix: null,
          error: null,
          errorCode: null,
        },
        timestamp: '2026-05-24T08:02:17',
      });
      expect(await processMessage(incoming(body, {}), deps)).toMatchObject({
        ack: true,
        verdict: 'applied',
      });
      expect(await stack.store.getTask(taskId)).toMatchObject({
        kind: 'MICROSCOPE_INGEST_FROM_NODE',
        status: 'COMPLETED',
        resultS3Key: `microscope/${taskId}/standardized.json`,
      });
    });

    it('refuses a request message that arrived on the result queue', async () => {
      const request = buildGraphGenerationRequest('task_u_01J9Z3N6Q8R2T4V6X8Z0A2C4E6', {
        userId: 'u',
        s3Key: 'k',
      });
      expect(await processMessage(incoming(request), deps)).toMatchObject({
        ack: false,
        reason: 'wrong-queue',
      });
    });

    it('refuses a message from an incompatible contract major version', async () => {
      const task = await newTask('vera');
      const message = buildGraphGenerationResult(task.taskId, {
        userId: 'vera',
        status: 'FAILED',
        error: 'x',
      });
      const result = await processMessage(
        incoming(message, { [CONTRACT_VERSION_ATTRIBUTE]: '99.0.0' }),
        deps,
      );
      expect(result).toMatchObject({ ack: false, reason: 'contract-version' });
      expect((await stack.store.getTask(task.taskId))?.status).toBe('PENDING');
    });

    it('refuses results for unknown tasks, another user’s task or the wrong kind, changing nothing', async () => {
      const task = await newTask('walt');
      const ghost = buildGraphGenerationResult('task_walt_01J9Z3N6Q8R2T4V6X8Z0A2C4E6', {
        userId: 'walt',
        status: 'FAILED',
        error: 'x',
      });
      expect(await processMessage(incoming(ghost), deps)).toMatchObject({
        ack: false,
        reason: 'unknown-task',
      });
      const forged = buildGraphGenerationResult(task.taskId, {
        userId: 'mallory',
        status: 'FAILED',
        error: 'x',
      });
      expect(await processMessage(incoming(forged), deps)).toMatchObject({
        ack: false,
        reason: 'user-mismatch',
      });
      const wrongKind = buildAddNodeResult(task.taskId, {
        userId: 'walt',
        status: 'FAILED',
        error: 'x',
      });
      expect(await processMessage(incoming(wrongKind), deps)).toMatchObject({
        ack: false,
        reason: 'kind-mismatch',
      });
      expect(await stack.store.getTask(task.taskId)).toMatchObject({
        status: 'PENDING',
        error: null,
      });
      // None of them was recorded, so the genuine result still applies.
      const real = buildGraphGenerationResult(task.taskId, {
        userId: 'walt',
        status: 'FAILED',
        error: 'out of memory',
      });
      expect(await processMessage(incoming(real), deps)).toMatchObject({
        ack: true,
        verdict: 'applied',
      });
      expect((await stack.store.getTask(task.taskId))?.error).toEqual({
        code: 'AI_FAILED',
        message: 'out of memory',
      });
    });

    it('does not ack a COMPLETED result whose graph object is missing or off-contract', async () => {
      const task = await newTask('xena');
      const key = `graph-generation/${task.taskId}/result.json`;
      const message = buildGraphGenerationResult(task.taskId, {
        userId: 'xena',
        status: 'COMPLETED',
        resultS3Key: key,
      });
      expect(await processMessage(incoming(message), deps)).toMatchObject({
        ack: false,
        verdict: 'failed',
        reason: 'PayloadMissingError',
      });
      await stack.payloads.putJson(key, { nodes: 'not a list' });
      expect(await processMessage(incoming(message), deps)).toMatchObject({
        ack: false,
        reason: 'result-object-off-contract',
      });
      expect((await stack.store.getTask(task.taskId))?.status).toBe('PENDING');
      // Once the AI server rewrites the object, the redelivered message applies.
      await stack.payloads.putJson(key, GRAPH_OUTPUT);
      expect(await processMessage(incoming(message), deps)).toMatchObject({
        ack: true,
        verdict: 'applied',
      });
    });

    /** A task of `kind` whose COMPLETED result (the sample graph) the worker has applied. */
    async function completeGraph(userId: string, kind: 'GRAPH_GENERATION' | 'ADD_NODE') {
      const task = await newTask(userId, kind);
      const key = `${kind === 'ADD_NODE' ? 'add-node' : 'graph-generation'}/${task.taskId}/result.json`;
      await stack.payloads.putJson(key, GRAPH_OUTPUT);
      const build = kind === 'ADD_NODE' ? buildAddNodeResult : buildGraphGenerationResult;
      expect(
        await processMessage(
          incoming(build(task.taskId, { userId, status: 'COMPLETED', resultS3Key: key })),
          deps,
        ),
      ).toMatchObject({ ack: true, verdict: 'applied' });
      return { task, key };
    }

    /** Submits a summary of the user's graph; returns its COMPLETED result, object written. */
    async function askSummary(userId: string) {
      const asked = await stack.submission.submit({
        kind: 'GRAPH_SUMMARY',
        userId,
        idempotencyKey: null,
        options: {},
      });
      if (asked.kind !== 'accepted') throw new Error(asked.kind);
      const summaryS3Key = `graph-summary/${asked.task.taskId}/summary.json`;
      await stack.payloads.putJson(summaryS3Key, SUMMARY);
      const result = buildGraphSummaryResult(asked.task.taskId, {
        userId,
        status: 'COMPLETED',
        summaryS3Key,
      });
      return { task: asked.task, result };
    }

    it('attaches a summary and replaces the graph on add-node', async () => {
      await completeGraph('yuri', 'GRAPH_GENERATION');
      const { result } = await askSummary('yuri');
      expect(await processMessage(incoming(result), deps)).toMatchObject({
        ack: true,
        verdict: 'applied',
      });
      expect(JSON.parse((await stack.store.getGraph('yuri'))?.summaryJson ?? 'null')).toEqual(
        SUMMARY,
      );
      const add = await completeGraph('yuri', 'ADD_NODE');
      expect(await stack.store.getGraph('yuri')).toMatchObject({
        taskId: add.task.taskId,
        graphS3Key: add.key,
        summaryJson: null,
      });
    });

    it('keeps a summary of a replaced graph off the newer graph', async () => {
      await completeGraph('yara', 'GRAPH_GENERATION');
      // The summary is asked for the first graph; a newer graph lands before its result does.
      const asked = await askSummary('yara');
      const newer = await completeGraph('yara', 'ADD_NODE');
      expect(await processMessage(incoming(asked.result), deps)).toMatchObject({
        ack: true,
        verdict: 'applied',
      });
      expect((await stack.store.getTask(asked.task.taskId))?.status).toBe('COMPLETED');
      expect(await stack.store.getGraph('yara')).toMatchObject({
        graphS3Key: newer.key,
        summaryJson: null,
      });
    });

    it('delivers an event whose first notification failed when the message comes back', async () => {
      const task = await newTask('zoe');
      const got: string[] = [];
      let down = true;
      const flaky = {
        ...deps,
        notifier: {
          publish: async (e: { type: string }) => {
            if (down) throw new Error('redis down');
            got.push(e.type);
          },
        },
      };
      const message = buildGraphGenerationResult(task.taskId, {
        userId: 'zoe',
        status: 'FAILED',
        error: 'x',
      });
      expect(await processMessage(incoming(message), flaky)).toMatchObject({
        ack: false,
        verdict: 'failed',
      });
      down = false;
      expect(await processMessage(incoming(message), flaky)).toMatchObject({
        ack: true,
        verdict: 'duplicate',
      });
      expect(await processMessage(incoming(message), flaky)).toMatchObject({
        ack: true,
        verdict: 'duplicate',
      });
      expect(got).toEqual(['task.failed']);
    });
  });
}

processMessageSuite('SQLite', async () => undefined);

if (mysqlAvailable('processMessage on MySQL')) {
  let db: ThrowawayDatabase | undefined;
  processMessageSuite(
    'MySQL',
    async () => {
      db = await createThrowawayDatabase('graphnode_worker');
      return MysqlStore.connect(db.url);
    },
    async () => db?.drop(),
  );
}
