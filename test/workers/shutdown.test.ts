import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type RunningWorker, startWorker } from '../../src/app/worker-server.ts';
import {
  buildGraphGenerationResult,
  contractMessageAttributes,
} from '../../src/contracts/index.ts';
import type { Task } from '../../src/core/domain/task.ts';
import type { ApplyInput, Store } from '../../src/core/ports/store.ts';
import { CONVERSATIONS } from '../core/services/fixtures.ts';
import { startTestStack, type TestStack, testWorkerOptions } from '../support/stack.ts';

/** The real store, with applyEffect held at a gate so a handler stays in flight on demand. */
function gatedStore(store: Store) {
  let open: () => void = () => {};
  let entered: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const reached = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const applyEffect = async (input: ApplyInput) => {
    entered();
    await gate;
    return store.applyEffect(input);
  };
  // Methods are bound to the real store: its private fields need the real receiver.
  const gated = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'applyEffect') return applyEffect;
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { gated, open, reached };
}

describe('worker shutdown and health', () => {
  let stack: TestStack;
  let running: RunningWorker | undefined;

  beforeEach(async () => {
    stack = await startTestStack();
  });
  afterEach(async () => {
    await running?.stop();
    await stack.stop();
  });

  async function start(store: Store, shutdownGraceMs: number, heartbeatSeconds = 100) {
    running = await startWorker(
      testWorkerOptions(stack, { store, heartbeatSeconds, healthPort: 0, shutdownGraceMs }),
    );
    return running;
  }

  async function taskWithFailedResult(userId: string): Promise<Task> {
    const outcome = await stack.submission.submit({
      kind: 'GRAPH_GENERATION',
      userId,
      idempotencyKey: null,
      conversations: CONVERSATIONS,
      options: {},
    });
    if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
    const message = buildGraphGenerationResult(outcome.task.taskId, {
      userId,
      status: 'FAILED',
      error: 'boom',
    });
    await stack.clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.infra.result.url,
        MessageBody: JSON.stringify(message),
        MessageAttributes: contractMessageAttributes(),
      }),
    );
    return outcome.task;
  }

  const resultMessages = async () => (await stack.control.queue('graphnode-result-queue')).messages;

  it('lets an in-flight message finish and be deleted before stopping', async () => {
    const { gated, open, reached } = gatedStore(stack.store);
    const worker = await start(gated, 60_000);
    const task = await taskWithFailedResult('ida');
    await reached;
    const stopping = worker.stop();
    open();
    await stopping;
    expect(worker.worker.running).toBe(false);
    expect((await stack.store.getTask(task.taskId))?.status).toBe('FAILED');
    expect(await resultMessages()).toEqual([]);
  });

  it('releases a message still in flight when the grace period is over, so it is receivable at once', async () => {
    const { gated, open, reached } = gatedStore(stack.store);
    const worker = await start(gated, 0);
    await taskWithFailedResult('jon');
    await reached;
    await worker.stop();
    const [message] = await resultMessages();
    expect(message?.state).toBe('visible');
    expect(message?.receiveCount).toBe(1);
    open();
  });

  it('extends the visibility of a long-running message with a heartbeat', async () => {
    // Only the consumer's heartbeat interval is faked; the emulator's clock is moved by hand.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const { gated, open, reached } = gatedStore(stack.store);
      await start(gated, 60_000, 120);
      await taskWithFailedResult('kim');
      await reached;
      const [received] = await resultMessages();
      expect(received?.state).toBe('inflight');
      const firstDeadline = received?.visibleAt ?? 0;
      // 200 s into a 300 s visibility timeout the heartbeat fires and pushes the deadline out.
      await stack.control.advance(200_000);
      vi.advanceTimersByTime(120_000);
      await expect
        .poll(async () => (await resultMessages())[0]?.visibleAt ?? 0)
        .toBeGreaterThan(firstDeadline);
      await stack.control.advance(200_000);
      // 400 s after the receive the message is still ours: no second delivery.
      const [still] = await resultMessages();
      expect(still).toMatchObject({ state: 'inflight', receiveCount: 1 });
      open();
    } finally {
      vi.useRealTimers();
    }
  });

  it('serves health with counters and readiness while running', async () => {
    const worker = await start(stack.store, 0);
    const health = await fetch(`${worker.health?.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      consumer: 'running',
      inFlight: 0,
      messages: { received: 0 },
    });
    expect((await fetch(`${worker.health?.url}/ready`)).status).toBe(200);
    expect((await fetch(`${worker.health?.url}/nope`)).status).toBe(404);
  });
});
