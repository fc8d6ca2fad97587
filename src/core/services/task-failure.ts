// Ending a task from inside the back end, when no AI result will: the outbox relay gives up on a
// request it cannot queue (DISPATCH_FAILED), the reconciler on a task that stopped moving
// (STALLED). The task moves to FAILED with the error, its event is recorded with the change and
// delivered like any other terminal transition's, and a task that ended meanwhile is left alone.

import type { Clock } from '../../kernel/clock.ts';
import type { IdSource } from '../../kernel/ids.ts';
import { eventForTask } from '../domain/events.ts';
import type { TaskError } from '../domain/task.ts';
import { applyResult } from '../domain/transitions.ts';
import type { Log } from '../ports/log.ts';
import type { Notifier } from '../ports/notifier.ts';
import type { Store } from '../ports/store.ts';
import { deliverPendingEvents } from './event-delivery.ts';

export interface TaskFailureDeps {
  store: Store;
  notifier: Notifier;
  clock: Clock;
  ids: IdSource;
  log: Log;
}

/** Fails the task with `error`; false when it had already ended (nothing changed). */
export async function failTask(
  deps: TaskFailureDeps,
  taskId: string,
  error: TaskError,
  options: { clearOutbox?: boolean } = {},
): Promise<boolean> {
  const { store, clock, ids, notifier } = deps;
  const now = clock.now();
  const outcome = await store.applyEffect({
    taskId,
    inbox: null,
    now,
    decide: (task) => {
      if (!task) return { kind: 'reject', reason: 'no such task' };
      const t = applyResult(task, { status: 'FAILED', error }, now);
      if (t.kind === 'ignore') return t;
      return {
        kind: 'apply',
        task: t.task,
        event: eventForTask(t.task, ids()),
        ...(options.clearOutbox ? { clearOutbox: true } : {}),
      };
    },
  });
  if (outcome.kind !== 'applied') return false;
  // Notification failures are retried by the stale-event sweep, not here.
  await deliverPendingEvents({ store, notifier, clock }, taskId).catch((err: unknown) =>
    deps.log.child({ taskId }).warn({ err }, 'task event delivery failed; will retry'),
  );
  return true;
}
