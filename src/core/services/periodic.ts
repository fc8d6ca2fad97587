// Runs a maintenance job (outbox sweep, stale-event sweep) every `intervalMs` until stopped. Runs
// never overlap; failures are logged and the next run tries again.

import { type Log, silentLog } from '../ports/log.ts';

export interface Periodic {
  stop(): Promise<void>;
}

export function startPeriodic(
  name: string,
  intervalMs: number,
  job: () => Promise<unknown>,
  log: Log = silentLog,
): Periodic {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = job()
      .catch((error: unknown) => log.error({ err: error, job: name }, `${name} failed`))
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
