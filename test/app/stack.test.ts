import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Stack, startStack } from '../../src/app/stack.ts';
import { EmulatorControlClient } from '../../src/emulator/control/client.ts';
import { loadConfig } from '../../src/infra/config.ts';
import { openSse } from '../api/sse-client.ts';
import { INPUT_BUNDLE } from '../core/services/fixtures.ts';

describe('single-process stack (npm start)', () => {
  let stack: Stack;

  beforeAll(async () => {
    const config = loadConfig({
      API_PORT: '0',
      WORKER_HEALTH_PORT: '0',
      DATABASE_URL: 'sqlite::memory:',
      LOG_LEVEL: 'silent',
    });
    stack = await startStack({ config, log: pino({ level: 'silent' }), emulatorPort: 0 });
  });
  afterAll(async () => stack?.stop());

  it('takes a generation request from API to fake AI to worker and back to the user', async () => {
    const [token] = [...stack.tokens.keys()];
    const events = await openSse(`${stack.api.url}/v1/events`, token ?? '');
    await events.read(() => events.raw.includes(': connected'));
    const accepted = await fetch(`${stack.api.url}/v1/graphs/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(INPUT_BUNDLE),
    });
    expect(accepted.status).toBe(202);
    const { taskId } = (await accepted.json()) as { taskId: string };
    const seen = await events.read((evs) => evs.some((e) => e.event === 'task.completed'));
    events.close();
    expect(seen.filter((e) => e.event === 'task.completed')).toHaveLength(1);
    const task = await fetch(`${stack.api.url}/v1/tasks/${taskId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await task.json()).toMatchObject({
      taskId,
      status: 'COMPLETED',
      progress: { percent: 100 },
    });
    const graph = await fetch(`${stack.api.url}/v1/graphs`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(graph.status).toBe(200);
    expect((await graph.json()) as { taskId: string }).toMatchObject({ taskId });
    const health = await fetch(`${stack.worker.health?.url}/health`);
    expect(await health.json()).toMatchObject({ consumer: 'running' });
  });

  it('shows recent tasks and the timeline of each on the task view', async () => {
    const list = await (await fetch(`${stack.api.url}/_stack/tasks`)).text();
    const taskId = stack.recorder.taskIds().at(-1) ?? '';
    expect(list).toContain(`href="/_stack/tasks/${taskId}"`);
    expect(list).toContain('<td class="COMPLETED">COMPLETED</td>');
    const page = await fetch(`${stack.api.url}/_stack/tasks/${taskId}`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    const order = ['request-sent:', 'worker-received:', 'applied:', 'notified:'].map((k) =>
      html.indexOf(k),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const missing = await fetch(
      `${stack.api.url}/_stack/tasks/task_nobody_01ARZ3NDEKTSV4RRFFQ69G5FAV`,
    );
    expect(missing.status).toBe(404);
  });

  it('carries on after the emulator is reset under it: queues and bucket come back by themselves', async () => {
    const [token] = [...stack.tokens.keys()];
    await new EmulatorControlClient(stack.emulator?.url ?? '').reset();
    const accepted = await fetch(`${stack.api.url}/v1/graphs/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(INPUT_BUNDLE),
    });
    expect(accepted.status).toBe(202);
    expect(stack.runtime.repair.repairs).toBeGreaterThanOrEqual(1);
    const { taskId } = (await accepted.json()) as { taskId: string };
    // The fake AI and the worker find their queues again and the task completes.
    const status = async () =>
      (
        (await (
          await fetch(`${stack.api.url}/v1/tasks/${taskId}`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).json()) as { status: string }
      ).status;
    await vi.waitFor(async () => expect(await status()).toBe('COMPLETED'), {
      timeout: 25_000,
      interval: 50,
    });
    expect((await fetch(`${stack.worker.health?.url}/ready`)).status).toBe(200);
  });

  it('reports not ready, naming the cause, once the queues are unreachable', async () => {
    expect((await fetch(`${stack.api.url}/ready`)).status).toBe(200);
    await stack.emulator?.stop();
    const ready = await fetch(`${stack.api.url}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ type: '/problems/not-ready' });
    expect((await fetch(`${stack.api.url}/health`)).status).toBe(200);
  });
});
