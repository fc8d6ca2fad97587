// Foreign servers as child process groups: a server that never becomes healthy or exits early is
// stopped and reported with its log; a taken port is refused before anything starts.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRunning } from '../../../scenarios/targets/proc.ts';
import { assertPortFree, startServerProcess } from '../../../scenarios/targets/server-process.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'graphnode-server-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const alive = isRunning;

/** A child that records its pid (and its own child's), then idles without ever answering. */
function hangingServer(pidFile: string): string[] {
  return [
    '-e',
    `const { spawn } = require('node:child_process');
     const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
     require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, process.pid + ' ' + grandchild.pid);
     console.log('starting up, never healthy');
     setInterval(() => {}, 1000);`,
  ];
}

describe('startServerProcess', () => {
  it('stops a server that never becomes healthy, with all it started, and says so', async () => {
    const pidFile = join(dir, 'pids');
    let readyChecks = 0;
    const started = startServerProcess({
      name: 'Sleepy',
      command: process.execPath,
      args: hangingServer(pidFile),
      ready: async () => {
        readyChecks++;
        return false;
      },
      readyTimeoutMs: 1_500,
      pollMs: 50,
    });
    await expect(started).rejects.toThrow(
      /Sleepy did not become healthy within 2 s \(stopped it again\); last lines of .*server\.log:\nstarting up, never healthy/,
    );
    expect(readyChecks).toBeGreaterThan(1);
    const pids = (await readFile(pidFile, 'utf8')).split(' ').map(Number);
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(alive(pid)).toBe(false);
  });

  it('reports a server that exits before it is healthy, with its exit code and log', async () => {
    await expect(
      startServerProcess({
        name: 'Crashy',
        command: process.execPath,
        args: ['-e', 'console.error("bad configuration: no such queue store"); process.exit(3)'],
        ready: async () => false,
        readyTimeoutMs: 30_000,
        pollMs: 20,
      }),
    ).rejects.toThrow(/Crashy exited \(3\) before it became healthy;[\s\S]*bad configuration/);
  });

  it('reports a command that cannot be started at all', async () => {
    await expect(
      startServerProcess({
        name: 'Missing',
        command: join(dir, 'no-such-server'),
        args: [],
        ready: async () => false,
        readyTimeoutMs: 5_000,
      }),
    ).rejects.toThrow(/Missing could not be started: spawn .*no-such-server ENOENT/);
  });

  it('hands back a healthy server and stops it by its group', async () => {
    const pidFile = join(dir, 'pids');
    const server = await startServerProcess({
      name: 'Ready',
      command: process.execPath,
      args: hangingServer(pidFile),
      ready: async () => existsSync(pidFile),
      readyTimeoutMs: 10_000,
      pollMs: 20,
    });
    expect(server.startupMs).toBeGreaterThan(0);
    const pids = (await readFile(pidFile, 'utf8')).split(' ').map(Number);
    await server.stop();
    expect(server.exited()).toBe(true);
    for (const pid of pids) expect(alive(pid)).toBe(false);
  });
});

describe('assertPortFree', () => {
  let holder: Server;
  afterEach(() => holder?.close());

  it('refuses a port another process listens on', async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    await expect(assertPortFree(port, 'LocalStack')).rejects.toThrow(
      `port ${port} on 127.0.0.1 is already in use, so LocalStack cannot listen there`,
    );
  });
});
