// CPU time and resident memory of a server's whole process group, read from /proc: a Python or
// Java server may run helpers beside its main process, and all of them are its cost.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU fields (USER_HZ; 100 on Linux). */
const TICKS = 100;
const PAGE = 4096;

interface Sample {
  cpuMs: number;
  rssBytes: number;
}

function statOf(pid: string): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: the fields after it start past its ')'.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU (user + system, ms) and RSS of every process whose group is `pgid`. */
export function groupStats(pgid: number): Sample {
  let ticks = 0;
  let pages = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const f = statOf(pid);
    // After the name: state(0) ppid(1) pgrp(2) … utime(11) stime(12) … rss(21).
    if (!f || Number(f[2]) !== pgid) continue;
    ticks += Number(f[11]) + Number(f[12]);
    pages += Number(f[21]);
  }
  return { cpuMs: (ticks * 1000) / TICKS, rssBytes: pages * PAGE };
}
