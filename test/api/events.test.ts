import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/api/app.ts';
import { eventForTask, type TaskEvent } from '../../src/core/domain/events.ts';
import { applyProgress } from '../../src/core/domain/transitions.ts';
import { CONVERSATIONS } from '../core/services/fixtures.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { openSse } from './sse-client.ts';

const ALICE = 'alice-token-0123456789';
const BOB = 'bob-token-0123456789ab';

function event(
  userId: string,
  eventId: string,
  type: TaskEvent['type'] = 'task.progress',
): TaskEvent {
  return {
    eventId,
    type,
    taskId: `task_${userId}_01J9Z3N6Q8R2T4V6X8Z0A2C4E6`,
    userId,
    kind: 'GRAPH_GENERATION',
    status: type === 'task.completed' ? 'COMPLETED' : 'PROCESSING',
    progressPercent: type === 'task.completed' ? 100 : 30,
    currentStage: 'x',
    error: null,
    occurredAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('GET /v1/events (server-sent events)', () => {
  let stack: TestStack;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    stack = await startTestStack();
    app = await build({
      store: stack.store,
      submission: stack.submission,
      feed: stack.hub,
      tokens: new Map([
        [ALICE, 'alice'],
        [BOB, 'bob'],
      ]),
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await stack?.stop();
  });

  it('streams the user’s own task events, and only theirs', async () => {
    const alice = await openSse(`${base}/v1/events`, ALICE);
    expect(alice.response.status).toBe(200);
    expect(alice.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await alice.read(() => alice.raw.includes(': connected'));
    await stack.hub.publish(event('bob', 'b1'));
    await stack.hub.publish(event('alice', 'a1'));
    await stack.hub.publish(event('alice', 'a2', 'task.completed'));
    const events = await alice.read((evs) => evs.length >= 2);
    alice.close();
    expect(events.map((e) => [e.id, e.event])).toEqual([
      ['a1', 'task.progress'],
      ['a2', 'task.completed'],
    ]);
    expect(JSON.parse(events[1]?.data ?? '{}')).toEqual(event('alice', 'a2', 'task.completed'));
  });

  it('caps open streams per user and frees a slot when a stream closes', async () => {
    const capped = await build({
      store: stack.store,
      submission: stack.submission,
      feed: stack.hub,
      tokens: new Map([
        [ALICE, 'alice'],
        [BOB, 'bob'],
      ]),
      maxStreamsPerUser: 2,
    });
    const url = await capped.listen({ host: '127.0.0.1', port: 0 });
    try {
      const first = await openSse(`${url}/v1/events`, ALICE);
      const second = await openSse(`${url}/v1/events`, ALICE);
      const third = await fetch(`${url}/v1/events`, {
        headers: { authorization: `Bearer ${ALICE}` },
      });
      expect(third.status).toBe(429);
      expect(((await third.json()) as { type: string }).type).toBe('/problems/too-many-streams');
      const bobs = await openSse(`${url}/v1/events`, BOB);
      expect(bobs.response.status).toBe(200);
      first.close();
      // The server frees the slot when it sees the connection close.
      await expect
        .poll(async () => {
          const again = await openSse(`${url}/v1/events`, ALICE);
          again.close();
          return again.response.status;
        })
        .toBe(200);
      second.close();
      bobs.close();
    } finally {
      await capped.close();
    }
  });

  it('replays what a reconnecting client missed after Last-Event-ID, then streams live', async () => {
    const outcome = await stack.submission.submit({
      kind: 'GRAPH_GENERATION',
      userId: 'alice',
      idempotencyKey: null,
      conversations: CONVERSATIONS,
      options: {},
    });
    if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
    const { taskId } = outcome.task;
    const recorded: string[] = [];
    for (const percent of [10, 50, 90]) {
      stack.clock.advance(1);
      await stack.store.applyEffect({
        taskId,
        inbox: null,
        now: stack.clock.now(),
        decide: (t) => {
          const r = applyProgress(
            t!,
            { progressPercent: percent, currentStage: 's', etaSeconds: null },
            stack.clock.now(),
          );
          if (r.kind === 'ignore') return r;
          const e = eventForTask(r.task, stack.ids());
          recorded.push(e.eventId);
          return { kind: 'apply', task: r.task, event: e };
        },
      });
    }
    const stream = await openSse(`${base}/v1/events`, ALICE, { 'last-event-id': recorded[0]! });
    const replayed = await stream.read((evs) => evs.length >= 2);
    expect(replayed.map((e) => e.id)).toEqual(recorded.slice(1));
    await stack.hub.publish(event('alice', 'live-1'));
    const all = await stream.read((evs) => evs.length >= 3);
    stream.close();
    expect(all.map((e) => e.id)).toEqual([...recorded.slice(1), 'live-1']);
    // Bob's stream replays none of Alice's events; a malformed id replays nothing.
    const bob = await openSse(`${base}/v1/events`, BOB, { 'last-event-id': recorded[0]! });
    const junk = await openSse(`${base}/v1/events`, ALICE, { 'last-event-id': "' OR 1=1 --" });
    await stack.hub.publish(event('bob', 'live-b'));
    await stack.hub.publish(event('alice', 'live-2'));
    expect((await bob.read((evs) => evs.length >= 1)).map((e) => e.id)).toEqual(['live-b']);
    expect((await junk.read((evs) => evs.length >= 1)).map((e) => e.id)).toEqual(['live-2']);
    bob.close();
    junk.close();
  });

  it('refuses a stream without a valid token', async () => {
    const res = await fetch(`${base}/v1/events`, {
      headers: { authorization: 'Bearer nope-nope-nope-nope' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('ends the stream and frees its slot when the event feed cannot subscribe', async () => {
    const broken = await build({
      store: stack.store,
      submission: stack.submission,
      feed: { subscribe: () => Promise.reject(new Error('connect ECONNREFUSED (feed down)')) },
      tokens: new Map([[ALICE, 'alice']]),
      maxStreamsPerUser: 1,
    });
    const url = await broken.listen({ host: '127.0.0.1', port: 0 });
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const stream = await openSse(`${url}/v1/events`, ALICE);
        // Status 200 both times (not 429): the failed stream gave its one slot back.
        expect(stream.response.status).toBe(200);
        // The read ends because the server ended the response, not because of a timeout.
        await stream.read(() => false);
        expect(stream.raw).toContain('retry: 3000');
        stream.close();
      }
    } finally {
      await broken.close();
    }
  });

  it('ends open streams when the app closes', async () => {
    const other = await build({
      store: stack.store,
      submission: stack.submission,
      feed: stack.hub,
      tokens: new Map([[ALICE, 'alice']]),
    });
    const url = await other.listen({ host: '127.0.0.1', port: 0 });
    const stream = await openSse(`${url}/v1/events`, ALICE);
    await stream.read(() => stream.raw.includes(': connected'));
    await other.close();
    // The read loop ends because the server ended the response, not because of a timeout.
    await stream.read(() => false);
    expect(stream.raw).toContain(': connected');
  });
});
