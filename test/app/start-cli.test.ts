// `npm start` as a user runs it: a child process that prints its URLs, a token and a ready line,
// answers requests, and exits 0 on Ctrl-C (SIGINT).

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function waitFor(output: { text: string }, child: ReturnType<typeof spawn>, pattern: RegExp) {
  return new Promise<RegExpMatchArray>((resolve, reject) => {
    const check = () => {
      const match = output.text.match(pattern);
      if (match) {
        child.stdout?.off('data', check);
        resolve(match);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) =>
      reject(new Error(`exited (${code}) before ${pattern}: ${output.text}`)),
    );
    check();
  });
}

describe('npm start (src/app/start.ts)', () => {
  it('prints URLs, a token and a ready line, serves the API, and stops cleanly on SIGINT', async () => {
    const emulatorState = mkdtempSync(join(tmpdir(), 'start-emulator-'));
    const child = spawn(process.execPath, ['src/app/start.ts'], {
      cwd: new URL('../..', import.meta.url),
      env: {
        ...process.env,
        EMULATOR_PORT: '0',
        API_PORT: '0',
        WORKER_HEALTH_PORT: '0',
        DATABASE_URL: 'sqlite::memory:',
        AWS_ENDPOINT_URL: '',
        REDIS_URL: '',
        API_TOKENS: '',
        LOG_LEVEL: 'warn',
        EMULATOR_DATA_DIR: emulatorState,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = { text: '' };
    child.stdout.on('data', (chunk: Buffer) => {
      output.text += chunk.toString();
    });
    try {
      await waitFor(output, child, /^ready \(Ctrl-C to stop\)$/m);
      const api = output.text.match(/^\s+API\s+(http:\/\/\S+)$/m)?.[1];
      const token = output.text.match(/^\s+export TOKEN=(\S+)$/m)?.[1];
      expect(output.text).toMatch(/AWS endpoint\s+http:\/\/127\.0\.0\.1:\d+ \(embedded emulator\)/);
      expect(output.text).toMatch(/fake AI server\s+running/);
      expect(output.text).toContain(`emulator state  ${emulatorState}`);
      const dashboard = output.text.match(/^\s+dashboard\s+(http:\/\/\S+\/_harness\/ui)$/m)?.[1];
      expect(dashboard).toBeDefined();
      const page = await fetch(dashboard!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Emulator dashboard</title>');
      const taskView = output.text.match(/^\s+task view\s+(http:\/\/\S+)$/m)?.[1];
      expect(taskView).toBe(`${api}/_stack/tasks`);
      const tasksPage = await fetch(taskView!);
      expect(tasksPage.status).toBe(200);
      expect(await tasksPage.text()).toContain('No tasks yet');
      expect(api).toBeDefined();
      const ready = await fetch(`${api}/ready`);
      expect(ready.status).toBe(200);
      const unauthorized = await fetch(`${api}/v1/tasks`);
      expect(unauthorized.status).toBe(401);
      const tasks = await fetch(`${api}/v1/tasks`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(await tasks.json()).toEqual({ tasks: [], nextCursor: null });
    } finally {
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      const [code] = await exited;
      rmSync(emulatorState, { recursive: true, force: true });
      expect(code).toBe(0);
      expect(output.text).toMatch(/^stopped$/m);
    }
  });
});
