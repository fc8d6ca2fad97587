// A foreign server (LocalStack, ElasticMQ, moto) as a child process in its own process group:
// started, waited on until a readiness check passes (bounded; fails fast if it exits first) and
// stopped by its group id — also when the parent exits or is interrupted, so no server outlives
// the command that started it. Its output goes to a log file whose tail ends up in error messages.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessGroup } from '../../src/kernel/child-process-group.ts';

export class ServerStartError extends Error {}

export interface ServerProcess {
  name: string;
  pid: number;
  logFile: string;
  /** Real ms from spawning the process to its first healthy answer. */
  startupMs: number;
  /** Stops the whole process group: SIGTERM, then SIGKILL after `graceMs`. Idempotent. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to the whole group at once (a crash); resolves once nothing of it runs. */
  kill(): Promise<void>;
  exited(): boolean;
  [Symbol.asyncDispose](): Promise<void>;
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
  const logDir = await mkdtemp(join(tmpdir(), `graphnode-${options.name.toLowerCase()}-`));
  const logFile = join(logDir, 'server.log');
  const log = createWriteStream(logFile);
  await new Promise((resolve) => log.once('open', resolve));
  const spawnedAt = performance.now();
  const group = ProcessGroup.spawn(options.command, options.args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', log, log],
    // No server outlives the command that started it, however that command ends.
    killOnExit: true,
  });
  const closeLog = () => new Promise<void>((resolve) => log.end(() => resolve()));
  const stop = async (graceMs = 10_000) => {
    // Children of the server (workers it forked) go with the group.
    await group.stop(graceMs);
    await closeLog();
  };
  const kill = async () => {
    await group.kill();
  };
  const handle: ServerProcess = {
    name: options.name,
    pid: group.pid ?? -1,
    logFile,
    startupMs: Number.NaN,
    stop,
    kill,
    exited: () => group.exit !== undefined,
    [Symbol.asyncDispose]: () => stop(),
  };
  const deadline = performance.now() + options.readyTimeoutMs;
  for (;;) {
    if (group.spawnError) {
      await closeLog();
      throw new ServerStartError(
        `${options.name} could not be started: ${group.spawnError.message}`,
      );
    }
    if (handle.exited()) {
      await stop(0);
      throw new ServerStartError(
        `${options.name} exited (${group.exit?.code ?? group.exit?.signal}) before it became healthy; last lines of ${logFile}:\n${await logTail(logFile)}`,
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
