// A child process started in a process group of its own, so that a signal reaches everything it
// started (a shell's program, a server's workers) and nothing it started outlives the caller:
// signal the group, ask whether any member still runs, stop it (SIGTERM, then SIGKILL after a
// grace), kill it at once (SIGKILL, the crash a test injects), and optionally kill it when the
// calling process exits or is interrupted. The one place the harness manages process groups.
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface GroupExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnGroupOptions extends Omit<SpawnOptions, 'detached'> {
  /** Kill the group with SIGKILL if this process exits, or on its SIGINT/SIGTERM (default false). */
  killOnExit?: boolean;
}

/** Real ms between checks while waiting for a group to be gone. */
const POLL_MS = 10;

const killOnExit = new Set<ProcessGroup>();
let hooked = false;

/** On exit, Ctrl-C or SIGTERM of this process, every group registered to die with it is killed. */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const group of killOnExit) group.signal('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const group of killOnExit) group.signal('SIGKILL');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

/** Sends `signal` to process group `pgid`; false when no member was there to receive it. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    // EPERM: members exist but belong to someone else (they still count as there).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** States of the group's members from /proc (Linux), or undefined where there is no /proc. */
function memberStates(pgid: number): string[] | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const states: string[] = [];
  for (const pid of pids) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    // The command name (field 2) may hold spaces: the fields after it start past its ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid) states.push(fields[0] ?? '?');
  }
  return states;
}

/**
 * True while any member of group `pgid` runs. A zombie (exited, not yet reaped by its parent)
 * does not count: it holds no resources and no longer runs code.
 */
export function groupAlive(pgid: number): boolean {
  if (!signalGroup(pgid, 0)) return false;
  const states = memberStates(pgid);
  return states === undefined || states.some((s) => s !== 'Z' && s !== 'X');
}

export class ProcessGroup {
  readonly child: ChildProcess;
  /** Resolves when the group's leader (the spawned process) has exited. */
  readonly exited: Promise<GroupExit>;
  #exit: GroupExit | undefined;
  #spawnError: Error | undefined;

  private constructor(child: ChildProcess, dieWithCaller: boolean) {
    this.child = child;
    this.exited = new Promise<GroupExit>((resolve) => {
      child.once('error', (error) => {
        this.#spawnError = error;
        killOnExit.delete(this);
        this.#exit ??= { code: null, signal: null };
        resolve(this.#exit);
      });
      child.once('exit', (code, signal) => {
        // Still registered: members the leader started may outlive it; a group leaves the
        // register once it is seen gone (waitGone), so those die with the caller too.
        this.#exit = { code, signal };
        resolve(this.#exit);
      });
    });
    if (dieWithCaller) {
      hookExit();
      killOnExit.add(this);
    }
  }

  /** Starts `command` as the leader of a new process group. */
  static spawn(command: string, args: readonly string[], options: SpawnGroupOptions = {}) {
    const { killOnExit: dieWithCaller = false, ...spawnOptions } = options;
    const child = spawn(command, args, { ...spawnOptions, detached: true });
    return new ProcessGroup(child, dieWithCaller);
  }

  /** The group id (the leader's pid); undefined when the process could not be started. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The leader's exit, once it exited; members it started may still run. */
  get exit(): GroupExit | undefined {
    return this.#exit;
  }

  /** Why the process could not be started, if it could not. */
  get spawnError(): Error | undefined {
    return this.#spawnError;
  }

  /** Sends `signal` to every member; false when nothing was there to receive it. */
  signal(signal: NodeJS.Signals): boolean {
    const pid = this.child.pid;
    return pid !== undefined && signalGroup(pid, signal);
  }

  /** True while any member runs (the leader, or what it started after the leader died). */
  alive(): boolean {
    const pid = this.child.pid;
    if (pid === undefined) return false;
    if (this.#exit === undefined) return true;
    return groupAlive(pid);
  }

  /** Resolves true once the leader has exited and no member runs, false after `ms` real. */
  async waitGone(ms: number): Promise<boolean> {
    const deadline = performance.now() + ms;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ms);
    });
    try {
      if ((await Promise.race([this.exited, timeout])) === undefined) return false;
      while (this.alive()) {
        if (performance.now() >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      await this.#reaped(deadline);
      killOnExit.delete(this);
      return true;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Members that died stay zombies until whoever adopted them reaps them: waits for that until
   * `deadline`, so a caller that looks right after sees them gone. They no longer run either way,
   * so a reaper slower than that does not make the group count as running.
   */
  async #reaped(deadline: number): Promise<void> {
    const pid = this.child.pid;
    while (pid !== undefined && signalGroup(pid, 0) && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** SIGKILL to every member at once (a crash, not a shutdown); resolves once all are gone. */
  async kill(boundMs = 5_000): Promise<GroupExit> {
    const deadline = performance.now() + boundMs;
    this.signal('SIGKILL');
    // A member forked between the signal and now would escape one signal: repeat until none runs.
    while (!(await this.waitGone(Math.min(100, Math.max(1, deadline - performance.now()))))) {
      if (performance.now() >= deadline) {
        throw new Error(`process group ${this.pid} still runs ${boundMs} ms after SIGKILL`);
      }
      this.signal('SIGKILL');
    }
    await this.#reaped(deadline);
    return this.#exit ?? { code: null, signal: 'SIGKILL' };
  }

  /**
   * SIGTERM to the group, SIGKILL after `graceMs` for whatever still runs, members the leader
   * left behind included. Idempotent; resolves once the group is gone (bounded).
   */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.child.pid === undefined) return;
    if (this.alive()) {
      this.signal('SIGTERM');
      if (await this.waitGone(graceMs)) return;
    }
    await this.kill().catch(() => {});
  }
}
