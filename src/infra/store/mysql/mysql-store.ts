// MySQL / MariaDB store over mysql2. Multi-record changes run in one InnoDB transaction; the task
// row is locked (`SELECT … FOR UPDATE`) before the inbox check so two workers racing on copies of
// one message serialise, and the inbox primary key is the last line of defence.

import mysql, {
  type Pool,
  type PoolConnection,
  type ResultSetHeader,
  type RowDataPacket,
} from 'mysql2/promise';
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
import { MYSQL_MIGRATIONS } from './migrations.ts';

type Param = string | number | null;
type Queryable = Pool | PoolConnection;

async function rows(db: Queryable, sql: string, params: Param[] = []): Promise<Row[]> {
  const [result] = await db.query<RowDataPacket[]>(sql, params);
  return result;
}

async function exec(db: Queryable, sql: string, params: Param[] = []): Promise<void> {
  await db.query(sql, params);
}

function isDuplicateKey(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && 'code' in error && error.code === 'ER_DUP_ENTRY'
  );
}

class DuplicateMessage extends Error {}

function isDeadlock(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error.code === 'ER_LOCK_DEADLOCK' || error.code === 'ER_LOCK_WAIT_TIMEOUT')
  );
}

export interface MysqlStoreOptions extends WriteFaultOptions {
  /** Stamps applied migrations; default the system clock. */
  clock?: Clock;
}

export class MysqlStore implements Store {
  readonly #pool: Pool;
  readonly #clock: Clock;
  readonly #beforeWrite: BeforeWrite;

  private constructor(pool: Pool, options: MysqlStoreOptions) {
    this.#pool = pool;
    this.#clock = options.clock ?? systemClock;
    this.#beforeWrite = options.beforeWrite ?? (() => {});
  }

  /** Connects and applies pending migrations. */
  static async connect(url: string, options: MysqlStoreOptions = {}): Promise<MysqlStore> {
    const pool = mysql.createPool({ uri: url, connectionLimit: 10, supportBigNumbers: true });
    const store = new MysqlStore(pool, options);
    try {
      await store.#migrate();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  async #migrate(): Promise<void> {
    await exec(
      this.#pool,
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INT NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL, applied_at BIGINT NOT NULL) ENGINE=InnoDB',
    );
    // A named lock keeps two processes starting at once from running the same migration.
    const conn = await this.#pool.getConnection();
    try {
      await exec(conn, "SELECT GET_LOCK('graphnode_schema_migrations', 30)");
      const applied = (await rows(conn, SQL.migrationVersions)).map((r) => Number(r.version));
      for (const migration of pendingMigrations(MYSQL_MIGRATIONS, applied)) {
        // MySQL DDL commits implicitly, so each statement stands alone; the version row is
        // written last, after every statement succeeded.
        for (const sql of migration.statements) await exec(conn, sql);
        await exec(conn, SQL.insertMigration, [
          migration.version,
          migration.name,
          this.#clock.now(),
        ]);
      }
    } finally {
      await exec(conn, "SELECT RELEASE_LOCK('graphnode_schema_migrations')").catch(() => {});
      conn.release();
    }
  }

  async schemaVersions(): Promise<number[]> {
    return (await rows(this.#pool, SQL.migrationVersionsOrdered)).map((r) => Number(r.version));
  }

  /** Runs `fn` in a transaction; InnoDB may pick it as a deadlock victim, so it retries a few times. */
  async #tx<T>(fn: (conn: PoolConnection) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const conn = await this.#pool.getConnection();
      try {
        await conn.beginTransaction();
        try {
          const result = await fn(conn);
          await conn.commit();
          return result;
        } catch (error) {
          await conn.rollback();
          throw error;
        }
      } catch (error) {
        if (attempt < 4 && isDeadlock(error)) continue;
        throw error;
      } finally {
        conn.release();
      }
    }
  }

