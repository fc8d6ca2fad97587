// `npm start` killed with SIGKILL while tasks are in flight, then started again on the same data
// directory and database: every accepted task still reaches a terminal state. The emulator's
// journal keeps the messages and objects, SQLite keeps the tasks and their outbox, and the
// requests that were in flight come back once their visibility timeout has passed — moved on by
// the emulator's clock (control plane), not waited for.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { EmulatorControlClient } from '../../src/emulator/control/client.ts';
import { INPUT_BUNDLE } from '../core/services/fixtures.ts';

const TOKEN = 'crash-test-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'stack-crash-'));
const env = {
  ...process.env,
  EMULATOR_PORT: '0',
  API_PORT: '0',
  WORKER_HEALTH_PORT: '0',
  EMULATOR_DATA_DIR: join(dir, 'emulator'),
  DATABASE_URL: `sqlite:${join(dir, 'graphnode.db')}`,
  AWS_ENDPOINT_URL: '',
  REDIS_URL: '',
  API_TOKENS: `${TOKEN}:crash`,
  LOG_LEVEL: 'warn',
};

/** Starts `npm start` in its own process group; resolves with its API and emulator URLs. */
async function start(): Promise<{ child: ChildProcess; api: string; emulator: string }> {
  const child = spawn(process.execPath, ['src/app/start.ts'], {
    cwd: new URL('../..', import.meta.url),
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (/^ready \(Ctrl-C to stop\)$/m.test(text)) resolve();
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) =>
      reject(new Error(`npm start exited (${code}): ${text} ${errors.slice(-2000)}`)),
    );
  });
  const api = text.match(/^\s+API\s+(http:\/\/\S+)$/m)?.[1] ?? '';
  const emulator =
    text.match(/^\s+AWS endpoint\s+(http:\/\/\S+) \(embedded emulator\)$/m)?.[1] ?? '';
  return { child, api, emulator };
}

const running: ChildProcess[] = [];
let errors = '';
afterAll(async () => {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      const exited = once(child, 'exit');
      process.kill(-child.pid, 'SIGKILL');
      await exited;
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start after kill -9', () => {
  it('brings every task accepted before the kill to a terminal state', async () => {
    const first = await start();
    running.push(first.child);
    const auth = { authorization: `Bearer ${TOKEN}` };
    const taskIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${first.api}/v1/graphs/generate`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(INPUT_BUNDLE),
      });
      expect(res.status, `${await res.clone().text()} ${errors.slice(0, 3000)}`).toBe(202);
      taskIds.push(((await res.json()) as { taskId: string }).taskId);
    }
    // Kill the whole process group at once: API, worker, emulator and fake AI thread.
    const died = once(first.child, 'exit');
    process.kill(-(first.child.pid as number), 'SIGKILL');
    await died;

    const second = await start();
    running.push(second.child);
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
    const stopped = once(second.child, 'exit');
    second.child.kill('SIGINT');
    expect((await stopped)[0]).toBe(0);
  }, 150_000);
});
