// MongoDB store over the official driver, without multi-document transactions: standalone servers
// and MongoDB-compatible servers have none, and one code path is what runs everywhere. Each
// change is a fixed sequence of individually atomic, idempotent writes, ordered so that a crash
// after any of them is finished — exactly once — by whoever touches the record next:
//   applyEffect  1. task: one conditional update on the task's revision sets the new state, adds
//                   the message's inbox key, drops the outbox entry if asked, and records the rest
//                   of the effect as `pending` (this write is the commit point)
//                2. graph   (upsert keyed by user; skipped if this effect already wrote it)
//                3. summary (conditional on the graph it describes; same values when repeated)
//                4. event   (insert keyed by its id; an existing copy is this effect's)
//                5. settle  (unset `pending` on the task)
//   createTask with an idempotency key: 1. key (holding the whole task)  2. task  3. settle key
// A reader meeting `pending` on a task, or on an idempotency key, runs the remaining steps first.

import { randomUUID } from 'node:crypto';
import {
  type Collection,
  type Db,
  MongoClient,
  MongoServerError,
  MongoServerSelectionError,
} from 'mongodb';
import type { TaskEvent } from '../../../core/domain/events.ts';
import type { Task } from '../../../core/domain/task.ts';
import type {
  ApplyInput,
  ApplyOutcome,
  CreateTaskResult,
  Effect,
  GraphRecord,
  NewTaskRecord,
  OutboxEntry,
  Store,
  StoredEvent,
} from '../../../core/ports/store.ts';
import type { BeforeWrite, WriteFaultOptions } from '../write-faults.ts';
import {
  COLLECTIONS,
  DOC_VERSION,
  docToEvent,
  docToGraph,
  docToOutbox,
  docToTask,
  type EventDoc,
  type GraphDoc,
  type IdempotencyDoc,
  inboxKey,
  newTaskDoc,
  type PendingEffect,
  type TaskDoc,
  taskFields,
} from './documents.ts';
import { migrate } from './schema.ts';

/** How often applyEffect re-reads a task that another writer changed under it before giving up. */
const MAX_APPLY_ATTEMPTS = 50;
/** How many half-applied effects one stale-event sweep finishes. */
const SWEEP_PENDING_LIMIT = 100;

function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

/** The database named in the URL's path, or `graphnode`. */
function databaseName(url: string): string {
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(url)?.[1] ?? '';
  return path === '' ? 'graphnode' : decodeURIComponent(path);
}

/** A connection failure restated with what the operator has to check. */
function connectError(error: unknown, client: MongoClient): Error {
  const hosts = client.options.hosts.map((h) => h.toString()).join(',');
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof MongoServerError && (error.code === 18 || /auth/i.test(reason))) {
    const user = client.options.credentials?.username ?? '(none)';
    return new Error(
      `MongoDB at ${hosts} rejected the credentials in DATABASE_URL (user "${user}"): ${reason}`,
      { cause: error },
    );
  }
  if (error instanceof MongoServerSelectionError) {
    return new Error(`MongoDB at ${hosts} (DATABASE_URL) is unreachable: ${reason}`, {
      cause: error,
    });
  }
  return error instanceof Error ? error : new Error(reason);
}

function newClient(url: string): MongoClient {
  return new MongoClient(url, {
    // The driver waits 30 s for a server by default; a start that fails should say so sooner.
    ...(/[?&]serverSelectionTimeoutMS=/i.test(url) ? {} : { serverSelectionTimeoutMS: 5000 }),
  });
}

