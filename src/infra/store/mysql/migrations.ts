// MySQL / MariaDB schema, version by version (same versions as the SQLite list).

import type { Migration } from '../sql/migrations.ts';

export const MYSQL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tasks, outbox, idempotency keys, inbox, events, graphs',
    statements: [
      `CREATE TABLE tasks (
        task_id VARCHAR(128) NOT NULL PRIMARY KEY, user_id VARCHAR(64) NOT NULL,
        kind VARCHAR(32) NOT NULL, status VARCHAR(16) NOT NULL,
        progress_percent INT NOT NULL, current_stage VARCHAR(255) NULL, eta_seconds DOUBLE NULL,
        error_code VARCHAR(64) NULL, error_message TEXT NULL, result_s3_key VARCHAR(1024) NULL,
        input_s3_key VARCHAR(1024) NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
        completed_at BIGINT NULL, INDEX tasks_by_user (user_id, created_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
      `CREATE TABLE outbox (
        task_id VARCHAR(128) NOT NULL PRIMARY KEY, body MEDIUMTEXT NOT NULL, attempts INT NOT NULL,
        next_attempt_at BIGINT NOT NULL, last_error TEXT NULL, INDEX outbox_due (next_attempt_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
      `CREATE TABLE idempotency_keys (
        user_id VARCHAR(64) NOT NULL, idem_key VARCHAR(255) NOT NULL,
        fingerprint VARCHAR(128) NOT NULL, task_id VARCHAR(128) NOT NULL,
        created_at BIGINT NOT NULL, PRIMARY KEY (user_id, idem_key)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
      `CREATE TABLE inbox (
        task_id VARCHAR(128) NOT NULL, message_type VARCHAR(64) NOT NULL,
        discriminator VARCHAR(255) NOT NULL, processed_at BIGINT NOT NULL,
        PRIMARY KEY (task_id, message_type, discriminator)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
      `CREATE TABLE task_events (
        event_id VARCHAR(64) NOT NULL PRIMARY KEY, task_id VARCHAR(128) NOT NULL,
        user_id VARCHAR(64) NOT NULL, payload TEXT NOT NULL, created_at BIGINT NOT NULL,
        delivered_at BIGINT NULL, INDEX task_events_by_task (task_id, created_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
      `CREATE TABLE graphs (
        user_id VARCHAR(64) NOT NULL PRIMARY KEY, task_id VARCHAR(128) NOT NULL,
        graph_json LONGTEXT NOT NULL, graph_s3_key VARCHAR(1024) NOT NULL,
        summary_json LONGTEXT NULL, summary_s3_key VARCHAR(1024) NULL, updated_at BIGINT NOT NULL
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
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
    statements: ['ALTER TABLE tasks MODIFY progress_percent DOUBLE NOT NULL'],
  },
  {
    version: 5,
    name: 'publish claims on events, so concurrent deliverers publish each event once',
    statements: ['ALTER TABLE task_events ADD COLUMN claimed_until BIGINT NULL'],
  },
  {
    version: 6,
    name: 'each task keeps its request, so a stalled task can be dispatched again',
    statements: [
      `CREATE TABLE dispatches (
        task_id VARCHAR(128) NOT NULL PRIMARY KEY, body MEDIUMTEXT NOT NULL,
        redispatches INT NOT NULL, dispatched_at BIGINT NOT NULL
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
      'CREATE INDEX tasks_by_status ON tasks (status, updated_at)',
    ],
  },
  {
    version: 7,
    name: "the AI server's timestamp of the applied progress, to order stages without a number",
    statements: ['ALTER TABLE tasks ADD COLUMN progress_at BIGINT NULL'],
  },
];
