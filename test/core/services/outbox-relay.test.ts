import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TaskEvent } from '../../../src/core/domain/events.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';
import { CONVERSATIONS } from './fixtures.ts';

describe('outbox relay', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => stack?.stop());
  beforeEach(async () => {
    await stack.control.clearFaults();
  });

  const queued = async () => (await stack.control.queue('graphnode-request-queue')).messages.length;

  async function submitWhileQueueDown(userId: string, hits: number) {
    await stack.control.addFault({
      action: ['SendMessage', 'SendMessageBatch'],
      maxHits: hits,
      effect: { type: 'error', error: 'ServiceUnavailable' },
    });
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

  it('keeps a task whose first send failed PENDING and sends it on a later sweep', async () => {
    const before = await queued();
    const task = await submitWhileQueueDown('gina', 1);
    expect(task.status).toBe('PENDING');
    expect(await queued()).toBe(before);
    // The failed first attempt backs off, so a sweep right away leaves the entry alone.
    expect(await stack.relay.drainOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    stack.clock.advance(stack.relay.leaseMs);
    expect(await stack.relay.drainOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await queued()).toBe(before + 1);
    expect((await stack.store.getTask(task.taskId))?.status).toBe('PENDING');
  });

  it('backs off between attempts and fails the task, notifying once, when the queue stays down', async () => {
    const events: TaskEvent[] = [];
    await stack.hub.subscribe('hank', (e) => events.push(e));
    const before = await queued();
    const task = await submitWhileQueueDown('hank', 100);
    // Attempt 1 (the API's own) failed; attempt 2 comes with the first sweep after the lease.
    stack.clock.advance(stack.relay.leaseMs);
    expect(await stack.relay.drainOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    // Attempt 2 failed: backoff doubles, so attempt 3 is due 2 s later, not before.
    stack.clock.advance(1999);
    expect(await stack.relay.drainOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    stack.clock.advance(1);
    expect(await stack.relay.drainOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const failed = await stack.store.getTask(task.taskId);
    expect(failed?.status).toBe('FAILED');
    expect(failed?.error?.code).toBe('DISPATCH_FAILED');
    expect(events.map((e) => [e.type, e.taskId])).toEqual([['task.failed', task.taskId]]);
    stack.clock.advance(1e9);
    expect(await stack.relay.drainOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await queued()).toBe(before);
  });

  it('drops the entry without failing the task when the task already ended another way', async () => {
    const task = await submitWhileQueueDown('ivan', 100);
    // An earlier send did reach the AI server after all, and its result was applied.
    await stack.store.applyEffect({
      taskId: task.taskId,
      inbox: { taskId: task.taskId, messageType: 'GRAPH_GENERATION_RESULT', discriminator: '' },
      now: stack.clock.now(),
      decide: (t) => ({
        kind: 'apply',
        task: { ...t!, status: 'COMPLETED', progressPercent: 100 },
        event: null,
      }),
    });
    stack.clock.advance(stack.relay.leaseMs);
    expect(await stack.relay.drainOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    stack.clock.advance(2000);
    expect(await stack.relay.drainOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect((await stack.store.getTask(task.taskId))?.status).toBe('COMPLETED');
    stack.clock.advance(1e9);
    expect(await stack.relay.drainOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
  });
});
