// `npm start` killed with SIGKILL while tasks are in flight, then started again on the same data
// directory and database: every accepted task still reaches a terminal state. The emulator's
// journal keeps the messages and objects, SQLite keeps the tasks and their outbox, and the
// requests that were in flight come back once their visibility timeout has passed — moved on by
// the emulator's clock (control plane), not waited for.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type StackProcess, startStackProcess } from '../../scenarios/processes/stack-process.ts';
import { EmulatorControlClient } from '../../src/emulator/control/client.ts';
import { INPUT_BUNDLE } from '../core/services/fixtures.ts';

const TOKEN = 'crash-test-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'stack-crash-'));
const start = () => startStackProcess({ dataDir: dir, token: TOKEN, user: 'crash' });

const running: StackProcess[] = [];
afterAll(async () => {
  for (const stack of running) await stack.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start after kill -9', () => {
  it('brings every task accepted before the kill to a terminal state', async () => {
    const first = await start();
    running.push(first);
    const auth = { authorization: `Bearer ${TOKEN}` };
    const taskIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${first.api}/v1/graphs/generate`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(INPUT_BUNDLE),
      });
      expect(res.status, `${await res.clone().text()} ${first.output().slice(0, 3000)}`).toBe(202);
      taskIds.push(((await res.json()) as { taskId: string }).taskId);
    }
    // Kill the whole process group at once: API, worker, emulator and fake AI thread.
    expect((await first.kill()).signal).toBe('SIGKILL');

    const second = await start();
    running.push(second);
    // Requests and results that were in flight at the kill are hidden for their 300 s
    // visibility timeout: move the emulator's clock past it instead of waiting.
    await new EmulatorControlClient(second.emulator).advance(301_000);
    const statuses = async () =>
      Promise.all(
        taskIds.map(async (id) => {
          const res = await fetch(`${second.api}/v1/tasks/${id}`, { headers: auth });
          return ((await res.json()) as { status: string }).status;
        }),
      );
    await vi.waitFor(
      async () => {
        const open = (await statuses()).filter((s) => s !== 'COMPLETED' && s !== 'FAILED');
        expect(open).toEqual([]);
      },
      { timeout: 90_000, interval: 250 },
    );
    expect(new Set(await statuses())).toEqual(new Set(['COMPLETED']));
    expect((await second.interrupt()).code).toBe(0);
  }, 150_000);
});
