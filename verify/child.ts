// The process under test: a shell command started in its own process group with the environment
// the harness gives it, its output kept (last lines in memory, all of it in a log file), and
// stopped as a group so nothing it started outlives the run. Signals go to the whole group.
import { createWriteStream, type WriteStream } from 'node:fs';
import { ProcessGroup } from '../src/kernel/child-process-group.ts';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Real ms after start. */
  afterMs: number;
}

const TAIL_LINES = 40;

export class ProcessUnderTest {
  readonly command: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #log: WriteStream | undefined;
  #group: ProcessGroup | undefined;
  #exit: Exit | undefined;
  #exited: Promise<Exit> = Promise.resolve({ code: null, signal: null, afterMs: 0 });
  #tail: string[] = [];
  /** Starts so far (1 after the first start). */
  starts = 0;

  constructor(command: string, env: NodeJS.ProcessEnv, logPath?: string) {
    this.command = command;
    this.#env = env;
    this.#log = logPath === undefined ? undefined : createWriteStream(logPath, { flags: 'a' });
  }

  start(): void {
    if (this.alive()) throw new Error('the command is already running');
    // A group left from the previous run (a child that ignored SIGTERM) goes first.
    this.signal('SIGKILL');
    const startedAt = Date.now();
    this.starts++;
    this.#exit = undefined;
    this.#log?.write(`--- start #${this.starts}: ${this.command}\n`);
    // Its own process group, so a signal to the group reaches everything it started.
    const group = ProcessGroup.spawn('/bin/sh', ['-c', this.command], {
      env: this.#env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#group = group;
    const { child } = group;
    const keep = (chunk: Buffer) => {
      this.#log?.write(chunk);
      const lines = chunk
        .toString('utf8')
        .split('\n')
        .filter((l) => l.trim() !== '');
      this.#tail.push(...lines);
      if (this.#tail.length > TAIL_LINES) this.#tail.splice(0, this.#tail.length - TAIL_LINES);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.#exited = new Promise<Exit>((resolve) => {
      child.once('error', (error) => {
        keep(Buffer.from(`cannot start: ${error.message}\n`));
      });
      child.once('exit', (code, signal) => {
        this.#exit = { code, signal, afterMs: Date.now() - startedAt };
        this.#log?.write(`--- exited: code ${code} signal ${signal}\n`);
        resolve(this.#exit);
      });
    });
  }

  /**
   * True while anything of the command's process group runs. A shell that died of a signal
   * while the program it started is still finishing its work counts as running.
   */
  alive(): boolean {
    return this.#group?.alive() ?? false;
  }

  get pid(): number | undefined {
    return this.#group?.pid;
  }

  get exit(): Exit | undefined {
    return this.#exit;
  }

  /** Resolves when the whole process group is gone, or after `ms` with undefined. */
  async waitExit(ms: number): Promise<Exit | undefined> {
    if (this.#group === undefined) return this.#exited;
    if (!(await this.#group.waitGone(ms))) return undefined;
    return this.#exited;
  }

  /** Sends `signal` to the whole process group; false when nothing was there to receive it. */
  signal(signal: NodeJS.Signals): boolean {
    return this.#group?.signal(signal) ?? false;
  }

  /** SIGTERM to the group, SIGKILL after `graceMs`; the group is killed even if the shell exited. */
  async stop(graceMs = 5000): Promise<void> {
    await this.#group?.stop(graceMs);
  }

  /** The last lines it printed, for messages about a command that misbehaved. */
  tail(lines = 10): string {
    return this.#tail.slice(-lines).join('\n');
  }

  async close(): Promise<void> {
    await this.stop();
    await new Promise<void>((resolve) => {
      if (this.#log === undefined) resolve();
      else this.#log.end(() => resolve());
    });
  }
}
