// The reconciliation sweep against the real emulator and store: a task whose request vanished
// (an AI server that drops what it cannot read, an emulator reset) is dispatched again with the
// same request, at most twice, then failed with STALLED and its user notified once; a task that
// moves is left alone.
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskEvent } from '../../../src/core/domain/events.ts';
import { TaskReconciler } from '../../../src/core/services/task-reconciler.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';
import { CONVERSATIONS } from './fixtures.ts';

const STALL_MS = 15 * 60_000;

describe('task reconciler', () => {
  let stack: TestStack;
  let reconciler: TaskReconciler;
  beforeAll(async () => {
    stack = await startTestStack();
    reconciler = new TaskReconciler({
      store: stack.store,
      notifier: stack.hub,
      clock: stack.clock,
      ids: stack.ids,
      stallMs: STALL_MS,
      maxRedispatches: 2,
    });
  });
  afterAll(async () => stack?.stop());

  async function submit(userId: string) {
    const outcome = await stack.submission.submit({
      kind: 'GRAPH_GENERATION',
      userId,
      idempotencyKey: null,
      conversations: CONVERSATIONS,
      options: {},
    });
    if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
    return outcome.task;
  }

  /** Takes every request off the queue and throws it away, as a careless AI server would. */
  async function dropRequests(): Promise<string[]> {
    const got = await stack.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: stack.infra.request.url, MaxNumberOfMessages: 10 }),
    );
    for (const m of got.Messages ?? []) {
      await stack.clients.sqs.send(
        new DeleteMessageCommand({
          QueueUrl: stack.infra.request.url,
          ReceiptHandle: m.ReceiptHandle,
        }),
      );
    }
    return (got.Messages ?? []).map((m) => m.Body ?? '');
  }

  it('re-dispatches a lost request twice with the same body, then fails the task with STALLED', async () => {
    const events: TaskEvent[] = [];
    await stack.hub.subscribe('ivy', (e) => events.push(e));
    const task = await submit('ivy');
    const [first] = await dropRequests();
    expect(JSON.parse(first ?? '{}').taskId).toBe(task.taskId);

    // Not yet stalled: nothing happens.
    stack.clock.advance(STALL_MS - 1);
    expect(await reconciler.sweepOnce()).toEqual({ redispatched: 0, failed: 0 });

    for (let round = 1; round <= 2; round++) {
      stack.clock.advance(STALL_MS + 1);
      expect(await reconciler.sweepOnce()).toEqual({ redispatched: 1, failed: 0 });
      expect(await stack.relay.drainOnce()).toMatchObject({ sent: 1 });
      expect(await dropRequests()).toEqual([first]);
    }
    stack.clock.advance(STALL_MS + 1);
    expect(await reconciler.sweepOnce()).toEqual({ redispatched: 0, failed: 1 });
    const failed = await stack.store.getTask(task.taskId);
    expect(failed).toMatchObject({ status: 'FAILED', error: { code: 'STALLED' } });
    expect(events.filter((e) => e.type === 'task.failed')).toHaveLength(1);

    // An ended task is never picked up again.
    stack.clock.advance(STALL_MS);
    expect(await reconciler.sweepOnce()).toEqual({ redispatched: 0, failed: 0 });
  });

  it('leaves a task alone while it makes progress', async () => {
    const task = await submit('jude');
    await dropRequests();
    stack.clock.advance(STALL_MS - 1000);
    await stack.store.applyEffect({
      taskId: task.taskId,
      inbox: { taskId: task.taskId, messageType: 'GRAPH_GENERATION_PROGRESS', discriminator: 'p1' },
      now: stack.clock.now(),
      decide: (t) =>
        t
          ? {
              kind: 'apply',
              task: { ...t, status: 'PROCESSING', updatedAt: stack.clock.now() },
              event: null,
            }
          : { kind: 'reject', reason: 'none' },
    });
    stack.clock.advance(STALL_MS - 1000);
    expect(await reconciler.sweepOnce()).toEqual({ redispatched: 0, failed: 0 });
  });
});
