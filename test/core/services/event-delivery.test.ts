import { describe, expect, it } from 'vitest';
import { ManualClock, ulidSource } from '../../../src/core/domain/clock.ts';
import type { TaskEvent } from '../../../src/core/domain/events.ts';
import { eventForTask } from '../../../src/core/domain/events.ts';
import { newPendingTask, newTaskId } from '../../../src/core/domain/task.ts';
import { applyResult } from '../../../src/core/domain/transitions.ts';
import type { Notifier } from '../../../src/core/ports/notifier.ts';
import {
  deliverPendingEvents,
  redeliverStaleEvents,
} from '../../../src/core/services/event-delivery.ts';
import { SqliteStore } from '../../../src/infra/store/sqlite/sqlite-store.ts';

describe('event delivery', () => {
  it('delivers a recorded event once, retrying it after a notifier failure', async () => {
    const clock = new ManualClock();
    const ids = ulidSource(clock);
    const store = new SqliteStore({ path: ':memory:' });
    const task = newPendingTask({
      taskId: newTaskId('u1', ids()),
      userId: 'u1',
      kind: 'GRAPH_GENERATION',
      inputS3Key: 'k',
      now: clock.now(),
    });
    await store.createTask({
      task,
      requestBody: '{}',
      outboxAvailableAt: clock.now(),
      idempotency: null,
    });
    await store.applyEffect({
      taskId: task.taskId,
      inbox: { taskId: task.taskId, messageType: 'GRAPH_GENERATION_RESULT', discriminator: '' },
      now: clock.now(),
      decide: (t) => {
        const r = applyResult(t!, { status: 'COMPLETED', resultS3Key: null }, clock.now());
        return r.kind === 'apply'
          ? { kind: 'apply', task: r.task, event: eventForTask(r.task, ids()) }
          : r;
      },
    });
    const sent: TaskEvent[] = [];
    let down = true;
    const notifier: Notifier = {
      publish: async (e) => {
        if (down) throw new Error('webhook down');
        sent.push(e);
      },
    };
    await expect(deliverPendingEvents({ store, notifier, clock }, task.taskId)).rejects.toThrow(
      'webhook down',
    );
    down = false;
    expect(await deliverPendingEvents({ store, notifier, clock }, task.taskId)).toBe(1);
    expect(await deliverPendingEvents({ store, notifier, clock }, task.taskId)).toBe(0);
    expect(sent.map((e) => e.type)).toEqual(['task.completed']);
    await store.close();
  });

  it('sweeps events left undelivered past the cut-off, across tasks', async () => {
    const clock = new ManualClock();
    const ids = ulidSource(clock);
    const store = new SqliteStore({ path: ':memory:' });
    const taskIds: string[] = [];
    for (const user of ['u1', 'u2']) {
      const task = newPendingTask({
        taskId: newTaskId(user, ids()),
        userId: user,
        kind: 'GRAPH_GENERATION',
        inputS3Key: 'k',
        now: clock.now(),
      });
      taskIds.push(task.taskId);
      await store.createTask({
        task,
        requestBody: '{}',
        outboxAvailableAt: clock.now(),
        idempotency: null,
      });
      await store.applyEffect({
        taskId: task.taskId,
        inbox: null,
        now: clock.now(),
        decide: (t) => {
          const r = applyResult(
            t!,
            { status: 'FAILED', error: { code: 'AI_FAILED', message: 'x' } },
            clock.now(),
          );
          return r.kind === 'apply'
            ? { kind: 'apply', task: r.task, event: eventForTask(r.task, ids()) }
            : r;
        },
      });
    }
    const sent: string[] = [];
    const notifier: Notifier = { publish: async (e) => void sent.push(e.taskId) };
    clock.advance(59_999);
    expect(await redeliverStaleEvents({ store, notifier, clock }, 60_000)).toBe(0);
    clock.advance(2);
    expect(await redeliverStaleEvents({ store, notifier, clock }, 60_000)).toBe(2);
    expect(await redeliverStaleEvents({ store, notifier, clock }, 60_000)).toBe(0);
    expect(sent).toEqual(taskIds);
    await store.close();
  });
});
