import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAiThread, startFakeAiThread } from '../../src/app/fake-ai-thread.ts';
import { CONVERSATIONS } from '../core/services/fixtures.ts';
import { BUCKET, startTestStack, type TestStack } from '../support/stack.ts';

describe('fake AI server on its own thread', () => {
  let stack: TestStack;
  let thread: FakeAiThread;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    const log = pino(
      { level: 'info' },
      { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
    ).child({ component: 'fake-ai' });
    thread = await startFakeAiThread({
      requestQueueUrl: stack.infra.request.url,
      resultQueueUrl: stack.infra.result.url,
      bucket: BUCKET,
      endpoint: stack.emulator.url,
      region: 'us-east-1',
      concurrency: 2,
      log,
    });
  });
  afterAll(async () => {
    await thread?.stop();
    await stack?.stop();
  });

  it('answers a request through the queues and bucket, and its log lines reach our logger', async () => {
    const outcome = await stack.submission.submit({
      kind: 'GRAPH_GENERATION',
      userId: 'tia',
      idempotencyKey: null,
      conversations: CONVERSATIONS,
      options: {},
    });
    if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
    const { taskId } = outcome.task;
    const bodies = async () =>
      (await stack.control.queue('graphnode-result-queue')).messages.map(
        (m) => JSON.parse(m.body) as { taskId: string; taskType: string },
      );
    // Three progress steps, then the result, all for this task.
    await expect.poll(async () => (await bodies()).length, { timeout: 10_000 }).toBe(4);
    expect((await bodies()).map((b) => [b.taskId, b.taskType])).toContainEqual([
      taskId,
      'GRAPH_GENERATION_RESULT',
    ]);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 30, component: 'fake-ai', msg: 'fake AI server polling' }),
    );
  });

  it('stops its receive loops and ends the thread; stopping twice is harmless', async () => {
    const stopping = thread.stop();
    expect(thread.stop()).toBe(stopping);
    await stopping;
  });
});
