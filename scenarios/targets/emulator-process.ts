// Our emulator as a child process with a data directory (`node src/emulator/cli.ts --data-dir`),
// for scenarios that crash it: killed with SIGKILL and started again on the same port and data
// directory, steered and inspected through its control plane. The data directory is its own and
// goes when it is stopped.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmulatorControlClient } from '../../src/emulator/control/client.ts';
import { freePort, type ServerProcess, startServerProcess } from './server-process.ts';

const CLI = fileURLToPath(new URL('../../src/emulator/cli.ts', import.meta.url));

export interface EmulatorProcessOptions {
  /** Virtual ms per real ms of the emulator's clock. */
  timeScale: number;
  seed: number;
  /** Real-time bound for each start (default 30 s). */
  readyTimeoutMs?: number;
}

export interface EmulatorProcess {
  url: string;
  dataDir: string;
  control: EmulatorControlClient;
  /** Starts so far (1 after the first). */
  readonly starts: number;
  /** The running process's id. */
  readonly pid: number;
  /** Real ms the last start took until the emulator answered its health check. */
  readonly startupMs: number;
  /** SIGKILL to the emulator's process group, as a crash; resolves once nothing of it runs. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory; resolves once it answers. */
  restart(): Promise<void>;
  /** Stops it (SIGTERM) and removes its data directory. */
  stop(): Promise<void>;
}

export async function startEmulatorProcess(
  options: EmulatorProcessOptions,
): Promise<EmulatorProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'graphnode-emulator-data-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const control = new EmulatorControlClient(url);
  let starts = 0;
  let current: ServerProcess | undefined;
  const launch = async () => {
    current = await startServerProcess({
      name: 'emulator',
      command: process.execPath,
      args: [
        CLI,
        ...['--port', String(port), '--data-dir', dataDir],
        ...['--time-scale', String(options.timeScale), '--seed', String(options.seed)],
      ],
      ready: () => control.healthy(),
      readyTimeoutMs: options.readyTimeoutMs ?? 30_000,
      pollMs: 20,
    });
    starts++;
  };
  try {
    await launch();
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    dataDir,
    control,
    get starts() {
      return starts;
    },
    get pid() {
      return current?.pid ?? -1;
    },
    get startupMs() {
      return current?.startupMs ?? Number.NaN;
    },
    kill: async () => {
      await current?.kill();
    },
    restart: async () => {
      await current?.stop(0);
      await launch();
    },
    stop: async () => {
      try {
        await current?.stop(5_000);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}
