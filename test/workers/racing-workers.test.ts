import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningWorker, startWorker } from '../../src/app/worker-server.ts';
import {
  buildGraphGenerationResult,
  contractMessageAttributes,
} from '../../src/contracts/index.ts';
import type { TaskEvent } from '../../src/core/domain/events.ts';
import { CONVERSATIONS, GRAPH_OUTPUT } from '../core/services/fixtures.ts';
import { startTestStack, type TestStack, testWorkerOptions } from '../support/stack.ts';

describe('two workers racing on duplicated results', () => {
  let stack: TestStack;
  const workers: RunningWorker[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    for (let i = 0; i < 2; i++) {
      workers.push(await startWorker(testWorkerOptions(stack)));
    }
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await stack?.stop();
  });

  it('applies each result once and notifies once, however many copies arrive', async () => {
    // Every result is stored three times by the queue: at-least-once delivery at its worst.
    await stack.control.addFault({
      queue: 'graphnode-result-queue',
      effect: { type: 'duplicate', copies: 2 },
    });
    const events: TaskEvent[] = [];
    await stack.hub.subscribe('rae', (e) => events.push(e));
    const taskIds: string[] = [];
    for (let i = 0; i < 4; i++) {
      const outcome = await stack.submission.submit({
        kind: 'GRAPH_GENERATION',
        userId: 'rae',
        idempotencyKey: null,
        conversations: CONVERSATIONS,
        options: {},
      });
      if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
      const { taskId } = outcome.task;
      taskIds.push(taskId);
      const key = `graph-generation/${taskId}/result.json`;
      await stack.payloads.putJson(key, GRAPH_OUTPUT);
      await stack.clients.sqs.send(
        new SendMessageCommand({
          QueueUrl: stack.infra.result.url,
          MessageBody: JSON.stringify(
            buildGraphGenerationResult(taskId, {
              userId: 'rae',
              status: 'COMPLETED',
              resultS3Key: key,
            }),
          ),
          MessageAttributes: contractMessageAttributes(),
        }),
      );
    }
    const handled = () =>
      workers.reduce((sum, w) => {
        const m = w.metrics.snapshot();
        return sum + m.applied + m.duplicate;
      }, 0);
    // 4 results × 3 copies, shared between the two workers.
    await expect.poll(handled).toBe(12);
    const totals = workers.map((w) => w.metrics.snapshot());
    expect(totals.reduce((s, m) => s + m.applied, 0)).toBe(4);
    expect(totals.reduce((s, m) => s + m.duplicate, 0)).toBe(8);
    for (const taskId of taskIds) {
      expect((await stack.store.getTask(taskId))?.status).toBe('COMPLETED');
      expect(events.filter((e) => e.taskId === taskId).map((e) => e.type)).toEqual([
        'task.completed',
      ]);
    }
    await expect
      .poll(async () => (await stack.control.queue('graphnode-result-queue')).messages.length)
      .toBe(0);
  });
});
