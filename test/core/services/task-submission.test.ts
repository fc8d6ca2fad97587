import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseMessageBody } from '../../../src/contracts/index.ts';
import { TaskSubmission } from '../../../src/core/services/task-submission.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';
import { CONVERSATIONS } from './fixtures.ts';

describe('task submission (producer)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => stack?.stop());
  beforeEach(async () => {
    await stack.control.clearFaults();
  });

  const requestQueue = () => stack.control.queue('graphnode-request-queue');

  async function sentBodies(): Promise<string[]> {
    return (await requestQueue()).messages.map((m) => m.body);
  }

  it('uploads the bundle, records the task PENDING and sends a contract-valid request', async () => {
    const before = (await sentBodies()).length;
    const outcome = await stack.submission.submit({
      kind: 'GRAPH_GENERATION',
      userId: 'alice',
      idempotencyKey: null,
      conversations: CONVERSATIONS,
      options: { includeSummary: true, language: 'en', maxClusters: 4 },
    });
    if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
    const { task } = outcome;
    expect(task.taskId).toMatch(/^task_alice_[0-9A-Z]{26}$/);
    expect(task.status).toBe('PENDING');
    const key = `graph-generation/${task.taskId}/input.json`;
    expect(JSON.parse(await stack.payloads.getText(key))).toEqual({ conversations: CONVERSATIONS });
    const bodies = await sentBodies();
    expect(bodies).toHaveLength(before + 1);
    const parsed = parseMessageBody(bodies.at(-1));
    if (!parsed.ok) throw parsed.error;
    expect(parsed.message).toMatchObject({
      taskId: task.taskId,
      taskType: 'GRAPH_GENERATION_REQUEST',
      payload: {
        userId: 'alice',
        s3Key: key,
        bucket: 'graphnode-test-payloads',
        includeSummary: true,
        maxClusters: 4,
      },
    });
    const inspected = (await requestQueue()).messages.at(-1);
    expect(inspected?.messageAttributes).toContain('contractVersion');
    expect(await stack.store.claimOutbox(stack.clock.now() + 1e9, 100, 1)).toEqual([]);
  });

  it('returns the same task for a retried Idempotency-Key and refuses the key for another request', async () => {
    const request = {
      kind: 'GRAPH_GENERATION' as const,
      userId: 'bob',
      idempotencyKey: 'retry-1',
      conversations: CONVERSATIONS,
      options: { language: 'en' },
    };
    const before = (await sentBodies()).length;
    const first = await stack.submission.submit(request);
    const second = await stack.submission.submit({ ...request, options: { language: 'en' } });
    expect(first.kind).toBe('accepted');
    expect(second).toMatchObject({ kind: 'accepted', replayed: true });
    if (first.kind !== 'accepted' || second.kind !== 'accepted') return;
    expect(second.task.taskId).toBe(first.task.taskId);
    expect(await sentBodies()).toHaveLength(before + 1);
    const other = await stack.submission.submit({ ...request, options: { language: 'ko' } });
    expect(other).toEqual({ kind: 'idempotency-key-reused', taskId: first.task.taskId });
    // Keys are per user.
    const carol = await stack.submission.submit({ ...request, userId: 'carol' });
    expect(carol).toMatchObject({ kind: 'accepted', replayed: false });
  });

  const inputKeysOf = (userId: string) =>
    stack.emulator.s3
      .listKeys('graphnode-test-payloads')
      .filter((k) => k.includes(`task_${userId}_`));

  it('keeps one input bundle when two requests race on one Idempotency-Key', async () => {
    const request = {
      kind: 'GRAPH_GENERATION' as const,
      userId: 'gwen',
      idempotencyKey: 'double-click',
      conversations: CONVERSATIONS,
      options: {},
    };
    const before = (await sentBodies()).length;
    // Both look the key up before either records its task: both upload, one insert wins.
    const [a, b] = await Promise.all([
      stack.submission.submit(request),
      stack.submission.submit(request),
    ]);
    if (a.kind !== 'accepted' || b.kind !== 'accepted') throw new Error(`${a.kind} ${b.kind}`);
    expect(a.task.taskId).toBe(b.task.taskId);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(inputKeysOf('gwen')).toEqual([`graph-generation/${a.task.taskId}/input.json`]);
    expect(await sentBodies()).toHaveLength(before + 1);
  });

  it('removes the uploaded bundle when the task cannot be recorded', async () => {
    const broken = new Proxy(stack.store, {
      get(target, prop, receiver) {
        if (prop === 'createTask') return async () => Promise.reject(new Error('database is down'));
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const submission = new TaskSubmission({
      store: broken,
      payloads: stack.payloads,
      relay: stack.relay,
      clock: stack.clock,
      ids: stack.ids,
    });
    await expect(
      submission.submit({
        kind: 'GRAPH_GENERATION',
        userId: 'hugo',
        idempotencyKey: null,
        conversations: CONVERSATIONS,
        options: {},
      }),
    ).rejects.toThrow('database is down');
    expect(inputKeysOf('hugo')).toEqual([]);
  });

  it('rejects conversations that are not chat-export with nothing stored or sent', async () => {
    const before = (await sentBodies()).length;
    const outcome = await stack.submission.submit({
      kind: 'GRAPH_GENERATION',
      userId: 'dave',
      idempotencyKey: null,
      conversations: [{ title: 'x', mapping: 'nope' }],
      options: {},
    });
    expect(outcome.kind).toBe('invalid-input');
    if (outcome.kind === 'invalid-input') {
      expect(outcome.violations.map((v) => v.path)).toContain('/conversations/0/mapping');
    }
    expect(await stack.store.listTasks('dave', 10)).toEqual([]);
    expect(await sentBodies()).toHaveLength(before);
    expect(inputKeysOf('dave')).toEqual([]);
  });

  it('refuses a summary before the user has a graph', async () => {
    const outcome = await stack.submission.submit({
      kind: 'GRAPH_SUMMARY',
      userId: 'erin',
      idempotencyKey: null,
      options: {},
    });
    expect(outcome).toEqual({ kind: 'no-graph' });
    expect(await stack.store.listTasks('erin', 10)).toEqual([]);
  });

  it('sends an add-node request pointing at its own bundle', async () => {
    const outcome = await stack.submission.submit({
      kind: 'ADD_NODE',
      userId: 'frank',
      idempotencyKey: null,
      conversations: CONVERSATIONS.slice(0, 1),
      options: { language: 'en' },
    });
    if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
    const parsed = parseMessageBody((await sentBodies()).at(-1));
    if (!parsed.ok) throw parsed.error;
    expect(parsed.message).toMatchObject({
      taskType: 'ADD_NODE_REQUEST',
      payload: { userId: 'frank', s3Key: `add-node/${outcome.task.taskId}/input.json` },
    });
  });
});
