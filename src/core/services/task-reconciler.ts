// The reconciliation sweep: finds tasks that stopped moving — PENDING or PROCESSING, nothing
// queued for them, no change and no dispatch for `stallMs` — because their request or result went
// missing (an emulator restart or reset without persistence, an AI server that drops a body it
// cannot read, a crash between receive and send). Each is dispatched again with its recorded
// request (same task id: the AI and the worker already treat copies as duplicates), at most
// `maxRedispatches` times; after that it is FAILED with STALLED and the user is notified.

import type { Clock } from '../../kernel/clock.ts';
import type { IdSource } from '../../kernel/ids.ts';
import { type Log, silentLog } from '../ports/log.ts';
import type { Notifier } from '../ports/notifier.ts';
import type { Store } from '../ports/store.ts';
import { failTask } from './task-failure.ts';

export interface ReconcilerOptions {
  store: Store;
  notifier: Notifier;
  clock: Clock;
  ids: IdSource;
  log?: Log;
  /** How long a task may go without a change before it counts as stalled. */
  stallMs: number;
  /** Re-dispatches before a stalled task is failed. */
  maxRedispatches: number;
  /** Tasks looked at per sweep. */
  batchSize?: number;
}

export interface ReconcileReport {
  redispatched: number;
  failed: number;
}

export class TaskReconciler {
  readonly #o: Required<ReconcilerOptions>;

  constructor(options: ReconcilerOptions) {
    this.#o = { log: silentLog, batchSize: 100, ...options };
  }

  /** Looks at stalled tasks once: re-dispatches or fails each. */
  async sweepOnce(): Promise<ReconcileReport> {
    const { store, clock, stallMs, maxRedispatches, batchSize, log } = this.#o;
    const report: ReconcileReport = { redispatched: 0, failed: 0 };
    const now = clock.now();
    for (const { task, redispatches } of await store.stalledTasks(now - stallMs, batchSize)) {
      const taskLog = log.child({ taskId: task.taskId });
      if (redispatches < maxRedispatches) {
        if (await store.redispatch(task.taskId, now)) {
          report.redispatched++;
          taskLog.warn(
            { status: task.status, idleMs: now - task.updatedAt, redispatch: redispatches + 1 },
            'task stalled; dispatching its request again',
          );
        }
        continue;
      }
      const minutes = Math.round(stallMs / 60_000);
      const failed = await failTask(this.#o, task.taskId, {
        code: 'STALLED',
        message: `no progress or result for ${minutes} min after ${redispatches} re-dispatches of the request; the AI server never answered`,
      });
      if (failed) {
        report.failed++;
        taskLog.error({ redispatches }, 'task stalled after every re-dispatch; failed');
      }
    }
    return report;
  }
}
