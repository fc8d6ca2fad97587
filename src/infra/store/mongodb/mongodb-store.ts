// MongoDB store over the official driver, without multi-document transactions: standalone servers
// and MongoDB-compatible servers have none, and one code path is what runs everywhere. Each
// change is a fixed sequence of individually atomic, idempotent writes, ordered so that a crash
// after any of them is finished — exactly once — by whoever touches the record next:
//   applyEffect  0. event hint (so the sweep finds the effect even if the process dies now)
//                1. task: one conditional update on the task's revision sets the new state, adds
//                   the message's inbox key and the event id, and records the rest of the effect
//                   as `pending` (this write is the commit point)
//                2. graph   (upsert keyed by user; skipped if this effect already wrote it)
//                3. summary (conditional on the graph it describes; same values when repeated)
//                4. event   (insert keyed by its id; an existing copy is this effect's)
//                5. outbox  (delete the entry, when the effect gives up dispatch)
//                6. settle  (unset `pending` on the task)
//   createTask   0. outbox hint  1. task with its outbox entry (the commit point); with an
//                idempotency key the key, holding the whole task, comes first and is the commit
//                point, and a retry with that key finishes the creation.
// A reader meeting `pending` on a task, or on an idempotency key, runs the remaining steps first.
// Hints (see documents.ts) let the outbox and event sweeps read a small collection instead of
// scanning tasks or events.

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
  StalledTask,
  Store,
  StoredEvent,
  TaskCursor,
} from '../../../core/ports/store.ts';
import { type Clock, systemClock } from '../../../kernel/clock.ts';
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
  type HintDoc,
  type IdempotencyDoc,
  inboxKey,
  newTaskDoc,
  type OutboxField,
  type PendingEffect,
  type TaskDoc,
  taskFields,
} from './documents.ts';
import { migrate } from './schema.ts';

/** How often applyEffect re-reads a task that another writer changed under it before giving up. */
const MAX_APPLY_ATTEMPTS = 50;
/** Tasks a stall sweep looks at: those not ended. */
const OPEN_STATUSES: readonly string[] = ['PENDING', 'PROCESSING'];
/** How long a hint may point at nothing before a sweep drops it (its writer died before the change). */
const ORPHAN_HINT_MS = 60_000;

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

export interface MongodbStoreOptions extends WriteFaultOptions {
  /** Stamps applied migrations; default the system clock. */
  clock?: Clock;
}

export class MongodbStore implements Store {
  readonly #client: MongoClient;
  readonly #db: Db;
  readonly #tasks: Collection<TaskDoc>;
  readonly #events: Collection<EventDoc>;
  readonly #graphs: Collection<GraphDoc>;
  readonly #keys: Collection<IdempotencyDoc>;
  readonly #outboxHints: Collection<HintDoc>;
  readonly #eventHints: Collection<HintDoc>;
  readonly #beforeWrite: BeforeWrite;

