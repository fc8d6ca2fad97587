// A foreign server (LocalStack, ElasticMQ, moto) as a child process in its own process group:
// started, waited on until a readiness check passes (bounded; fails fast if it exits first) and
// stopped by its group id — also when the parent exits or is interrupted, so no server outlives
// the command that started it. Its output goes to a log file whose tail ends up in error messages.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupProcesses } from './proc.ts';

export class ServerStartError extends Error {}

export interface ServerProcess {
  name: string;
  pid: number;
  logFile: string;
  /** Real ms from spawning the process to its first healthy answer. */
  startupMs: number;
  /** Stops the whole process group: SIGTERM, then SIGKILL after `graceMs`. Idempotent. */
  stop(graceMs?: number): Promise<void>;
  exited(): boolean;
  [Symbol.asyncDispose](): Promise<void>;
}

const running = new Set<ChildProcess>();
let hooked = false;

/** Any member of the group still running (zombies, exited but unreaped, do not count). */
function groupLive(pgid: number): boolean {
  return groupProcesses(pgid).some((p) => p.state !== 'Z' && p.state !== 'X');
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** On exit, Ctrl-C or SIGTERM of the parent, every server still running is killed. */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const child of running) killGroup(child, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of running) killGroup(child, 'SIGKILL');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

/** Fails with a clear message when `port` on 127.0.0.1 is already taken. */
export function assertPortFree(port: number, who: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new ServerStartError(
          error.code === 'EADDRINUSE'
            ? `port ${port} on 127.0.0.1 is already in use, so ${who} cannot listen there: stop what holds it or choose another port`
            : `cannot bind 127.0.0.1:${port} for ${who}: ${error.message}`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** A port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function logTail(file: string, lines = 20): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-lines).join('\n');
}

export interface StartOptions {
  name: string;
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Resolves true once the server answers as healthy; errors count as "not yet". */
  ready: () => Promise<boolean>;
  readyTimeoutMs: number;
  /** Real-time interval between readiness checks. */
  pollMs?: number;
}

export async function startServerProcess(options: StartOptions): Promise<ServerProcess> {
  hookExit();
  const logDir = await mkdtemp(join(tmpdir(), `graphnode-${options.name.toLowerCase()}-`));
  const logFile = join(logDir, 'server.log');
  const log = createWriteStream(logFile);
  await new Promise((resolve) => log.once('open', resolve));
  const spawnedAt = performance.now();
  const child = spawn(options.command, options.args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', log, log],
    detached: true,
  });
  running.add(child);
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
    running.delete(child);
  });
  /** Kills what is left of the group (bounded) until none of it runs, and closes the log. */
  const reapGroup = async () => {
    const until = performance.now() + 5_000;
    while (child.pid !== undefined && groupLive(child.pid) && performance.now() < until) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    log.end();
  };
  const stop = async (graceMs = 10_000) => {
    if (child.pid === undefined || spawnError) {
      log.end();
      return;
    }
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
    await exit;
    clearTimeout(timer);
    // Children of the server (workers it forked) go with the group.
    await reapGroup();
  };
  const handle: ServerProcess = {
    name: options.name,
    pid: child.pid ?? -1,
    logFile,
    startupMs: Number.NaN,
    stop,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    [Symbol.asyncDispose]: () => stop(),
  };
  const deadline = performance.now() + options.readyTimeoutMs;
  for (;;) {
    if (spawnError) {
      log.end();
      throw new ServerStartError(`${options.name} could not be started: ${spawnError.message}`);
    }
    if (handle.exited()) {
      await reapGroup();
      throw new ServerStartError(
        `${options.name} exited (${child.exitCode ?? child.signalCode}) before it became healthy; last lines of ${logFile}:\n${await logTail(logFile)}`,
      );
    }
    if (await options.ready().catch(() => false)) {
      handle.startupMs = performance.now() - spawnedAt;
      return handle;
    }
    if (performance.now() > deadline) {
      await stop(2_000);
      throw new ServerStartError(
        `${options.name} did not become healthy within ${Math.round(options.readyTimeoutMs / 1000)} s (stopped it again); last lines of ${logFile}:\n${await logTail(logFile)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
}

/** GET `url` with a short timeout; the parsed JSON body on 2xx, else undefined. */
export async function getJson(url: string, timeoutMs = 2_000): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) return undefined;
  return response.json();
}
