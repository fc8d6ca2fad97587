// CPU time and resident memory of a server's whole process group: a Python or Java server may run
// helpers beside its main process, and all of them are its cost.
import { groupProcesses } from '../../scenarios/targets/proc.ts';

/** Clock ticks per second of /proc's CPU fields (USER_HZ; 100 on Linux). */
const TICKS = 100;
const PAGE = 4096;

/** CPU (user + system, ms) and RSS (bytes) of every process whose group is `pgid`. */
export function groupStats(pgid: number): { cpuMs: number; rssBytes: number } {
  let ticks = 0;
  let pages = 0;
  for (const p of groupProcesses(pgid)) {
    ticks += p.cpuTicks;
    pages += p.rssPages;
  }
  return { cpuMs: (ticks * 1000) / TICKS, rssBytes: pages * PAGE };
}