  private constructor(client: MongoClient, dbName: string, options: MongodbStoreOptions) {
    this.#client = client;
    this.#db = client.db(dbName);
    this.#tasks = this.#db.collection<TaskDoc>(COLLECTIONS.tasks);
    this.#events = this.#db.collection<EventDoc>(COLLECTIONS.events);
    this.#graphs = this.#db.collection<GraphDoc>(COLLECTIONS.graphs);
    this.#keys = this.#db.collection<IdempotencyDoc>(COLLECTIONS.idempotencyKeys);
    this.#outboxHints = this.#db.collection<HintDoc>(COLLECTIONS.outboxHints);
    this.#eventHints = this.#db.collection<HintDoc>(COLLECTIONS.eventHints);
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
      await migrate(store.#db, options.clock ?? systemClock);
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
      await this.#insertTask(doc);
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
    await this.#insertTask(doc);
    this.#beforeWrite('settle-key');
    await this.#keys.updateOne({ _id }, { $unset: { pending: '' } });
    return { kind: 'created', task };
  }

  /**
   * Outbox hint, then the task with its outbox entry. Repeating it is harmless: the task insert
   * collides (so a sent entry never comes back) and a hint without an entry is dropped by the sweep.
   */
  async #insertTask(doc: TaskDoc): Promise<void> {
    this.#beforeWrite('outbox-hint');
    await this.#upsertHint(this.#outboxHints, doc._id, doc._id, doc.createdAt);
    this.#beforeWrite('task');
    try {
      await this.#tasks.insertOne(doc);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async #upsertHint(hints: Collection<HintDoc>, id: string, taskId: string, createdAt: number) {
    await hints.updateOne({ _id: id }, { $setOnInsert: { taskId, createdAt } }, { upsert: true });
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
    if (doc.pending) {
      // The creation stopped after its commit point: finish it (a no-op where it got further).
      await this.#insertTask(doc.pending.task);
      this.#beforeWrite('settle-key');
      await this.#keys.updateOne({ _id: doc._id }, { $unset: { pending: '' } });
    }
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

  async listTasks(userId: string, limit: number, after?: TaskCursor): Promise<Task[]> {
    const page = after
      ? {
          $or: [
            { createdAt: { $lt: after.createdAt } },
            { createdAt: after.createdAt, _id: { $lt: after.taskId } },
          ],
        }
      : {};
    const docs = await this.#tasks
      .find({ userId, ...page })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return docs.map(docToTask);
  }

  async stalledTasks(before: number, limit: number): Promise<StalledTask[]> {
    const docs = await this.#tasks
      .find({
        status: { $in: [...OPEN_STATUSES] },
        updatedAt: { $lt: before },
        'dispatch.dispatchedAt': { $lt: before },
        outbox: { $exists: false },
      })
      .sort({ updatedAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((doc) => ({
      task: docToTask(doc),
      requestBody: doc.dispatch.body,
      redispatches: doc.dispatch.redispatches,
    }));
  }

  async redispatch(taskId: string, now: number): Promise<boolean> {
    const doc = await this.#tasks.findOne({ _id: taskId });
    if (!doc || doc.outbox || !OPEN_STATUSES.includes(doc.status)) return false;
    // The hint first, fresh, so no sweep drops it before the entry below exists.
    await this.#outboxHints.updateOne(
      { _id: taskId },
      { $set: { taskId, createdAt: now } },
      { upsert: true },
    );
    // One conditional write queues the recorded request and counts it: the task may have ended,
    // or another sweep queued it, since we read it.
    const result = await this.#tasks.updateOne(
      { _id: taskId, status: { $in: [...OPEN_STATUSES] }, outbox: { $exists: false } },
      {
        $set: {
          outbox: { body: doc.dispatch.body, attempts: 0, nextAttemptAt: now, lastError: null },
          'dispatch.dispatchedAt': now,
        },
        $inc: { 'dispatch.redispatches': 1 },
      },
    );
    return result.modifiedCount === 1;
  }

  // ---- outbox (a field of the task document, found through its hint) -------------------------

  async claimOutbox(now: number, limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    const hints = await this.#outboxHints.find({}).sort({ createdAt: 1 }).toArray();
    // One read for every hinted task, not one per hint.
    const docs = await this.#tasks
      .find({ _id: { $in: hints.map((hint) => hint.taskId) } })
      .toArray();
    const byId = new Map(docs.map((doc) => [doc._id, doc]));
    const due: (TaskDoc & { outbox: OutboxField })[] = [];
    const orphans: string[] = [];
    for (const hint of hints) {
      const doc = byId.get(hint.taskId);
      if (doc?.outbox) {
        if (doc.outbox.nextAttemptAt <= now) due.push({ ...doc, outbox: doc.outbox });
      } else if (hint.createdAt < now - ORPHAN_HINT_MS) {
        // Sent, or its writer died before the entry was written: nothing to send. Only an old
        // hint goes: a fresh one may belong to an entry being written right now.
        orphans.push(hint._id);
      }
    }
    if (orphans.length > 0) await this.#outboxHints.deleteMany({ _id: { $in: orphans } });
    due.sort(
      (a, b) =>
        a.outbox.nextAttemptAt - b.outbox.nextAttemptAt ||
        (a._id < b._id ? -1 : a._id > b._id ? 1 : 0),
    );
    const claimed: OutboxEntry[] = [];
    for (const doc of due.slice(0, limit)) {
      // Conditional on the time we read: a relay that leased it in between makes this match nothing.
      const result = await this.#tasks.updateOne(
        { _id: doc._id, 'outbox.nextAttemptAt': doc.outbox.nextAttemptAt },
        { $set: { 'outbox.nextAttemptAt': now + leaseMs } },
      );
      if (result.modifiedCount === 1) claimed.push(docToOutbox(doc));
    }
    return claimed;
  }

  async markOutboxSent(taskId: string): Promise<void> {
    await this.#tasks.updateOne({ _id: taskId }, { $unset: { outbox: '' } });
    await this.#outboxHints.deleteOne({ _id: taskId });
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
        clearOutbox: effect.clearOutbox ?? false,
      };
      if (effect.event) {
        this.#beforeWrite('event-hint');
        await this.#upsertHint(this.#eventHints, effect.event.eventId, doc._id, input.now);
      }
      const push = {
        ...(key === null ? {} : { inbox: key }),
        ...(effect.event ? { eventIds: effect.event.eventId } : {}),
      };
      this.#beforeWrite('task');
      const result = await this.#tasks.updateOne(
        { _id: doc._id, rev: doc.rev, ...(key === null ? {} : { inbox: { $ne: key } }) },
        {
          $set: { ...taskFields(task), rev: doc.rev + 1, pending },
          ...(Object.keys(push).length > 0 ? { $push: push } : {}),
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
    if (pending.clearOutbox) {
      this.#beforeWrite('outbox');
      await this.#tasks.updateOne({ _id: taskId }, { $unset: { outbox: '' } });
    }
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

  // ---- events -------------------------------------------------------------------------------

  /** A task's events, oldest first, read by `_id` through the ids its document lists. */
  async #eventsOf(taskId: string): Promise<EventDoc[]> {
    const task = await this.#tasks.findOne({ _id: taskId });
    const docs: EventDoc[] = [];
    for (const id of task?.eventIds ?? []) {
      // Missing while its effect is between the commit point and the event write.
      const doc = await this.#events.findOne({ _id: id });
      if (doc) docs.push(doc);
    }
    return docs.sort((a, b) => a.createdAt - b.createdAt || (a._id < b._id ? -1 : 1));
  }

  async undeliveredEvents(taskId: string): Promise<TaskEvent[]> {
    return (await this.#eventsOf(taskId)).filter((d) => d.deliveredAt === null).map(docToEvent);
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
    await this.#eventHints.deleteOne({ _id: eventId });
  }

  async staleEvents(createdBefore: number, limit: number): Promise<TaskEvent[]> {
    const hints = await this.#eventHints
      .find({ createdAt: { $lt: createdBefore } })
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
    const stale: EventDoc[] = [];
    for (const hint of hints) {
      if (stale.length >= limit) break;
      let doc = await this.#events.findOne({ _id: hint._id });
      if (!doc) {
        // Its effect stopped between the hint and the event write: finish it if it committed
        // (internal transitions have no redelivered message to do that), else drop the hint.
        const task = await this.#tasks.findOne({ _id: hint.taskId });
        if (task?.pending?.event?.eventId === hint._id) {
          await this.#finishEffect(task._id, task.pending);
          doc = await this.#events.findOne({ _id: hint._id });
        } else if (hint.createdAt < createdBefore - ORPHAN_HINT_MS) {
          await this.#eventHints.deleteOne({ _id: hint._id });
        }
      }
      if (doc?.deliveredAt === null) stale.push(doc);
      else if (doc) await this.#eventHints.deleteOne({ _id: hint._id });
    }
    return stale.map(docToEvent);
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
    const docs = await this.#eventsOf(taskId);
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