/** What is wrong with a mongodb:// or mongodb+srv:// URL, or null; parsing opens no connection. */
export function mongodbUrlProblem(url: string): string | null {
  try {
    newClient(url);
    return null;
  } catch (error) {
    return `is not a valid MongoDB connection string: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export interface MongodbStoreOptions extends WriteFaultOptions {}

export class MongodbStore implements Store {
  readonly #client: MongoClient;
  readonly #db: Db;
  readonly #tasks: Collection<TaskDoc>;
  readonly #events: Collection<EventDoc>;
  readonly #graphs: Collection<GraphDoc>;
  readonly #keys: Collection<IdempotencyDoc>;
  readonly #beforeWrite: BeforeWrite;

  private constructor(client: MongoClient, dbName: string, options: MongodbStoreOptions) {
    this.#client = client;
    this.#db = client.db(dbName);
    this.#tasks = this.#db.collection<TaskDoc>(COLLECTIONS.tasks);
    this.#events = this.#db.collection<EventDoc>(COLLECTIONS.events);
    this.#graphs = this.#db.collection<GraphDoc>(COLLECTIONS.graphs);
    this.#keys = this.#db.collection<IdempotencyDoc>(COLLECTIONS.idempotencyKeys);
    this.#beforeWrite = options.beforeWrite ?? (() => {});
  }

  /** Connects, creates the indexes and records the schema version; fails naming the problem. */
  static async connect(url: string, options: MongodbStoreOptions = {}): Promise<MongodbStore> {
    const problem = mongodbUrlProblem(url);
    if (problem) throw new Error(`DATABASE_URL ${problem}`);
    const client = newClient(url);
    const store = new MongodbStore(client, databaseName(url), options);
    try {
      await client.connect();
      await migrate(store.#db);
    } catch (error) {
      await client.close().catch(() => {});
      throw connectError(error, client);
    }
    return store;
  }

  /** Applied schema versions, for tests and diagnostics. */
  async schemaVersions(): Promise<number[]> {
    const docs = await this.#db
      .collection<{ _id: number }>(COLLECTIONS.migrations)
      .find({})
      .sort({ _id: 1 })
      .toArray();
    return docs.map((d) => d._id);
  }

  /** The database this store writes to (tests drop it). */
  get database(): Db {
    return this.#db;
  }

  // ---- tasks and idempotency keys -------------------------------------------------------------

  async createTask(record: NewTaskRecord): Promise<CreateTaskResult> {
    const { task, idempotency } = record;
    const doc = newTaskDoc(task, {
      body: record.requestBody,
      attempts: 0,
      nextAttemptAt: record.outboxAvailableAt,
      lastError: null,
    });
    if (!idempotency) {
      this.#beforeWrite('task');
      await this.#tasks.insertOne(doc);
      return { kind: 'created', task };
    }
    const _id = { userId: task.userId, key: idempotency.key };
    try {
      this.#beforeWrite('idempotency-key');
      await this.#keys.insertOne({
        _id,
        v: DOC_VERSION,
        fingerprint: idempotency.fingerprint,
        taskId: task.taskId,
        createdAt: task.createdAt,
        pending: { task: doc },
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // A retry, or a request racing ours: answer with the task the key points at.
      const found = await this.#resolveKey(task.userId, idempotency.key);
      if (!found) throw new Error(`idempotency key ${idempotency.key} vanished while read`);
      return found.fingerprint === idempotency.fingerprint
        ? { kind: 'existing', task: found.task }
        : { kind: 'key-conflict', task: found.task };
    }
    await this.#finishKey({ _id, pending: { task: doc } });
    return { kind: 'created', task };
  }

  /** Steps 2 and 3 of a keyed creation; each is a no-op when already done. */
  async #finishKey(key: Pick<IdempotencyDoc, '_id' | 'pending'>): Promise<void> {
    if (!key.pending) return;
    try {
      this.#beforeWrite('task');
      await this.#tasks.insertOne(key.pending.task);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    this.#beforeWrite('settle-key');
    await this.#keys.updateOne({ _id: key._id }, { $unset: { pending: '' } });
  }

  async #resolveKey(
    userId: string,
    key: string,
  ): Promise<{ task: Task; fingerprint: string } | null> {
    const doc = await this.#keys.findOne({ _id: { userId, key } });
    if (!doc) return null;
    if (doc.v !== DOC_VERSION) {
      throw new Error(
        `MongoDB ${COLLECTIONS.idempotencyKeys} document has schema version ${String(doc.v)}; this code reads version ${DOC_VERSION}`,
      );
    }
    await this.#finishKey(doc);
    const task = await this.getTask(doc.taskId);
    if (!task) throw new Error(`idempotency key points at missing task ${doc.taskId}`);
    return { task, fingerprint: doc.fingerprint };
  }

  findByIdempotencyKey(
    userId: string,
    key: string,
  ): Promise<{ task: Task; fingerprint: string } | null> {
    return this.#resolveKey(userId, key);
  }

  async getTask(taskId: string): Promise<Task | null> {
    const doc = await this.#tasks.findOne({ _id: taskId });
    return doc ? docToTask(doc) : null;
  }

  async listTasks(userId: string, limit: number): Promise<Task[]> {
    const docs = await this.#tasks
      .find({ userId })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return docs.map(docToTask);
  }

  // ---- outbox (a field of the task document) --------------------------------------------------

  async claimOutbox(now: number, limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    const due = await this.#tasks
      .find({ 'outbox.nextAttemptAt': { $lte: now } })
      .sort({ 'outbox.nextAttemptAt': 1, _id: 1 })
      .limit(limit)
      .toArray();
    const claimed: OutboxEntry[] = [];
    for (const doc of due) {
      if (!doc.outbox) continue;
      // Conditional on the time we read: a relay that leased it in between makes this match nothing.
      const result = await this.#tasks.updateOne(
        { _id: doc._id, 'outbox.nextAttemptAt': doc.outbox.nextAttemptAt },
        { $set: { 'outbox.nextAttemptAt': now + leaseMs } },
      );
      if (result.modifiedCount === 1) claimed.push(docToOutbox({ ...doc, outbox: doc.outbox }));
    }
    return claimed;
  }

  async markOutboxSent(taskId: string): Promise<void> {
    await this.#tasks.updateOne({ _id: taskId }, { $unset: { outbox: '' } });
  }

  async rescheduleOutbox(
    taskId: string,
    attempts: number,
    nextAttemptAt: number,
    error: string,
  ): Promise<void> {
    // Only an entry that still exists: a sent (removed) entry must not come back.
    await this.#tasks.updateOne(
      { _id: taskId, outbox: { $exists: true } },
      {
        $set: {
          'outbox.attempts': attempts,
          'outbox.nextAttemptAt': nextAttemptAt,
          'outbox.lastError': error,
        },
      },
    );
  }

  // ---- effects --------------------------------------------------------------------------------

  async applyEffect(input: ApplyInput): Promise<ApplyOutcome> {
    const { inbox } = input;
    if (inbox && inbox.taskId !== input.taskId) {
      throw new Error(`inbox key of task ${inbox.taskId} given for task ${input.taskId}`);
    }
    const key = inbox ? inboxKey(inbox.messageType, inbox.discriminator) : null;
    for (let attempt = 0; attempt < MAX_APPLY_ATTEMPTS; attempt++) {
      const doc = await this.#tasks.findOne({ _id: input.taskId });
      if (doc?.pending) {
        // An application stopped after its commit point (or is still running): finish it first.
        // If it was this very message, this copy is a duplicate of a committed application.
        await this.#finishEffect(doc._id, doc.pending);
        continue;
      }
      if (doc && key !== null && doc.inbox.includes(key)) return { kind: 'duplicate' };
      const effect: Effect = input.decide(doc ? docToTask(doc) : null);
      if (effect.kind === 'reject') return { kind: 'rejected', reason: effect.reason };
      if (effect.kind === 'ignore') {
        // Forward-only transitions keep an ignored message ignored, so only the key is recorded.
        if (doc && key !== null) {
          this.#beforeWrite('inbox');
          const result = await this.#tasks.updateOne(
            { _id: doc._id, inbox: { $ne: key } },
            { $push: { inbox: key } },
          );
          if (result.modifiedCount === 0) continue;
        }
        return { kind: 'ignored', reason: effect.reason };
      }
      if (!doc) throw new Error(`effect applies to task ${input.taskId}, which does not exist`);
      const { task } = effect;
      const pending: PendingEffect = {
        id: randomUUID(),
        inbox: key,
        now: input.now,
        userId: task.userId,
        event: effect.event,
        graph: effect.graph ?? null,
        summary: effect.summary ?? null,
      };
      this.#beforeWrite('task');
      const result = await this.#tasks.updateOne(
        { _id: doc._id, rev: doc.rev, ...(key === null ? {} : { inbox: { $ne: key } }) },
        {
          $set: { ...taskFields(task), rev: doc.rev + 1, pending },
          ...(key === null ? {} : { $push: { inbox: key } }),
          ...(effect.clearOutbox ? { $unset: { outbox: '' } } : {}),
        },
      );
      // Another writer moved the task since we read it: decide again on what it wrote.
      if (result.modifiedCount === 0) continue;
      await this.#finishEffect(doc._id, pending);
      return { kind: 'applied', task };
    }
    throw new Error(
      `task ${input.taskId} changed under ${MAX_APPLY_ATTEMPTS} attempts to apply one message`,
    );
  }

  /** Steps 2–5 of an effect; each is a no-op when already done, so any caller may run them. */
  async #finishEffect(taskId: string, pending: PendingEffect): Promise<void> {
    if (pending.graph) {
      this.#beforeWrite('graph');
      try {
        // Matches unless this effect wrote the graph already; then the upsert's insert collides.
        await this.#graphs.updateOne(
          { _id: pending.userId, writtenBy: { $ne: pending.id } },
          {
            $set: {
              v: DOC_VERSION,
              taskId,
              graphJson: pending.graph.graphJson,
              graphS3Key: pending.graph.graphS3Key,
              summaryJson: null,
              summaryS3Key: null,
              updatedAt: pending.now,
              writtenBy: pending.id,
            },
          },
          { upsert: true },
        );
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    if (pending.summary) {
      this.#beforeWrite('summary');
      await this.#graphs.updateOne(
        { _id: pending.userId, graphS3Key: pending.summary.graphS3Key },
        {
          $set: {
            summaryJson: pending.summary.summaryJson,
            summaryS3Key: pending.summary.summaryS3Key,
            updatedAt: pending.now,
          },
        },
      );
    }
    if (pending.event) await this.#insertEvent(taskId, pending.userId, pending.event, pending.now);
    this.#beforeWrite('settle');
    await this.#tasks.updateOne(
      { _id: taskId, 'pending.id': pending.id },
      { $unset: { pending: '' } },
    );
  }

  async #insertEvent(taskId: string, userId: string, event: TaskEvent, now: number) {
    this.#beforeWrite('event');
    try {
      await this.#events.insertOne({
        _id: event.eventId,
        v: DOC_VERSION,
        taskId,
        userId,
        payload: event,
        createdAt: now,
        deliveredAt: null,
        claimedUntil: null,
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Our own earlier insert is fine; an id taken by another task's event is a bug worth a stop.
      const existing = await this.#events.findOne({ _id: event.eventId });
      if (existing?.taskId !== taskId) {
        throw new Error(`event id ${event.eventId} is already used by task ${existing?.taskId}`, {
          cause: error,
        });
      }
    }
  }

  // ---- events ---------------------------------------------------------------------------------

  async undeliveredEvents(taskId: string): Promise<TaskEvent[]> {
    const docs = await this.#events
      .find({ taskId, deliveredAt: null })
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
    return docs.map(docToEvent);
  }

  async claimEvent(eventId: string, now: number, leaseMs: number): Promise<boolean> {
    const result = await this.#events.updateOne(
      {
        _id: eventId,
        deliveredAt: null,
        $or: [{ claimedUntil: null }, { claimedUntil: { $lte: now } }],
      },
      { $set: { claimedUntil: now + leaseMs } },
    );
    return result.modifiedCount === 1;
  }

  async releaseEvent(eventId: string): Promise<void> {
    await this.#events.updateOne({ _id: eventId }, { $set: { claimedUntil: null } });
  }

  async markEventDelivered(eventId: string, now: number): Promise<void> {
    await this.#events.updateOne(
      { _id: eventId, deliveredAt: null },
      { $set: { deliveredAt: now } },
    );
  }

  async staleEvents(createdBefore: number, limit: number): Promise<TaskEvent[]> {
    // Effects left half-applied by a crash (internal transitions have no redelivered message to
    // finish them) are finished here first, so their events are swept like any other.
    const stuck = await this.#tasks
      .find({ 'pending.now': { $lt: createdBefore } })
      .limit(SWEEP_PENDING_LIMIT)
      .toArray();
    for (const doc of stuck) if (doc.pending) await this.#finishEffect(doc._id, doc.pending);
    const docs = await this.#events
      .find({ deliveredAt: null, createdAt: { $lt: createdBefore } })
      .sort({ createdAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(docToEvent);
  }

  async eventsAfter(userId: string, afterEventId: string, limit: number): Promise<TaskEvent[]> {
    const docs = await this.#events
      .find({ userId, _id: { $gt: afterEventId } })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(docToEvent);
  }

  async listEvents(taskId: string): Promise<StoredEvent[]> {
    const docs = await this.#events.find({ taskId }).sort({ createdAt: 1, _id: 1 }).toArray();
    return docs.map((doc) => ({ event: docToEvent(doc), deliveredAt: doc.deliveredAt }));
  }

  async getGraph(userId: string): Promise<GraphRecord | null> {
    const doc = await this.#graphs.findOne({ _id: userId });
    return doc ? docToGraph(doc) : null;
  }

  async ping(): Promise<void> {
    await this.#db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.#client.close();
  }
}
