// The behaviour every Store adapter must show, run against each real database by its own test
// file. Each case uses fresh ids, so adapters may share one database across cases. The guarantee
// is stated without transactions (see the Store port): the crash cases make an adapter fail before
// each of its writes in turn and check that replaying the message completes the change once.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventForTask } from '../../../src/core/domain/events.ts';
import { newPendingTask, newTaskId, type Task } from '../../../src/core/domain/task.ts';
import { applyProgress, applyResult } from '../../../src/core/domain/transitions.ts';
import type { Effect, InboxKey, Store } from '../../../src/core/ports/store.ts';
import type { BeforeWrite } from '../../../src/infra/store/write-faults.ts';
import { ManualClock } from '../../../src/kernel/clock.ts';
import { ulidSource } from '../../../src/kernel/ids.ts';

export interface StoreHarness {
  open(): Promise<Store>;
  /** Applied schema versions of the opened store. */
  schemaVersions(store: Store): Promise<number[]>;
  /** Opens a second store on the same database (migrations must be a no-op). */
  reopen(): Promise<Store>;
  /** Opens another store on the same database that calls `beforeWrite` before each write. */
  openFaulty(beforeWrite: BeforeWrite): Promise<Store>;
  /**
   * Multi-record transactions (SQL): a failed write undoes the earlier ones, which the suite then
   * checks. Stores without them (MongoDB) leave the change for the replay to finish instead.
   */
  transactions: boolean;
  cleanup?(): Promise<void>;
}

/** The injected death of the process before one write. */
class Crash extends Error {}

/** Throws before the `k`-th write (0-based) and lets every other write through. */
function crashBefore(k: number): BeforeWrite {
  let n = 0;
  return (step) => {
    if (n++ === k) throw new Crash(`crash before write ${k} (${step})`);
  };
}

