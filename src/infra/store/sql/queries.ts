// Statements both SQL dialects (SQLite, MySQL/MariaDB) accept as written, in one place: the
// inbox, outbox, idempotency keys, events and graphs, a task's recorded request for re-dispatch,
// the stalled-task sweep and paging through a user's tasks. Dialect-only statements (upserts,
// row locks) stay in their store.

import type { TaskCursor } from '../../../core/ports/store.ts';

const OPEN = "('PENDING', 'PROCESSING')";

export const SQL = {
  deleteOutbox: 'DELETE FROM outbox WHERE task_id = ?',
  insertIdempotencyKey:
    'INSERT INTO idempotency_keys (user_id, idem_key, fingerprint, task_id, created_at) VALUES (?, ?, ?, ?, ?)',
  insertInbox:
    'INSERT INTO inbox (task_id, message_type, discriminator, processed_at) VALUES (?, ?, ?, ?)',
  insertOutbox:
    'INSERT INTO outbox (task_id, body, attempts, next_attempt_at, last_error) VALUES (?, ?, 0, ?, NULL)',
  insertMigration: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  insertEvent:
    'INSERT INTO task_events (event_id, task_id, user_id, payload, created_at, delivered_at) VALUES (?, ?, ?, ?, ?, NULL)',
  graphOfUser: 'SELECT * FROM graphs WHERE user_id = ?',
  inboxSeen:
    'SELECT 1 AS seen FROM inbox WHERE task_id = ? AND message_type = ? AND discriminator = ?',
  ping: 'SELECT 1',
  undeliveredEventsBefore:
    'SELECT payload FROM task_events WHERE delivered_at IS NULL AND created_at < ? ORDER BY created_at, event_id LIMIT ?',
  undeliveredEventsOfTask:
    'SELECT payload FROM task_events WHERE task_id = ? AND delivered_at IS NULL ORDER BY created_at, event_id',
  eventsOfUserAfter:
    'SELECT payload FROM task_events WHERE user_id = ? AND event_id > ? ORDER BY event_id LIMIT ?',
  eventsOfTask:
    'SELECT payload, delivered_at FROM task_events WHERE task_id = ? ORDER BY created_at, event_id',
  taskByIdempotencyKey:
    'SELECT t.*, k.fingerprint AS idem_fingerprint FROM idempotency_keys k JOIN tasks t ON t.task_id = k.task_id WHERE k.user_id = ? AND k.idem_key = ?',
  idempotencyKey:
    'SELECT task_id, fingerprint FROM idempotency_keys WHERE user_id = ? AND idem_key = ?',
  migrationVersionsOrdered: 'SELECT version FROM schema_migrations ORDER BY version',
  migrationVersions: 'SELECT version FROM schema_migrations',
  attachSummary:
    'UPDATE graphs SET summary_json = ?, summary_s3_key = ?, updated_at = ? WHERE user_id = ? AND graph_s3_key = ?',
  rescheduleOutbox:
    'UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE task_id = ?',
  leaseOutbox: 'UPDATE outbox SET next_attempt_at = ? WHERE task_id = ?',
  claimEvent:
    'UPDATE task_events SET claimed_until = ? WHERE event_id = ? AND delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until <= ?)',
  releaseEvent: 'UPDATE task_events SET claimed_until = NULL WHERE event_id = ?',
  markEventDelivered:
    'UPDATE task_events SET delivered_at = ? WHERE event_id = ? AND delivered_at IS NULL',
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
