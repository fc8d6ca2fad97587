// Embedded SQLite store (Node's built-in node:sqlite, no native build): the default for the
// single-process stack and tests. Calls are synchronous, and each multi-record change runs inside
// one `BEGIN IMMEDIATE` transaction, which also serialises writers across processes sharing a file.

import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { TaskEvent } from '../../../core/domain/events.ts';
import type { Task } from '../../../core/domain/task.ts';
import type {
  ApplyInput,
  ApplyOutcome,
  CreateTaskResult,
  GraphRecord,
  NewTaskRecord,
  OutboxEntry,
  StalledTask,
  Store,
  StoredEvent,
  TaskCursor,
} from '../../../core/ports/store.ts';
import { type Clock, systemClock } from '../../../kernel/clock.ts';
import { pendingMigrations } from '../sql/migrations.ts';
import { SQL, tasksPage } from '../sql/queries.ts';
import {
  type Row,
  rowToEvent,
  rowToGraph,
  rowToOutbox,
  rowToStalled,
  rowToTask,
  TASK_COLUMNS,
  TASK_UPDATE_SET,
  taskToParams,
  taskUpdateParams,
} from '../sql/rows.ts';
import { SQLITE_MIGRATIONS } from './migrations.ts';

export interface SqliteStoreOptions {
  /** File path, or `:memory:`. */
  path: string;
  /** Stamps applied migrations; default the system clock. */
  clock?: Clock;
}

export class SqliteStore implements Store {
  readonly #db: DatabaseSync;
  readonly #clock: Clock;
  /** Prepared once per SQL text: preparing costs more than running these small statements. */
  readonly #statements = new Map<string, StatementSync>();

  constructor(options: SqliteStoreOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#db = new DatabaseSync(options.path);
    this.#db.exec('PRAGMA busy_timeout = 5000');
    this.#db.exec('PRAGMA foreign_keys = ON');
    if (options.path !== ':memory:') {
      this.#db.exec('PRAGMA journal_mode = WAL');
      // With WAL, NORMAL syncs at checkpoints instead of on every commit: a commit stays atomic
      // and the file consistent after a crash; only the last commits before a power loss (not a
      // process crash) may be rolled back. Calls are synchronous, so a per-commit fsync would
      // stall the whole single-process stack.
      this.#db.exec('PRAGMA synchronous = NORMAL');
    }
    this.#migrate();
  }

