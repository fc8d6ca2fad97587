import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningWorker, startWorker } from '../../src/app/worker-server.ts';
import {
  buildGraphGenerationProgress,
  buildGraphGenerationResult,
  type ContractMessage,
  contractMessageAttributes,
} from '../../src/contracts/index.ts';
import type { TaskEvent } from '../../src/core/domain/events.ts';
import type { Task } from '../../src/core/domain/task.ts';
import type { ProcessResult } from '../../src/workers/process-message.ts';
import { CONVERSATIONS, GRAPH_OUTPUT, SUMMARY } from '../core/services/fixtures.ts';
import { BUCKET, startTestStack, type TestStack, testWorkerOptions } from '../support/stack.ts';

const VISIBILITY_MS = 300_000;

describe('result worker (sqs-consumer against the emulator)', () => {
  let stack: TestStack;
  let running: RunningWorker;
  const settled: { messageId: string; result: ProcessResult | 'released' }[] = [];
  const waiters: { count: number; resolve(): void }[] = [];
  const events: TaskEvent[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    running = await startWorker(
      testWorkerOptions(stack, {
        healthPort: 0,
        onSettled: (messageId, result) => {
          settled.push({ messageId, result });
          for (const w of [...waiters]) {
            if (settled.length >= w.count) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve();
            }
          }
        },
      }),
    );
  });
  afterAll(async () => {
    await running?.stop();
    await stack?.stop();
  });

  /** Resolves once `n` more messages have settled, with their results. */
  function nextSettled(n = 1): Promise<(ProcessResult | 'released')[]> {
    const target = settled.length + n;
    return new Promise((resolve) => {
      waiters.push({
        count: target,
        resolve: () => resolve(settled.slice(target - n, target).map((s) => s.result)),
      });
    });
  }

  async function send(message: ContractMessage | string): Promise<void> {
    await stack.clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.infra.result.url,
        MessageBody: typeof message === 'string' ? message : JSON.stringify(message),
        MessageAttributes: contractMessageAttributes(),
      }),
    );
  }

  async function newTask(userId: string): Promise<Task> {
    await stack.hub.subscribe(userId, (e) => events.push(e));
    const outcome = await stack.submission.submit({
      kind: 'GRAPH_GENERATION',
      userId,
      idempotencyKey: null,
      conversations: CONVERSATIONS,
      options: { includeSummary: true },
    });
    if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
    return outcome.task;
  }

  async function putObject(key: string, value: unknown): Promise<void> {
    await stack.clients.s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: JSON.stringify(value) }),
    );
  }

  const completed = (task: Task, extra = {}) =>
    buildGraphGenerationResult(task.taskId, {
      userId: task.userId,
      status: 'COMPLETED',
      resultS3Key: `graph-generation/${task.taskId}/result.json`,
      ...extra,
    });

  const progress = (task: Task, percent: number, stage = 'clustering') =>
    buildGraphGenerationProgress(task.taskId, {
      userId: task.userId,
      currentStage: stage,
      progressPercent: percent,
      etaSeconds: 10,
    });

  const resultQueue = () => stack.control.queue('graphnode-result-queue');
  const eventsOf = (taskId: string) => events.filter((e) => e.taskId === taskId).map((e) => e.type);

  it('applies progress then the result: graph and summary stored, task COMPLETED, user notified, messages deleted', async () => {
    const task = await newTask('ann');
    await putObject(`graph-generation/${task.taskId}/result.json`, GRAPH_OUTPUT);
    await putObject(`graph-generation/${task.taskId}/summary.json`, SUMMARY);
    let done = nextSettled(1);
    await send(progress(task, 40));
    expect(await done).toMatchObject([{ ack: true, verdict: 'applied' }]);
    expect(await stack.store.getTask(task.taskId)).toMatchObject({
      status: 'PROCESSING',
      progressPercent: 40,
    });
    done = nextSettled(1);
    await send(
      completed(task, {
        summaryIncluded: true,
        summaryS3Key: `graph-generation/${task.taskId}/summary.json`,
      }),
    );
    expect(await done).toMatchObject([{ ack: true, verdict: 'applied', taskId: task.taskId }]);
    expect(await stack.store.getTask(task.taskId)).toMatchObject({
      status: 'COMPLETED',
      progressPercent: 100,
    });
    const graph = await stack.store.getGraph('ann');
    expect(JSON.parse(graph?.graphJson ?? 'null')).toEqual(GRAPH_OUTPUT);
    expect(JSON.parse(graph?.summaryJson ?? 'null')).toEqual(SUMMARY);
    expect(eventsOf(task.taskId)).toEqual(['task.progress', 'task.completed']);
    expect((await resultQueue()).messages).toEqual([]);
  });

  it('applies a duplicated result once and acknowledges the copy', async () => {
    const task = await newTask('ben');
    await putObject(`graph-generation/${task.taskId}/result.json`, GRAPH_OUTPUT);
    const message = completed(task);
    const done = nextSettled(2);
    await send(message);
    await send(message);
    const results = await done;
    expect(results.map((r) => (r === 'released' ? r : r.verdict)).sort()).toEqual([
      'applied',
      'duplicate',
    ]);
    expect(eventsOf(task.taskId)).toEqual(['task.completed']);
    expect((await stack.store.listEvents(task.taskId)).map((e) => e.deliveredAt !== null)).toEqual([
      true,
    ]);
    expect((await resultQueue()).messages).toEqual([]);
  });

  it('never lets a late FAILED overwrite COMPLETED, nor progress move after the end or backwards', async () => {
    const task = await newTask('cat');
    await putObject(`graph-generation/${task.taskId}/result.json`, GRAPH_OUTPUT);
    let done = nextSettled(1);
    await send(progress(task, 60, '[2단계] labelling'));
    await done;
    done = nextSettled(1);
    await send(progress(task, 30, '[1단계] embedding'));
    expect(await done).toMatchObject([{ ack: true, verdict: 'ignored', reason: 'stale-progress' }]);
    done = nextSettled(1);
    await send(completed(task));
    await done;
    done = nextSettled(2);
    await send(
      buildGraphGenerationResult(task.taskId, {
        userId: 'cat',
        status: 'FAILED',
        error: 'late failure',
      }),
    );
    await send(progress(task, 99, 'late'));
    const late = await done;
    expect(late.every((r) => r !== 'released' && r.ack)).toBe(true);
    const final = await stack.store.getTask(task.taskId);
    expect(final).toMatchObject({ status: 'COMPLETED', progressPercent: 100, error: null });
    expect(eventsOf(task.taskId)).toEqual(['task.progress', 'task.completed']);
  });

  it('parks a malformed message in the DLQ after five receives, counted, without crashing', async () => {
    const before = running.metrics.snapshot().reasons['contract-violation'] ?? 0;
    let done = nextSettled(1);
    await send('{"taskId": "not-json"');
    for (let receive = 1; receive <= 5; receive++) {
      expect(await done).toMatchObject([
        { ack: false, verdict: 'rejected', reason: 'contract-violation' },
      ]);
      done = nextSettled(1);
      // The message reappears when its visibility timeout ends: move the emulator's clock, don't wait.
      await stack.control.advance(VISIBILITY_MS);
    }
    // The sixth receive moves it to the DLQ instead of delivering it; the worker sees it no more.
    await expect
      .poll(async () => (await stack.control.queue('graphnode-result-queue-dlq')).messages.length)
      .toBe(1);
    const parked = (await stack.control.queue('graphnode-result-queue-dlq')).messages[0];
    expect(parked?.body).toBe('{"taskId": "not-json"');
    expect(parked?.receiveCount).toBe(5);
    expect(running.metrics.snapshot().reasons['contract-violation']).toBe(before + 5);
    // The fifth (last) receive is reported as going to the DLQ.
    expect(running.metrics.snapshot().deadLettered).toBe(1);
    expect(running.worker.running).toBe(true);
    waiters.length = 0;
  });
});
