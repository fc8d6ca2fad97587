// SQLite schema, version by version.

import type { Migration } from '../sql/migrations.ts';

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tasks, outbox, idempotency keys, inbox, events, graphs',
    statements: [
      `CREATE TABLE tasks (
        task_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,
        progress_percent INTEGER NOT NULL, current_stage TEXT, eta_seconds REAL,
        error_code TEXT, error_message TEXT, result_s3_key TEXT, input_s3_key TEXT NOT NULL,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, completed_at INTEGER)`,
      'CREATE INDEX tasks_by_user ON tasks (user_id, created_at)',
      `CREATE TABLE outbox (
        task_id TEXT PRIMARY KEY, body TEXT NOT NULL, attempts INTEGER NOT NULL,
        next_attempt_at INTEGER NOT NULL, last_error TEXT)`,
      'CREATE INDEX outbox_due ON outbox (next_attempt_at)',
      `CREATE TABLE idempotency_keys (
        user_id TEXT NOT NULL, idem_key TEXT NOT NULL, fingerprint TEXT NOT NULL,
        task_id TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (user_id, idem_key))`,
      `CREATE TABLE inbox (
        task_id TEXT NOT NULL, message_type TEXT NOT NULL, discriminator TEXT NOT NULL,
        processed_at INTEGER NOT NULL, PRIMARY KEY (task_id, message_type, discriminator))`,
      `CREATE TABLE task_events (
        event_id TEXT PRIMARY KEY, task_id TEXT NOT NULL, user_id TEXT NOT NULL,
        payload TEXT NOT NULL, created_at INTEGER NOT NULL, delivered_at INTEGER)`,
      'CREATE INDEX task_events_by_task ON task_events (task_id, created_at)',
      `CREATE TABLE graphs (
        user_id TEXT PRIMARY KEY, task_id TEXT NOT NULL, graph_json TEXT NOT NULL,
        graph_s3_key TEXT NOT NULL, summary_json TEXT, summary_s3_key TEXT,
        updated_at INTEGER NOT NULL)`,
    ],
  },
  {
    version: 2,
    name: 'index for the undelivered-event sweep',
    statements: ['CREATE INDEX task_events_undelivered ON task_events (delivered_at, created_at)'],
  },
  {
    version: 3,
    name: "index for replaying a user's events to a reconnecting stream",
    statements: ['CREATE INDEX task_events_by_user ON task_events (user_id, event_id)'],
  },
  {
    version: 4,
    name: 'progress percentages keep their fraction',
    // SQLite already keeps the fraction (column affinity stores 33.5 as REAL); the version is
    // recorded so both adapters stay on the same schema numbering.
    statements: [],
  },
  {
    version: 5,
    name: 'publish claims on events, so concurrent deliverers publish each event once',
    statements: ['ALTER TABLE task_events ADD COLUMN claimed_until INTEGER'],
  },
  {
    version: 6,
    name: 'each task keeps its request, so a stalled task can be dispatched again',
    statements: [
      `CREATE TABLE dispatches (
        task_id TEXT PRIMARY KEY, body TEXT NOT NULL, redispatches INTEGER NOT NULL,
        dispatched_at INTEGER NOT NULL)`,
      'CREATE INDEX tasks_by_status ON tasks (status, updated_at)',
    ],
  },
  {
    version: 7,
    name: "the AI server's timestamp of the applied progress, to order stages without a number",
    statements: ['ALTER TABLE tasks ADD COLUMN progress_at INTEGER'],
  },
];