  #migrate(): void {
    this.#db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
    );
    const applied = this.#all('SELECT version FROM schema_migrations').map((r) =>
      Number(r.version),
    );
    for (const migration of pendingMigrations(SQLITE_MIGRATIONS, applied)) {
      this.#tx(() => {
        for (const sql of migration.statements) this.#db.exec(sql);
        this.#run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
          migration.version,
          migration.name,
          this.#clock.now(),
        ]);
      });
    }
  }

  /** Applied schema versions, for tests and diagnostics. */
  schemaVersions(): number[] {
    return this.#all('SELECT version FROM schema_migrations ORDER BY version').map((r) =>
      Number(r.version),
    );
  }

  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #all(sql: string, params: SQLInputValue[] = []): Row[] {
    return this.#prepare(sql).all(...params) as Row[];
  }

  #get(sql: string, params: SQLInputValue[] = []): Row | undefined {
    return this.#prepare(sql).get(...params) as Row | undefined;
  }

  #run(sql: string, params: SQLInputValue[] = []): number {
    return Number(this.#prepare(sql).run(...params).changes);
  }

  #tx<T>(fn: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  #taskById(taskId: string): Task | null {
    const row = this.#get('SELECT * FROM tasks WHERE task_id = ?', [taskId]);
    return row ? rowToTask(row) : null;
  }

  async createTask(record: NewTaskRecord): Promise<CreateTaskResult> {
    const { task, idempotency } = record;
    return this.#tx((): CreateTaskResult => {
      if (idempotency) {
        const found = this.#get(
          'SELECT task_id, fingerprint FROM idempotency_keys WHERE user_id = ? AND idem_key = ?',
          [task.userId, idempotency.key],
        );
        if (found) {
          const existing = this.#taskById(String(found.task_id));
          if (!existing) throw new Error(`idempotency key points at missing task ${found.task_id}`);
          return found.fingerprint === idempotency.fingerprint
            ? { kind: 'existing', task: existing }
            : { kind: 'key-conflict', task: existing };
        }
        this.#run(
          'INSERT INTO idempotency_keys (user_id, idem_key, fingerprint, task_id, created_at) VALUES (?, ?, ?, ?, ?)',
          [task.userId, idempotency.key, idempotency.fingerprint, task.taskId, task.createdAt],
        );
      }
      this.#run(
        `INSERT INTO tasks (${TASK_COLUMNS.join(', ')}) VALUES (${TASK_COLUMNS.map(() => '?').join(', ')})`,
        taskToParams(task),
      );
      this.#run(
        'INSERT INTO outbox (task_id, body, attempts, next_attempt_at, last_error) VALUES (?, ?, 0, ?, NULL)',
        [task.taskId, record.requestBody, record.outboxAvailableAt],
      );
      this.#run(SQL.insertDispatch, [task.taskId, record.requestBody, task.createdAt]);
      return { kind: 'created', task };
    });
  }

  async findByIdempotencyKey(
    userId: string,
    key: string,
  ): Promise<{ task: Task; fingerprint: string } | null> {
    const row = this.#get(
      'SELECT t.*, k.fingerprint AS idem_fingerprint FROM idempotency_keys k JOIN tasks t ON t.task_id = k.task_id WHERE k.user_id = ? AND k.idem_key = ?',
      [userId, key],
    );
    return row ? { task: rowToTask(row), fingerprint: String(row.idem_fingerprint) } : null;
  }

  async getTask(taskId: string): Promise<Task | null> {
    return this.#taskById(taskId);
  }

  async listTasks(userId: string, limit: number, after?: TaskCursor): Promise<Task[]> {
    const page = tasksPage(userId, limit, after);
    return this.#all(page.sql, page.params).map(rowToTask);
  }

  async stalledTasks(before: number, limit: number): Promise<StalledTask[]> {
    return this.#all(SQL.stalledTasks, [before, before, limit]).map(rowToStalled);
  }

  async redispatch(taskId: string, now: number): Promise<boolean> {
    return this.#tx(() => {
      const inserted = this.#run(SQL.requeueRequest, [now, taskId]);
      if (inserted === 0) return false;
      this.#run(SQL.countRedispatch, [now, taskId]);
      return true;
    });
  }

  async claimOutbox(now: number, limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    return this.#tx(() => {
      const due = this.#all(
        'SELECT * FROM outbox WHERE next_attempt_at <= ? ORDER BY next_attempt_at, task_id LIMIT ?',
        [now, limit],
      ).map(rowToOutbox);
      for (const entry of due) {
        this.#run('UPDATE outbox SET next_attempt_at = ? WHERE task_id = ?', [
          now + leaseMs,
          entry.taskId,
        ]);
      }
      return due;
    });
  }

  async markOutboxSent(taskId: string): Promise<void> {
    this.#run('DELETE FROM outbox WHERE task_id = ?', [taskId]);
  }

  async rescheduleOutbox(
    taskId: string,
    attempts: number,
    nextAttemptAt: number,
    error: string,
  ): Promise<void> {
    this.#run(
      'UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE task_id = ?',
      [attempts, nextAttemptAt, error, taskId],
    );
  }

  async applyEffect(input: ApplyInput): Promise<ApplyOutcome> {
    const { inbox } = input;
    return this.#tx((): ApplyOutcome => {
      if (inbox) {
        const seen = this.#get(
          'SELECT 1 AS seen FROM inbox WHERE task_id = ? AND message_type = ? AND discriminator = ?',
          [inbox.taskId, inbox.messageType, inbox.discriminator],
        );
        if (seen) return { kind: 'duplicate' };
      }
      const effect = input.decide(this.#taskById(input.taskId));
      if (effect.kind === 'reject') return { kind: 'rejected', reason: effect.reason };
      if (inbox) {
        this.#run(
          'INSERT INTO inbox (task_id, message_type, discriminator, processed_at) VALUES (?, ?, ?, ?)',
          [inbox.taskId, inbox.messageType, inbox.discriminator, input.now],
        );
      }
      if (effect.kind === 'ignore') return { kind: 'ignored', reason: effect.reason };
      const { task } = effect;
      this.#run(`UPDATE tasks SET ${TASK_UPDATE_SET} WHERE task_id = ?`, taskUpdateParams(task));
      if (effect.graph) {
        this.#run(
          `INSERT INTO graphs (user_id, task_id, graph_json, graph_s3_key, summary_json, summary_s3_key, updated_at)
           VALUES (?, ?, ?, ?, NULL, NULL, ?)
           ON CONFLICT (user_id) DO UPDATE SET task_id = excluded.task_id, graph_json = excluded.graph_json,
             graph_s3_key = excluded.graph_s3_key, summary_json = NULL, summary_s3_key = NULL,
             updated_at = excluded.updated_at`,
          [task.userId, task.taskId, effect.graph.graphJson, effect.graph.graphS3Key, input.now],
        );
      }
      if (effect.summary) {
        this.#run(
          'UPDATE graphs SET summary_json = ?, summary_s3_key = ?, updated_at = ? WHERE user_id = ? AND graph_s3_key = ?',
          [
            effect.summary.summaryJson,
            effect.summary.summaryS3Key,
            input.now,
            task.userId,
            effect.summary.graphS3Key,
          ],
        );
      }
      if (effect.event) {
        this.#run(
          'INSERT INTO task_events (event_id, task_id, user_id, payload, created_at, delivered_at) VALUES (?, ?, ?, ?, ?, NULL)',
          [effect.event.eventId, task.taskId, task.userId, JSON.stringify(effect.event), input.now],
        );
      }
      if (effect.clearOutbox) this.#run('DELETE FROM outbox WHERE task_id = ?', [task.taskId]);
      return { kind: 'applied', task };
    });
  }

  async undeliveredEvents(taskId: string): Promise<TaskEvent[]> {
    return this.#all(
      'SELECT payload FROM task_events WHERE task_id = ? AND delivered_at IS NULL ORDER BY created_at, event_id',
      [taskId],
    ).map(rowToEvent);
  }

  async claimEvent(eventId: string, now: number, leaseMs: number): Promise<boolean> {
    return (
      this.#run(
        'UPDATE task_events SET claimed_until = ? WHERE event_id = ? AND delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until <= ?)',
        [now + leaseMs, eventId, now],
      ) === 1
    );
  }

  async releaseEvent(eventId: string): Promise<void> {
    this.#run('UPDATE task_events SET claimed_until = NULL WHERE event_id = ?', [eventId]);
  }

  async markEventDelivered(eventId: string, now: number): Promise<void> {
    this.#run(
      'UPDATE task_events SET delivered_at = ? WHERE event_id = ? AND delivered_at IS NULL',
      [now, eventId],
    );
  }

  async staleEvents(createdBefore: number, limit: number): Promise<TaskEvent[]> {
    return this.#all(
      'SELECT payload FROM task_events WHERE delivered_at IS NULL AND created_at < ? ORDER BY created_at, event_id LIMIT ?',
      [createdBefore, limit],
    ).map(rowToEvent);
  }

  async eventsAfter(userId: string, afterEventId: string, limit: number): Promise<TaskEvent[]> {
    return this.#all(
      'SELECT payload FROM task_events WHERE user_id = ? AND event_id > ? ORDER BY event_id LIMIT ?',
      [userId, afterEventId, limit],
    ).map(rowToEvent);
  }

  async listEvents(taskId: string): Promise<StoredEvent[]> {
    return this.#all(
      'SELECT payload, delivered_at FROM task_events WHERE task_id = ? ORDER BY created_at, event_id',
      [taskId],
    ).map((row) => ({
      event: rowToEvent(row),
      deliveredAt: row.delivered_at === null ? null : Number(row.delivered_at),
    }));
  }

  async getGraph(userId: string): Promise<GraphRecord | null> {
    const row = this.#get('SELECT * FROM graphs WHERE user_id = ?', [userId]);
    return row ? rowToGraph(row) : null;
  }

  async ping(): Promise<void> {
    this.#get('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}
