// The processes of a process group, read from /proc (Linux): to see that a stopped server left
// nothing running, and (the anchors bench) what CPU time and memory a server's group used.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  /** R, S, D, Z (zombie: exited, not yet reaped), … */
  state: string;
  /** User + system CPU, in clock ticks (USER_HZ, 100 on Linux). */
  cpuTicks: number;
  rssPages: number;
}

function read(pid: string): (ProcessInfo & { pgrp: number }) | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces: the fields after it start past its ')'.
  // After the name: state(0) ppid(1) pgrp(2) … utime(11) stime(12) … rss(21).
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return {
    pid: Number(pid),
    state: f[0] ?? '?',
    pgrp: Number(f[2]),
    cpuTicks: Number(f[11]) + Number(f[12]),
    rssPages: Number(f[21]),
  };
}

export function groupProcesses(pgid: number): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const info = read(pid);
    if (info && info.pgrp === pgid) out.push(info);
  }
  return out;
}

/** Still running (a zombie has exited; only its parent's reaping is missing). */
export function isRunning(pid: number): boolean {
  const info = read(String(pid));
  return info !== undefined && info.state !== 'Z' && info.state !== 'X';
}
