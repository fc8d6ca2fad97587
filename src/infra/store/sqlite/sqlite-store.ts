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
import type { BeforeWrite, WriteFaultOptions } from '../write-faults.ts';
import { SQLITE_MIGRATIONS } from './migrations.ts';

export interface SqliteStoreOptions extends WriteFaultOptions {
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
  readonly #beforeWrite: BeforeWrite;

  constructor(options: SqliteStoreOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#beforeWrite = options.beforeWrite ?? (() => {});
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
    const applied = this.#all(SQL.migrationVersions).map((r) => Number(r.version));
    for (const migration of pendingMigrations(SQLITE_MIGRATIONS, applied)) {
      this.#tx(() => {
        for (const sql of migration.statements) this.#db.exec(sql);
        this.#run(SQL.insertMigration, [migration.version, migration.name, this.#clock.now()]);
      });
    }
  }

  /** Applied schema versions, for tests and diagnostics. */
  schemaVersions(): number[] {
    return this.#all(SQL.migrationVersionsOrdered).map((r) => Number(r.version));
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
        const found = this.#get(SQL.idempotencyKey, [task.userId, idempotency.key]);
        if (found) {
          const existing = this.#taskById(String(found.task_id));
          if (!existing) throw new Error(`idempotency key points at missing task ${found.task_id}`);
          return found.fingerprint === idempotency.fingerprint
            ? { kind: 'existing', task: existing }
            : { kind: 'key-conflict', task: existing };
        }
        this.#beforeWrite('idempotency-key');
        this.#run(SQL.insertIdempotencyKey, [
          task.userId,
          idempotency.key,
          idempotency.fingerprint,
          task.taskId,
          task.createdAt,
        ]);
      }
      this.#beforeWrite('task');
      this.#run(
        `INSERT INTO tasks (${TASK_COLUMNS.join(', ')}) VALUES (${TASK_COLUMNS.map(() => '?').join(', ')})`,
        taskToParams(task),
      );
      this.#beforeWrite('outbox');
      this.#run(SQL.insertOutbox, [task.taskId, record.requestBody, record.outboxAvailableAt]);
      this.#run(SQL.insertDispatch, [task.taskId, record.requestBody, task.createdAt]);
      return { kind: 'created', task };
    });
  }

  async findByIdempotencyKey(
    userId: string,
    key: string,
  ): Promise<{ task: Task; fingerprint: string } | null> {
    const row = this.#get(SQL.taskByIdempotencyKey, [userId, key]);
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
        this.#run(SQL.leaseOutbox, [now + leaseMs, entry.taskId]);
      }
      return due;
    });
  }

  async markOutboxSent(taskId: string): Promise<void> {
    this.#run(SQL.deleteOutbox, [taskId]);
  }

  async rescheduleOutbox(
    taskId: string,
    attempts: number,
    nextAttemptAt: number,
    error: string,
  ): Promise<void> {
    this.#run(SQL.rescheduleOutbox, [attempts, nextAttemptAt, error, taskId]);
  }

  async applyEffect(input: ApplyInput): Promise<ApplyOutcome> {
    const { inbox } = input;
    return this.#tx((): ApplyOutcome => {
      if (inbox) {
        const seen = this.#get(SQL.inboxSeen, [
          inbox.taskId,
          inbox.messageType,
          inbox.discriminator,
        ]);
        if (seen) return { kind: 'duplicate' };
      }
      const effect = input.decide(this.#taskById(input.taskId));
      if (effect.kind === 'reject') return { kind: 'rejected', reason: effect.reason };
      if (inbox) {
        this.#beforeWrite('inbox');
        this.#run(SQL.insertInbox, [
          inbox.taskId,
          inbox.messageType,
          inbox.discriminator,
          input.now,
        ]);
      }
      if (effect.kind === 'ignore') return { kind: 'ignored', reason: effect.reason };
      const { task } = effect;
      this.#beforeWrite('task');
      this.#run(`UPDATE tasks SET ${TASK_UPDATE_SET} WHERE task_id = ?`, taskUpdateParams(task));
      if (effect.graph) {
        this.#beforeWrite('graph');
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
        this.#beforeWrite('summary');
        this.#run(SQL.attachSummary, [
          effect.summary.summaryJson,
          effect.summary.summaryS3Key,
          input.now,
          task.userId,
          effect.summary.graphS3Key,
        ]);
      }
      if (effect.event) {
        this.#beforeWrite('event');
        this.#run(SQL.insertEvent, [
          effect.event.eventId,
          task.taskId,
          task.userId,
          JSON.stringify(effect.event),
          input.now,
        ]);
      }
      if (effect.clearOutbox) {
        this.#beforeWrite('outbox');
        this.#run(SQL.deleteOutbox, [task.taskId]);
      }
      return { kind: 'applied', task };
    });
  }

  async undeliveredEvents(taskId: string): Promise<TaskEvent[]> {
    return this.#all(SQL.undeliveredEventsOfTask, [taskId]).map(rowToEvent);
  }

  async claimEvent(eventId: string, now: number, leaseMs: number): Promise<boolean> {
    return this.#run(SQL.claimEvent, [now + leaseMs, eventId, now]) === 1;
  }

  async releaseEvent(eventId: string): Promise<void> {
    this.#run(SQL.releaseEvent, [eventId]);
  }

  async markEventDelivered(eventId: string, now: number): Promise<void> {
    this.#run(SQL.markEventDelivered, [now, eventId]);
  }

  async staleEvents(createdBefore: number, limit: number): Promise<TaskEvent[]> {
    return this.#all(SQL.undeliveredEventsBefore, [createdBefore, limit]).map(rowToEvent);
  }

  async eventsAfter(userId: string, afterEventId: string, limit: number): Promise<TaskEvent[]> {
    return this.#all(SQL.eventsOfUserAfter, [userId, afterEventId, limit]).map(rowToEvent);
  }

  async listEvents(taskId: string): Promise<StoredEvent[]> {
    return this.#all(SQL.eventsOfTask, [taskId]).map((row) => ({
      event: rowToEvent(row),
      deliveredAt: row.delivered_at === null ? null : Number(row.delivered_at),
    }));
  }

  async getGraph(userId: string): Promise<GraphRecord | null> {
    const row = this.#get(SQL.graphOfUser, [userId]);
    return row ? rowToGraph(row) : null;
  }

  async ping(): Promise<void> {
    this.#get(SQL.ping);
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}
