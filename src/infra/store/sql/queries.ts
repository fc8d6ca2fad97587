// Statements both SQL dialects (SQLite, MySQL/MariaDB) accept as written: a task's recorded
// request for re-dispatch, the stalled-task sweep and paging through a user's tasks.

import type { TaskCursor } from '../../../core/ports/store.ts';

const OPEN = "('PENDING', 'PROCESSING')";

export const SQL = {
  insertDispatch:
    'INSERT INTO dispatches (task_id, body, redispatches, dispatched_at) VALUES (?, ?, 0, ?)',
  /** Params: updated before, dispatched before, limit. */
  stalledTasks: `SELECT t.*, d.body AS dispatch_body, d.redispatches AS dispatch_redispatches
    FROM tasks t JOIN dispatches d ON d.task_id = t.task_id
    WHERE t.status IN ${OPEN} AND t.updated_at < ? AND d.dispatched_at < ?
      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.task_id = t.task_id)
    ORDER BY t.updated_at, t.task_id LIMIT ?`,
  /** Params: due at, task id. Inserts nothing when the task ended or an entry is queued. */
  requeueRequest: `INSERT INTO outbox (task_id, body, attempts, next_attempt_at, last_error)
    SELECT d.task_id, d.body, 0, ?, NULL FROM dispatches d JOIN tasks t ON t.task_id = d.task_id
    WHERE d.task_id = ? AND t.status IN ${OPEN}
      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.task_id = d.task_id)`,
  /** Params: now, task id. */
  countRedispatch:
    'UPDATE dispatches SET redispatches = redispatches + 1, dispatched_at = ? WHERE task_id = ?',
} as const;

/** A page of a user's tasks, newest first, continuing after `after` when given. */
export function tasksPage(
  userId: string,
  limit: number,
  after?: TaskCursor,
): { sql: string; params: (string | number)[] } {
  if (!after) {
    return {
      sql: 'SELECT * FROM tasks WHERE user_id = ? ORDER BY created_at DESC, task_id DESC LIMIT ?',
      params: [userId, limit],
    };
  }
  return {
    sql: `SELECT * FROM tasks WHERE user_id = ? AND (created_at < ? OR (created_at = ? AND task_id < ?))
      ORDER BY created_at DESC, task_id DESC LIMIT ?`,
    params: [userId, after.createdAt, after.createdAt, after.taskId, limit],
  };
}