  async #taskById(db: Queryable, taskId: string, lock = false): Promise<Task | null> {
    const [row] = await rows(
      db,
      `SELECT * FROM tasks WHERE task_id = ?${lock ? ' FOR UPDATE' : ''}`,
      [taskId],
    );
    return row ? rowToTask(row) : null;
  }

  async createTask(record: NewTaskRecord): Promise<CreateTaskResult> {
    const { task, idempotency } = record;
    try {
      return await this.#tx(async (conn): Promise<CreateTaskResult> => {
        if (idempotency) {
          // Insert first instead of select-then-insert: a racing second request blocks on the
          // first one's key and then fails with a duplicate, answered below with the winner.
          this.#beforeWrite('idempotency-key');
          await exec(conn, SQL.insertIdempotencyKey, [
            task.userId,
            idempotency.key,
            idempotency.fingerprint,
            task.taskId,
            task.createdAt,
          ]);
        }
        this.#beforeWrite('task');
        await exec(
          conn,
          `INSERT INTO tasks (${TASK_COLUMNS.join(', ')}) VALUES (${TASK_COLUMNS.map(() => '?').join(', ')})`,
          taskToParams(task),
        );
        this.#beforeWrite('outbox');
        await exec(conn, SQL.insertOutbox, [
          task.taskId,
          record.requestBody,
          record.outboxAvailableAt,
        ]);
        await exec(conn, SQL.insertDispatch, [task.taskId, record.requestBody, task.createdAt]);
        return { kind: 'created', task };
      });
    } catch (error) {
      // The key exists (a retry, or two requests raced): answer with the task it points at.
      if (idempotency && isDuplicateKey(error)) {
        const [found] = await rows(this.#pool, SQL.idempotencyKey, [task.userId, idempotency.key]);
        if (found) return this.#existing(this.#pool, found, idempotency.fingerprint);
      }
      throw error;
    }
  }

  async #existing(db: Queryable, found: Row, fingerprint: string): Promise<CreateTaskResult> {
    const existing = await this.#taskById(db, String(found.task_id));
    if (!existing) throw new Error(`idempotency key points at missing task ${found.task_id}`);
    return found.fingerprint === fingerprint
      ? { kind: 'existing', task: existing }
      : { kind: 'key-conflict', task: existing };
  }

  async findByIdempotencyKey(
    userId: string,
    key: string,
  ): Promise<{ task: Task; fingerprint: string } | null> {
    const [row] = await rows(this.#pool, SQL.taskByIdempotencyKey, [userId, key]);
    return row ? { task: rowToTask(row), fingerprint: String(row.idem_fingerprint) } : null;
  }

  async getTask(taskId: string): Promise<Task | null> {
    return this.#taskById(this.#pool, taskId);
  }

  async listTasks(userId: string, limit: number, after?: TaskCursor): Promise<Task[]> {
    const page = tasksPage(userId, limit, after);
    return (await rows(this.#pool, page.sql, page.params)).map(rowToTask);
  }

  async stalledTasks(before: number, limit: number): Promise<StalledTask[]> {
    return (await rows(this.#pool, SQL.stalledTasks, [before, before, limit])).map(rowToStalled);
  }

  async redispatch(taskId: string, now: number): Promise<boolean> {
    return this.#tx(async (conn) => {
      const [result] = await conn.query<ResultSetHeader>(SQL.requeueRequest, [now, taskId]);
      if (result.affectedRows === 0) return false;
      await exec(conn, SQL.countRedispatch, [now, taskId]);
      return true;
    });
  }

  async claimOutbox(now: number, limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    return this.#tx(async (conn) => {
      const due = (
        await rows(
          conn,
          'SELECT * FROM outbox WHERE next_attempt_at <= ? ORDER BY next_attempt_at, task_id LIMIT ? FOR UPDATE SKIP LOCKED',
          [now, limit],
        )
      ).map(rowToOutbox);
      for (const entry of due) {
        await exec(conn, SQL.leaseOutbox, [now + leaseMs, entry.taskId]);
      }
      return due;
    });
  }

  async markOutboxSent(taskId: string): Promise<void> {
    await exec(this.#pool, SQL.deleteOutbox, [taskId]);
  }

  async rescheduleOutbox(
    taskId: string,
    attempts: number,
    nextAttemptAt: number,
    error: string,
  ): Promise<void> {
    await exec(this.#pool, SQL.rescheduleOutbox, [attempts, nextAttemptAt, error, taskId]);
  }

  async applyEffect(input: ApplyInput): Promise<ApplyOutcome> {
    const { inbox } = input;
    try {
      return await this.#tx(async (conn): Promise<ApplyOutcome> => {
        const current = await this.#taskById(conn, input.taskId, true);
        if (inbox) {
          const [seen] = await rows(conn, SQL.inboxSeen, [
            inbox.taskId,
            inbox.messageType,
            inbox.discriminator,
          ]);
          if (seen) return { kind: 'duplicate' };
        }
        const effect = input.decide(current);
        if (effect.kind === 'reject') return { kind: 'rejected', reason: effect.reason };
        if (inbox) {
          this.#beforeWrite('inbox');
          try {
            await exec(conn, SQL.insertInbox, [
              inbox.taskId,
              inbox.messageType,
              inbox.discriminator,
              input.now,
            ]);
          } catch (error) {
            // A copy committed between our check and this insert (only possible when the task is
            // unknown, so nothing was locked): it was applied once, which is what a duplicate means.
            if (isDuplicateKey(error)) throw new DuplicateMessage();
            throw error;
          }
        }
        if (effect.kind === 'ignore') return { kind: 'ignored', reason: effect.reason };
        const { task } = effect;
        this.#beforeWrite('task');
        await exec(
          conn,
          `UPDATE tasks SET ${TASK_UPDATE_SET} WHERE task_id = ?`,
          taskUpdateParams(task),
        );
        if (effect.graph) {
          this.#beforeWrite('graph');
          await exec(
            conn,
            `INSERT INTO graphs (user_id, task_id, graph_json, graph_s3_key, summary_json, summary_s3_key, updated_at)
             VALUES (?, ?, ?, ?, NULL, NULL, ?)
             ON DUPLICATE KEY UPDATE task_id = VALUES(task_id), graph_json = VALUES(graph_json),
               graph_s3_key = VALUES(graph_s3_key), summary_json = NULL, summary_s3_key = NULL,
               updated_at = VALUES(updated_at)`,
            [task.userId, task.taskId, effect.graph.graphJson, effect.graph.graphS3Key, input.now],
          );
        }
        if (effect.summary) {
          this.#beforeWrite('summary');
          await exec(conn, SQL.attachSummary, [
            effect.summary.summaryJson,
            effect.summary.summaryS3Key,
            input.now,
            task.userId,
            effect.summary.graphS3Key,
          ]);
        }
        if (effect.event) {
          this.#beforeWrite('event');
          await exec(conn, SQL.insertEvent, [
            effect.event.eventId,
            task.taskId,
            task.userId,
            JSON.stringify(effect.event),
            input.now,
          ]);
        }
        if (effect.clearOutbox) {
          this.#beforeWrite('outbox');
          await exec(conn, SQL.deleteOutbox, [task.taskId]);
        }
        return { kind: 'applied', task };
      });
    } catch (error) {
      if (error instanceof DuplicateMessage) return { kind: 'duplicate' };
      throw error;
    }
  }

  async undeliveredEvents(taskId: string): Promise<TaskEvent[]> {
    return (await rows(this.#pool, SQL.undeliveredEventsOfTask, [taskId])).map(rowToEvent);
  }

  async claimEvent(eventId: string, now: number, leaseMs: number): Promise<boolean> {
    // A single guarded UPDATE: InnoDB row locking lets exactly one of several racing claims match.
    const [result] = await this.#pool.query<ResultSetHeader>(SQL.claimEvent, [
      now + leaseMs,
      eventId,
      now,
    ]);
    return result.affectedRows === 1;
  }

  async releaseEvent(eventId: string): Promise<void> {
    await exec(this.#pool, SQL.releaseEvent, [eventId]);
  }

  async markEventDelivered(eventId: string, now: number): Promise<void> {
    await exec(this.#pool, SQL.markEventDelivered, [now, eventId]);
  }

  async staleEvents(createdBefore: number, limit: number): Promise<TaskEvent[]> {
    return (await rows(this.#pool, SQL.undeliveredEventsBefore, [createdBefore, limit])).map(
      rowToEvent,
    );
  }

  async eventsAfter(userId: string, afterEventId: string, limit: number): Promise<TaskEvent[]> {
    return (await rows(this.#pool, SQL.eventsOfUserAfter, [userId, afterEventId, limit])).map(
      rowToEvent,
    );
  }

  async listEvents(taskId: string): Promise<StoredEvent[]> {
    return (await rows(this.#pool, SQL.eventsOfTask, [taskId])).map((row) => ({
      event: rowToEvent(row),
      deliveredAt: row.delivered_at === null ? null : Number(row.delivered_at),
    }));
  }

  async getGraph(userId: string): Promise<GraphRecord | null> {
    const [row] = await rows(this.#pool, SQL.graphOfUser, [userId]);
    return row ? rowToGraph(row) : null;
  }

  async ping(): Promise<void> {
    await exec(this.#pool, SQL.ping);
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