export function storeContract(name: string, harness: StoreHarness): void {
  describe(`${name} store contract`, () => {
    const clock = new ManualClock();
    const ids = ulidSource(clock);
    let store: Store;
    let users = 0;

    beforeAll(async () => {
      store = await harness.open();
    });
    afterAll(async () => {
      await store?.close();
      await harness.cleanup?.();
    });

    const freshUser = () => `u${Date.now().toString(36)}-${++users}`;

    async function createTask(
      userId = freshUser(),
      idempotency: { key: string; fingerprint: string } | null = null,
      target: Store = store,
    ) {
      const taskId = newTaskId(userId, ids());
      const task = newPendingTask({
        taskId,
        userId,
        kind: 'GRAPH_GENERATION',
        inputS3Key: `graph-generation/${taskId}/input.json`,
        now: clock.now(),
      });
      const result = await target.createTask({
        task,
        requestBody: `{"taskId":"${taskId}"}`,
        outboxAvailableAt: clock.now(),
        idempotency,
      });
      return { task, result };
    }

    function progressEffect(percent: number, stage = 'stage') {
      return (task: Task | null): Effect => {
        if (!task) return { kind: 'reject', reason: 'unknown task' };
        const t = applyProgress(
          task,
          { progressPercent: percent, currentStage: stage, etaSeconds: null },
          clock.now(),
        );
        return t.kind === 'apply'
          ? { kind: 'apply', task: t.task, event: eventForTask(t.task, ids()) }
          : t;
      };
    }

    function resultKey(taskId: string): InboxKey {
      return { taskId, messageType: 'GRAPH_GENERATION_RESULT', discriminator: '' };
    }

    function completeEffect(graphJson = '{"nodes":[]}') {
      return (task: Task | null): Effect => {
        if (!task) return { kind: 'reject', reason: 'unknown task' };
        const t = applyResult(
          task,
          { status: 'COMPLETED', resultS3Key: 'graph.json' },
          clock.now(),
        );
        if (t.kind === 'ignore') return t;
        return {
          kind: 'apply',
          task: t.task,
          event: eventForTask(t.task, ids()),
          graph: { graphJson, graphS3Key: `graph-generation/${task.taskId}/result.json` },
        };
      };
    }

    it('applies its schema migrations once, by version', async () => {
      expect(await harness.schemaVersions(store)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      const again = await harness.reopen();
      try {
        expect(await harness.schemaVersions(again)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      } finally {
        await again.close();
      }
    });

    it('pages through a user’s tasks with a cursor: newest first, none twice, none missed', async () => {
      const userId = freshUser();
      const made: Task[] = [];
      for (let i = 0; i < 5; i++) {
        // Two tasks share each millisecond: the task id breaks the tie.
        if (i % 2 === 0) clock.advance(1);
        made.push((await createTask(userId)).task);
      }
      const seen: Task[] = [];
      let after: { createdAt: number; taskId: string } | undefined;
      for (;;) {
        const page = await store.listTasks(userId, 2, after);
        if (page.length === 0) break;
        seen.push(...page);
        const last = page[page.length - 1]!;
        after = { createdAt: last.createdAt, taskId: last.taskId };
      }
      const newestFirst = [...made].sort(
        (a, b) => b.createdAt - a.createdAt || (a.taskId < b.taskId ? 1 : -1),
      );
      expect(seen.map((t) => t.taskId)).toEqual(newestFirst.map((t) => t.taskId));
    });

    it('finds stalled tasks and dispatches their recorded request again, bounded by state', async () => {
      const { task } = await createTask();
      const mine = async (before: number) =>
        (await store.stalledTasks(before, 10_000)).filter((s) => s.task.taskId === task.taskId);
      // Queued for its first send: the outbox relay's to handle, not stalled.
      clock.advance(60_000);
      expect(await mine(clock.now())).toEqual([]);
      await store.claimOutbox(clock.now(), 10_000, 1);
      await store.markOutboxSent(task.taskId);
      expect(await mine(task.createdAt)).toEqual([]);
      const [stalled] = await mine(clock.now());
      expect(stalled).toEqual({
        task,
        requestBody: `{"taskId":"${task.taskId}"}`,
        redispatches: 0,
      });

      expect(await store.redispatch(task.taskId, clock.now())).toBe(true);
      // Queued again (same body, due now) and counted; not again while that entry waits.
      expect(await store.redispatch(task.taskId, clock.now())).toBe(false);
      const queued = (await store.claimOutbox(clock.now(), 10_000, 1)).find(
        (e) => e.taskId === task.taskId,
      );
      expect(queued).toMatchObject({ body: `{"taskId":"${task.taskId}"}`, attempts: 0 });
      await store.markOutboxSent(task.taskId);
      // The stall clock restarts at the re-dispatch.
      expect(await mine(clock.now())).toEqual([]);
      clock.advance(60_000);
      expect((await mine(clock.now()))[0]?.redispatches).toBe(1);

      // Progress restarts it too; an ended task is never stalled nor re-dispatched.
      await store.applyEffect({
        taskId: task.taskId,
        inbox: {
          taskId: task.taskId,
          messageType: 'GRAPH_GENERATION_PROGRESS',
          discriminator: '1',
        },
        now: clock.now(),
        decide: progressEffect(10),
      });
      expect(await mine(clock.now())).toEqual([]);
      clock.advance(60_000);
      expect(await mine(clock.now())).toHaveLength(1);
      await store.applyEffect({
        taskId: task.taskId,
        inbox: resultKey(task.taskId),
        now: clock.now(),
        decide: completeEffect(),
      });
      clock.advance(60_000);
      expect(await mine(clock.now())).toEqual([]);
      expect(await store.redispatch(task.taskId, clock.now())).toBe(false);
      expect(await store.redispatch('task_nobody_01J0000000000000000000000A', clock.now())).toBe(
        false,
      );
    });

    it('records a task with its outbox entry and reads it back', async () => {
      const { task, result } = await createTask();
      expect(result).toEqual({ kind: 'created', task });
      expect(await store.getTask(task.taskId)).toEqual(task);
      expect(await store.getTask('task_nobody_01J0000000000000000000000A')).toBeNull();
      const claimed = await store.claimOutbox(clock.now(), 1000, 60_000);
      expect(claimed.map((e) => e.taskId)).toContain(task.taskId);
      const entry = claimed.find((e) => e.taskId === task.taskId);
      expect(entry).toMatchObject({
        body: `{"taskId":"${task.taskId}"}`,
        attempts: 0,
        lastError: null,
      });
    });

    it('lists only the given user’s tasks, newest first', async () => {
      const user = freshUser();
      const a = await createTask(user);
      clock.advance(1);
      const b = await createTask(user);
      await createTask();
      expect((await store.listTasks(user, 10)).map((t) => t.taskId)).toEqual([
        b.task.taskId,
        a.task.taskId,
      ]);
      expect(await store.listTasks(user, 1)).toHaveLength(1);
    });

    it('returns the first task for a repeated idempotency key and flags a reused key', async () => {
      const user = freshUser();
      const first = await createTask(user, { key: 'k-1', fingerprint: 'f1' });
      const again = await createTask(user, { key: 'k-1', fingerprint: 'f1' });
      expect(again.result).toEqual({ kind: 'existing', task: first.task });
      expect(await store.getTask(again.task.taskId)).toBeNull();
      const conflict = await createTask(user, { key: 'k-1', fingerprint: 'f2' });
      expect(conflict.result).toEqual({ kind: 'key-conflict', task: first.task });
      const otherUser = await createTask(freshUser(), { key: 'k-1', fingerprint: 'f1' });
      expect(otherUser.result.kind).toBe('created');
      expect(await store.findByIdempotencyKey(user, 'k-1')).toEqual({
        task: first.task,
        fingerprint: 'f1',
      });
      expect(await store.findByIdempotencyKey(user, 'nope')).toBeNull();
    });

    it('keeps one task when the same idempotency key races', async () => {
      const user = freshUser();
      const results = await Promise.all(
        Array.from({ length: 5 }, () => createTask(user, { key: 'race', fingerprint: 'f' })),
      );
      const created = results.filter((r) => r.result.kind === 'created');
      expect(created).toHaveLength(1);
      expect(new Set(results.map((r) => r.result.task.taskId)).size).toBe(1);
      expect(await store.listTasks(user, 10)).toHaveLength(1);
    });

    it('leases outbox entries so a second relay skips them until the lease ends', async () => {
      clock.advance(10_000);
      const { task } = await createTask();
      const now = clock.now();
      const first = await store.claimOutbox(now, 1000, 30_000);
      expect(first.map((e) => e.taskId)).toContain(task.taskId);
      expect((await store.claimOutbox(now, 1000, 30_000)).map((e) => e.taskId)).not.toContain(
        task.taskId,
      );
      expect((await store.claimOutbox(now + 30_000, 1000, 30_000)).map((e) => e.taskId)).toContain(
        task.taskId,
      );
      await store.rescheduleOutbox(task.taskId, 3, now + 90_000, 'ServiceUnavailable');
      expect((await store.claimOutbox(now + 89_999, 1000, 1)).map((e) => e.taskId)).not.toContain(
        task.taskId,
      );
      const later = await store.claimOutbox(now + 90_000, 1000, 1);
      expect(later.find((e) => e.taskId === task.taskId)).toMatchObject({
        attempts: 3,
        lastError: 'ServiceUnavailable',
      });
      await store.markOutboxSent(task.taskId);
      expect(
        (await store.claimOutbox(now + 10_000_000, 1000, 1)).map((e) => e.taskId),
      ).not.toContain(task.taskId);
    });

    it('applies a message once: a duplicate changes nothing and records no second event', async () => {
      const { task } = await createTask();
      const key = resultKey(task.taskId);
      const first = await store.applyEffect({
        taskId: task.taskId,
        inbox: key,
        now: clock.now(),
        decide: completeEffect(),
      });
      expect(first).toMatchObject({ kind: 'applied', task: { status: 'COMPLETED' } });
      const second = await store.applyEffect({
        taskId: task.taskId,
        inbox: key,
        now: clock.now(),
        decide: completeEffect('{"other":1}'),
      });
      expect(second).toEqual({ kind: 'duplicate' });
      expect(await store.listEvents(task.taskId)).toHaveLength(1);
      expect((await store.getGraph(task.userId))?.graphJson).toBe('{"nodes":[]}');
    });

    it('applies exactly one of several copies racing', async () => {
      const { task } = await createTask();
      const outcomes = await Promise.all(
        Array.from({ length: 6 }, () =>
          store.applyEffect({
            taskId: task.taskId,
            inbox: resultKey(task.taskId),
            now: clock.now(),
            decide: completeEffect(),
          }),
        ),
      );
      expect(outcomes.filter((o) => o.kind === 'applied')).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'duplicate')).toHaveLength(5);
      expect(await store.listEvents(task.taskId)).toHaveLength(1);
    });

    it('records an ignored message in the inbox but leaves the task alone', async () => {
      const { task } = await createTask();
      const p50 = {
        taskId: task.taskId,
        messageType: 'GRAPH_GENERATION_PROGRESS',
        discriminator: '50:b',
      };
      await store.applyEffect({
        taskId: task.taskId,
        inbox: p50,
        now: clock.now(),
        decide: progressEffect(50, 'b'),
      });
      const p20 = { ...p50, discriminator: '20:a' };
      expect(
        await store.applyEffect({
          taskId: task.taskId,
          inbox: p20,
          now: clock.now(),
          decide: progressEffect(20, 'a'),
        }),
      ).toEqual({
        kind: 'ignored',
        reason: 'stale-progress',
      });
      expect(
        await store.applyEffect({
          taskId: task.taskId,
          inbox: p20,
          now: clock.now(),
          decide: progressEffect(20, 'a'),
        }),
      ).toEqual({
        kind: 'duplicate',
      });
      expect(await store.getTask(task.taskId)).toMatchObject({
        status: 'PROCESSING',
        progressPercent: 50,
        currentStage: 'b',
      });
      expect(await store.listEvents(task.taskId)).toHaveLength(1);
    });

    it('writes nothing for a rejected message, so a later copy can still apply', async () => {
      const taskId = newTaskId('ghost', ids());
      const key = resultKey(taskId);
      expect(
        await store.applyEffect({ taskId, inbox: key, now: clock.now(), decide: completeEffect() }),
      ).toEqual({
        kind: 'rejected',
        reason: 'unknown task',
      });
      const { task } = await createTask();
      const reject = (): Effect => ({ kind: 'reject', reason: 'user mismatch' });
      await store.applyEffect({
        taskId: task.taskId,
        inbox: resultKey(task.taskId),
        now: clock.now(),
        decide: reject,
      });
      const later = await store.applyEffect({
        taskId: task.taskId,
        inbox: resultKey(task.taskId),
        now: clock.now(),
        decide: completeEffect(),
      });
      expect(later.kind).toBe('applied');
    });

    // A capability of the SQL stores: without transactions a failed write after the commit point
    // is finished by the replay instead (the crash cases below hold for every store).
    if (harness.transactions) {
      it('rolls back everything when the effect fails mid-transaction', async () => {
        const { task: other } = await createTask();
        await store.applyEffect({
          taskId: other.taskId,
          inbox: null,
          now: clock.now(),
          decide: progressEffect(5),
        });
        const [taken] = await store.undeliveredEvents(other.taskId);
        const { task } = await createTask();
        const key = resultKey(task.taskId);
        await expect(
          store.applyEffect({
            taskId: task.taskId,
            inbox: key,
            now: clock.now(),
            decide: (t) => {
              const effect = completeEffect()(t);
              // An event id already taken makes the event insert fail after the task and graph writes.
              if (effect.kind === 'apply' && effect.event)
                effect.event = { ...effect.event, eventId: taken!.eventId };
              return effect;
            },
          }),
        ).rejects.toThrow();
        expect(await store.getTask(task.taskId)).toEqual(task);
        expect(await store.getGraph(task.userId)).toBeNull();
        expect(
          (
            await store.applyEffect({
              taskId: task.taskId,
              inbox: key,
              now: clock.now(),
              decide: completeEffect(),
            })
          ).kind,
        ).toBe('applied');
      });
    }

    /** Completes a summary task whose summary describes the graph at `graphS3Key`. */
    async function completeSummary(user: string, graphS3Key: string, summaryJson: string) {
      const { task: summaryTask } = await createTask(user);
      return store.applyEffect({
        taskId: summaryTask.taskId,
        inbox: {
          taskId: summaryTask.taskId,
          messageType: 'GRAPH_SUMMARY_RESULT',
          discriminator: '',
        },
        now: clock.now(),
        decide: (t) => {
          const r = applyResult(t!, { status: 'COMPLETED', resultS3Key: 's.json' }, clock.now());
          if (r.kind === 'ignore') return r;
          return {
            kind: 'apply',
            task: r.task,
            event: null,
            summary: { summaryJson, summaryS3Key: 's.json', graphS3Key },
          };
        },
      });
    }

    /** A new user whose first generation task completed with `graphJson`. */
    async function userWithGraph(graphJson: string) {
      const user = freshUser();
      const { task } = await createTask(user);
      await store.applyEffect({
        taskId: task.taskId,
        inbox: resultKey(task.taskId),
        now: clock.now(),
        decide: completeEffect(graphJson),
      });
      return { user, task };
    }

    it('stores the graph per user and attaches a summary to it', async () => {
      const { user, task } = await userWithGraph('{"v":1}');
      await completeSummary(user, `graph-generation/${task.taskId}/result.json`, '{"s":1}');
      expect(await store.getGraph(user)).toMatchObject({
        userId: user,
        taskId: task.taskId,
        graphJson: '{"v":1}',
        summaryJson: '{"s":1}',
        summaryS3Key: 's.json',
      });
      expect(await store.getGraph(freshUser())).toBeNull();
    });

    it('attaches a summary of a replaced graph to nothing, and stores no graph for it', async () => {
      const { user } = await userWithGraph('{"v":2}');
      const outcome = await completeSummary(user, 'graph-generation/older/result.json', '{"s":2}');
      expect(outcome).toMatchObject({ kind: 'applied', task: { status: 'COMPLETED' } });
      expect(await store.getGraph(user)).toMatchObject({ graphJson: '{"v":2}', summaryJson: null });
      const nobody = freshUser();
      await completeSummary(nobody, 'graph-generation/none/result.json', '{"s":3}');
      expect(await store.getGraph(nobody)).toBeNull();
    });

    it('tracks event delivery so each event is handed out until marked delivered', async () => {
      const { task } = await createTask();
      await store.applyEffect({
        taskId: task.taskId,
        inbox: {
          taskId: task.taskId,
          messageType: 'GRAPH_GENERATION_PROGRESS',
          discriminator: '10:a',
        },
        now: clock.now(),
        decide: progressEffect(10, 'a'),
      });
      await store.applyEffect({
        taskId: task.taskId,
        inbox: resultKey(task.taskId),
        now: clock.now(),
        decide: completeEffect(),
      });
      const pending = await store.undeliveredEvents(task.taskId);
      expect(pending.map((e) => e.type)).toEqual(['task.progress', 'task.completed']);
      await store.markEventDelivered(pending[0]!.eventId, clock.now());
      expect((await store.undeliveredEvents(task.taskId)).map((e) => e.type)).toEqual([
        'task.completed',
      ]);
      const listed = await store.listEvents(task.taskId);
      expect(listed[0]?.deliveredAt).toBe(clock.now());
      expect(listed[1]?.deliveredAt).toBeNull();
    });

    it('claims an event for one deliverer until its lease ends, it is given back or delivered', async () => {
      const { task } = await createTask();
      await store.applyEffect({
        taskId: task.taskId,
        inbox: null,
        now: clock.now(),
        decide: progressEffect(5, 'claim'),
      });
      const [event] = await store.undeliveredEvents(task.taskId);
      const id = event!.eventId;
      const t0 = clock.now();
      expect(await store.claimEvent(id, t0, 1000)).toBe(true);
      expect(await store.claimEvent(id, t0 + 999, 1000)).toBe(false);
      // The holder died mid-publish: once the lease ends another deliverer may take it.
      expect(await store.claimEvent(id, t0 + 1000, 1000)).toBe(true);
      await store.releaseEvent(id);
      expect(await store.claimEvent(id, t0 + 1001, 1000)).toBe(true);
      // A claimed event is still undelivered: listed, and swept once its holder's lease lapses.
      expect((await store.undeliveredEvents(task.taskId)).map((e) => e.eventId)).toEqual([id]);
      await store.markEventDelivered(id, t0 + 1002);
      expect(await store.claimEvent(id, t0 + 10_000, 1000)).toBe(false);
      expect(await store.claimEvent('no-such-event', t0, 1000)).toBe(false);
    });

    it('grants exactly one of several claims racing for one event', async () => {
      const { task } = await createTask();
      await store.applyEffect({
        taskId: task.taskId,
        inbox: resultKey(task.taskId),
        now: clock.now(),
        decide: completeEffect(),
      });
      const [event] = await store.undeliveredEvents(task.taskId);
      const claims = await Promise.all(
        Array.from({ length: 6 }, () => store.claimEvent(event!.eventId, clock.now(), 60_000)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it('finds undelivered events older than a cut-off across tasks', async () => {
      const { task } = await createTask();
      await store.applyEffect({
        taskId: task.taskId,
        inbox: null,
        now: clock.now(),
        decide: progressEffect(7, 'z'),
      });
      const recordedAt = clock.now();
      expect((await store.staleEvents(recordedAt, 10_000)).map((e) => e.taskId)).not.toContain(
        task.taskId,
      );
      const stale = await store.staleEvents(recordedAt + 1, 10_000);
      const mine = stale.filter((e) => e.taskId === task.taskId);
      expect(mine).toHaveLength(1);
      await store.markEventDelivered(mine[0]!.eventId, clock.now());
      expect((await store.staleEvents(recordedAt + 1, 10_000)).map((e) => e.taskId)).not.toContain(
        task.taskId,
      );
    });

    it('keeps fractional progress, so 33.5 then 33.7 both move forward', async () => {
      const { task } = await createTask();
      await store.applyEffect({
        taskId: task.taskId,
        inbox: null,
        now: clock.now(),
        decide: progressEffect(33.5, 'a'),
      });
      expect((await store.getTask(task.taskId))?.progressPercent).toBe(33.5);
      const next = await store.applyEffect({
        taskId: task.taskId,
        inbox: null,
        now: clock.now(),
        decide: progressEffect(33.7, 'a'),
      });
      expect(next.kind).toBe('applied');
      expect((await store.getTask(task.taskId))?.progressPercent).toBe(33.7);
    });

    it('keeps Unicode stages and the longest error the contract allows, byte for byte', async () => {
      const { task } = await createTask();
      const stage = '클러스터링 🧠 — étape 2'.padEnd(128, 'é');
      await store.applyEffect({
        taskId: task.taskId,
        inbox: null,
        now: clock.now(),
        decide: progressEffect(5, stage),
      });
      expect((await store.getTask(task.taskId))?.currentStage).toBe(stage);
      const message = `실패 ${'x'.repeat(4090)}`;
      await store.applyEffect({
        taskId: task.taskId,
        inbox: null,
        now: clock.now(),
        decide: (t) => {
          const r = applyResult(
            t!,
            { status: 'FAILED', error: { code: 'AI_FAILED', message } },
            clock.now(),
          );
          return r.kind === 'apply'
            ? { kind: 'apply', task: r.task, event: eventForTask(r.task, ids()) }
            : r;
        },
      });
      expect((await store.getTask(task.taskId))?.error).toEqual({ code: 'AI_FAILED', message });
      const [, failed] = (await store.listEvents(task.taskId)).map((e) => e.event);
      expect(failed?.error?.message).toBe(message);
    });

    it('replays a user’s events after a given event id, and no one else’s', async () => {
      const user = freshUser();
      const { task: a } = await createTask(user);
      const { task: b } = await createTask(user);
      const { task: other } = await createTask();
      for (const [t, p] of [
        [a, 10],
        [other, 10],
        [b, 20],
        [a, 30],
      ] as const) {
        await store.applyEffect({
          taskId: t.taskId,
          inbox: null,
          now: clock.now(),
          decide: progressEffect(p, `s${p}`),
        });
      }
      const all = await store.eventsAfter(user, '', 100);
      expect(all.map((e) => [e.taskId, e.progressPercent])).toEqual([
        [a.taskId, 10],
        [b.taskId, 20],
        [a.taskId, 30],
      ]);
      const after = await store.eventsAfter(user, all[0]!.eventId, 100);
      expect(after.map((e) => e.eventId)).toEqual([all[1]!.eventId, all[2]!.eventId]);
      expect(await store.eventsAfter(user, all[0]!.eventId, 1)).toHaveLength(1);
      expect(await store.eventsAfter(user, all[2]!.eventId, 100)).toEqual([]);
    });

    it('clears the outbox entry in the same transaction when asked', async () => {
      clock.advance(1000);
      const { task } = await createTask();
      await store.applyEffect({
        taskId: task.taskId,
        inbox: null,
        now: clock.now(),
        decide: (t) => {
          const r = applyResult(
            t!,
            { status: 'FAILED', error: { code: 'DISPATCH_FAILED', message: 'x' } },
            clock.now(),
          );
          return r.kind === 'apply'
            ? { kind: 'apply', task: r.task, event: null, clearOutbox: true }
            : r;
        },
      });
      expect((await store.getTask(task.taskId))?.error).toEqual({
        code: 'DISPATCH_FAILED',
        message: 'x',
      });
      expect(
        (await store.claimOutbox(clock.now() + 1e9, 10_000, 1)).map((e) => e.taskId),
      ).not.toContain(task.taskId);
    });

    /** A generation result touching every record an effect can: task, graph, summary, event, outbox. */
    function fullApply(task: Task) {
      const graphS3Key = `graph-generation/${task.taskId}/result.json`;
      return {
        taskId: task.taskId,
        inbox: resultKey(task.taskId),
        now: clock.now(),
        decide: (t: Task | null): Effect => {
          const effect = completeEffect('{"full":true}')(t);
          if (effect.kind !== 'apply') return effect;
          return {
            ...effect,
            summary: { summaryJson: '{"s":"full"}', summaryS3Key: 'full.json', graphS3Key },
            clearOutbox: true,
          };
        },
      };
    }

    /** The names of the writes `run` makes, in order, observed on a store that never fails. */
    async function writesOf(run: (target: Store) => Promise<unknown>): Promise<string[]> {
      const steps: string[] = [];
      const probe = await harness.openFaulty((step) => steps.push(step));
      try {
        await run(probe);
      } finally {
        await probe.close();
      }
      return steps;
    }

    async function expectFullyApplied(task: Task, after: string) {
      expect(await store.getTask(task.taskId), after).toMatchObject({ status: 'COMPLETED' });
      expect(
        (await store.listEvents(task.taskId)).map((e) => e.event.type),
        after,
      ).toEqual(['task.completed']);
      expect(await store.getGraph(task.userId), after).toMatchObject({
        taskId: task.taskId,
        graphJson: '{"full":true}',
        summaryJson: '{"s":"full"}',
      });
      expect(await store.applyEffect(fullApply(task)), after).toEqual({ kind: 'duplicate' });
      expect(
        (await store.claimOutbox(clock.now() + 1e12, 100_000, 1)).map((e) => e.taskId),
        after,
      ).not.toContain(task.taskId);
    }

    /** The writes of `fullApply` on this store. */
    const fullApplyWrites = () =>
      writesOf(async (probe) => {
        const { task } = await createTask();
        await probe.applyEffect(fullApply(task));
      });

    it('completes an effect once when the process dies after any of its writes', async () => {
      const steps = await fullApplyWrites();
      expect(steps.length).toBeGreaterThan(2);
      for (const [k, step] of steps.entries()) {
        const after = `died before write ${k} (${step})`;
        const { task } = await createTask();
        const dying = await harness.openFaulty(crashBefore(k));
        await expect(dying.applyEffect(fullApply(task))).rejects.toThrow(Crash);
        await dying.close();
        // The message comes back (visibility timeout) to another process: its replay finishes it,
        // answering `applied` where the death undid everything (a transaction, or no write yet)
        // and `duplicate` where the first application had committed.
        const replay = await store.applyEffect(fullApply(task));
        expect(['applied', 'duplicate'], after).toContain(replay.kind);
        await expectFullyApplied(task, after);
      }
    });

    it('completes an effect once when one of its writes fails and the same process retries', async () => {
      const steps = await fullApplyWrites();
      for (const [k, step] of steps.entries()) {
        const after = `write ${k} (${step}) failed`;
        const { task } = await createTask();
        const flaky = await harness.openFaulty(crashBefore(k));
        try {
          await expect(flaky.applyEffect(fullApply(task))).rejects.toThrow(Crash);
          expect(['applied', 'duplicate'], after).toContain(
            (await flaky.applyEffect(fullApply(task))).kind,
          );
        } finally {
          await flaky.close();
        }
        await expectFullyApplied(task, after);
      }
    });

    it('converges when an internal transition dies after any write and the sweep runs before its retry', async () => {
      /** Gives dispatch up, as the outbox relay does: no message, so no inbox key. */
      const giveUp = (task: Task) => ({
        taskId: task.taskId,
        inbox: null,
        now: clock.now(),
        decide: (t: Task | null): Effect => {
          const r = applyResult(
            t!,
            { status: 'FAILED', error: { code: 'DISPATCH_FAILED', message: 'gave up' } },
            clock.now(),
          );
          return r.kind === 'apply'
            ? { kind: 'apply', task: r.task, event: eventForTask(r.task, ids()), clearOutbox: true }
            : r;
        },
      });
      const steps = await writesOf(async (probe) => {
        const { task } = await createTask();
        await probe.applyEffect(giveUp(task));
      });
      for (const [k, step] of steps.entries()) {
        const after = `died before write ${k} (${step})`;
        const { task } = await createTask();
        const dying = await harness.openFaulty(crashBefore(k));
        await expect(dying.applyEffect(giveUp(task))).rejects.toThrow(Crash);
        await dying.close();
        // No message comes back: the stale-event sweep, then the relay's retry, must converge.
        await store.staleEvents(clock.now() + 3_600_000, 100_000);
        // After the sweep the change is all or nothing: undone (or never committed), or finished.
        const swept = await store.getTask(task.taskId);
        const sweptEvents = (await store.listEvents(task.taskId)).map((e) => e.event.type);
        expect([swept?.status, sweptEvents], after).toEqual(
          swept?.status === 'FAILED' ? ['FAILED', ['task.failed']] : ['PENDING', []],
        );
        await store.applyEffect(giveUp(task));
        expect((await store.getTask(task.taskId))?.error?.code, after).toBe('DISPATCH_FAILED');
        expect(
          (await store.listEvents(task.taskId)).map((e) => e.event.type),
          after,
        ).toEqual(['task.failed']);
        expect(
          (await store.claimOutbox(clock.now() + 1e12, 100_000, 1)).map((e) => e.taskId),
          after,
        ).not.toContain(task.taskId);
      }
    });

    it('creates one task for a key when the process dies after any write of the creation', async () => {
      const idem = { key: 'crash', fingerprint: 'f' };
      const steps = await writesOf((probe) => createTask(freshUser(), idem, probe));
      expect(steps.length).toBeGreaterThan(1);
      for (const [k, step] of steps.entries()) {
        const after = `died before write ${k} (${step})`;
        const user = freshUser();
        const dying = await harness.openFaulty(crashBefore(k));
        await expect(createTask(user, idem, dying)).rejects.toThrow(Crash);
        await dying.close();
        // The client retries with the same key: it gets one task, whichever attempt made it.
        const retry = await createTask(user, idem);
        expect(['created', 'existing'], after).toContain(retry.result.kind);
        const tasks = await store.listTasks(user, 10);
        expect(
          tasks.map((t) => t.taskId),
          after,
        ).toEqual([retry.result.task.taskId]);
        expect((await store.findByIdempotencyKey(user, idem.key))?.task, after).toEqual(
          retry.result.task,
        );
        const due = await store.claimOutbox(clock.now() + 1e12, 100_000, 1);
        expect(
          due.filter((e) => e.taskId === retry.result.task.taskId),
          after,
        ).toHaveLength(1);
      }
    });

    it('answers a readiness ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
