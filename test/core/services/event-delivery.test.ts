import { describe, expect, it } from 'vitest';
import type { TaskEvent } from '../../../src/core/domain/events.ts';
import { eventForTask } from '../../../src/core/domain/events.ts';
import { newPendingTask, newTaskId } from '../../../src/core/domain/task.ts';
import { applyResult } from '../../../src/core/domain/transitions.ts';
import type { Notifier } from '../../../src/core/ports/notifier.ts';
import {
  deliverPendingEvents,
  PUBLISH_CLAIM_MS,
  redeliverStaleEvents,
} from '../../../src/core/services/event-delivery.ts';
import { SqliteStore } from '../../../src/infra/store/sqlite/sqlite-store.ts';
import { ManualClock } from '../../../src/kernel/clock.ts';
import { ulidSource } from '../../../src/kernel/ids.ts';

/** An in-memory store holding one COMPLETED task whose completion event is not yet delivered. */
async function completedTaskWithEvent(clock: ManualClock) {
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
    inbox: null,
    now: clock.now(),
    decide: (t) => {
      const r = applyResult(t!, { status: 'COMPLETED', resultS3Key: null }, clock.now());
      return r.kind === 'apply'
        ? { kind: 'apply', task: r.task, event: eventForTask(r.task, ids()) }
        : r;
    },
  });
  return { store, taskId: task.taskId };
}

describe('event delivery', () => {
  it('delivers a recorded event once, retrying it after a notifier failure', async () => {
    const clock = new ManualClock();
    const { store, taskId } = await completedTaskWithEvent(clock);
    const sent: TaskEvent[] = [];
    let down = true;
    const notifier: Notifier = {
      publish: async (e) => {
        if (down) throw new Error('webhook down');
        sent.push(e);
      },
    };
    await expect(deliverPendingEvents({ store, notifier, clock }, taskId)).rejects.toThrow(
      'webhook down',
    );
    down = false;
    expect(await deliverPendingEvents({ store, notifier, clock }, taskId)).toBe(1);
    expect(await deliverPendingEvents({ store, notifier, clock }, taskId)).toBe(0);
    expect(sent.map((e) => e.type)).toEqual(['task.completed']);
    await store.close();
  });

  it('publishes an event once when two copies of a message deliver it at once', async () => {
    const clock = new ManualClock();
    const { store, taskId } = await completedTaskWithEvent(clock);
    const sent: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const notifier: Notifier = {
      publish: async (e) => {
        sent.push(e.eventId);
        await gate;
      },
    };
    const first = deliverPendingEvents({ store, notifier, clock }, taskId);
    const second = deliverPendingEvents({ store, notifier, clock }, taskId);
    // The second copy finds the event claimed while the first is still publishing it.
    expect(await second).toBe(0);
    release();
    expect(await first).toBe(1);
    expect(sent).toHaveLength(1);
    expect((await store.listEvents(taskId))[0]?.deliveredAt).toBe(clock.now());
    await store.close();
  });

  it('leaves a claimed event to its holder until the claim lapses, then takes it over', async () => {
    const clock = new ManualClock();
    const { store, taskId } = await completedTaskWithEvent(clock);
    const [event] = await store.undeliveredEvents(taskId);
    // Another deliverer claimed the event and died before publishing it.
    expect(await store.claimEvent(event!.eventId, clock.now(), PUBLISH_CLAIM_MS)).toBe(true);
    const sent: string[] = [];
    const notifier: Notifier = { publish: async (e) => void sent.push(e.eventId) };
    expect(await deliverPendingEvents({ store, notifier, clock }, taskId)).toBe(0);
    clock.advance(PUBLISH_CLAIM_MS);
    expect(await deliverPendingEvents({ store, notifier, clock }, taskId)).toBe(1);
    expect(sent).toEqual([event!.eventId]);
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
