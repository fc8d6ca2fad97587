// `npm start` (src/app/start.ts) as a child process group on a data directory of its own: the
// embedded emulator with its journal, the SQLite database, the API, the worker and the fake AI
// thread, one process as a developer runs it. Started, read from its banner (API and emulator
// URLs), killed with SIGKILL as a whole, started again on the same data. Used by the stack-crash
// scenario and test/app/stack-crash.test.ts.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GroupExit, ProcessGroup } from '../../src/kernel/child-process-group.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const READY = /^ready \(Ctrl-C to stop\)$/m;

export interface StackProcessOptions {
  /** Holds the emulator's data directory and the database; the same on every start. */
  dataDir: string;
  /** A bearer token and its user (API_TOKENS). */
  token: string;
  user: string;
  /** Real-time bound for the ready line (default 60 s). */
  readyTimeoutMs?: number;
  /** More environment (it wins over the defaults). */
  env?: NodeJS.ProcessEnv;
}

export interface StackProcess {
  api: string;
  /** The embedded emulator's URL (its control plane too). */
  emulator: string;
  databaseUrl: string;
  group: ProcessGroup;
  /** What it printed on stdout and stderr so far (stderr: its pino logs). */
  output(): string;
  /** SIGKILL to the whole group (API, worker, emulator, fake AI thread at once). */
  kill(): Promise<GroupExit>;
  /** SIGINT, as Ctrl-C: resolves with its exit once it stopped cleanly (SIGKILL after the grace). */
  interrupt(graceMs?: number): Promise<GroupExit>;
}

/** The database `npm start` keeps in `dataDir`, as a DATABASE_URL. */
export function stackDatabaseUrl(dataDir: string): string {
  return `sqlite:${join(dataDir, 'graphnode.db')}`;
}

export async function startStackProcess(options: StackProcessOptions): Promise<StackProcess> {
  const databaseUrl = stackDatabaseUrl(options.dataDir);
  const group = ProcessGroup.spawn(process.execPath, ['src/app/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      EMULATOR_PORT: '0',
      API_PORT: '0',
      WORKER_HEALTH_PORT: '0',
      EMULATOR_DATA_DIR: join(options.dataDir, 'emulator'),
      DATABASE_URL: databaseUrl,
      AWS_ENDPOINT_URL: '',
      REDIS_URL: '',
      API_TOKENS: `${options.token}:${options.user}`,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    killOnExit: true,
  });
  let stdout = '';
  let stderr = '';
  group.child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  group.child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const output = () => `${stdout}${stderr.slice(-4000)}`;
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    const check = () => {
      if (READY.test(stdout)) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    group.child.stdout?.on('data', check);
    void group.exited.then(() => {
      clearTimeout(timer);
      resolve(READY.test(stdout));
    });
  });
  if (!ready) {
    const exit = group.exit;
    await group.kill();
    throw new Error(
      `npm start ${exit ? `exited (${exit.code ?? exit.signal})` : `printed no ready line within ${timeoutMs} ms`}: ${output()}`,
    );
  }
  return {
    api: stdout.match(/^\s+API\s+(http:\/\/\S+)$/m)?.[1] ?? '',
    emulator: stdout.match(/^\s+AWS endpoint\s+(http:\/\/\S+) \(embedded emulator\)$/m)?.[1] ?? '',
    databaseUrl,
    group,
    output,
    kill: () => group.kill(),
    interrupt: async (graceMs = 10_000) => {
      group.signal('SIGINT');
      if (!(await group.waitGone(graceMs))) await group.kill();
      return group.exited;
    },
  };
}
