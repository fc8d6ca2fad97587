// Document shapes of the MongoDB store and their mapping to the port's records. A task document
// also holds what SQL keeps in side tables — its outbox entry, the keys of the messages applied to
// it, its event ids and the effect being applied — so each of those changes is one single-document
// write, which MongoDB applies atomically without a transaction, and the per-message path reads
// by `_id` only (MongoDB-compatible servers without index pushdown scan for anything else).

import type { TaskEvent } from '../../../core/domain/events.ts';
import {
  TASK_KINDS,
  TASK_STATUSES,
  type Task,
  type TaskKind,
  type TaskStatus,
} from '../../../core/domain/task.ts';
import type { GraphRecord, OutboxEntry } from '../../../core/ports/store.ts';

/** Shape version written into every document; a reader refuses any other (see migrations.ts). */
export const DOC_VERSION = 1;

export const COLLECTIONS = {
  tasks: 'tasks',
  events: 'task_events',
  graphs: 'graphs',
  idempotencyKeys: 'idempotency_keys',
  outboxHints: 'outbox_hints',
  eventHints: 'event_hints',
  migrations: 'schema_migrations',
} as const;

export interface OutboxField {
  body: string;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
}

/**
 * An effect whose task write is done and whose other writes (graph, summary, event, outbox) may
 * not be: the task write is the commit point, and whoever meets this record next finishes the rest.
 */
export interface PendingEffect {
  /** Unique per application; written into the graph so a replay recognises its own write. */
  id: string;
  /** Inbox key of the message being applied, null for internal transitions. */
  inbox: string | null;
  now: number;
  userId: string;
  event: TaskEvent | null;
  graph: { graphJson: string; graphS3Key: string } | null;
  summary: { summaryJson: string; summaryS3Key: string; graphS3Key: string } | null;
  clearOutbox: boolean;
}

export interface TaskDoc {
  _id: string;
  v: number;
  userId: string;
  kind: string;
  status: string;
  progressPercent: number;
  /** When the AI sent the progress applied last (its message timestamp); absent before v7. */
  progressAt?: number | null;
  currentStage: string | null;
  etaSeconds: number | null;
  error: { code: string; message: string } | null;
  resultS3Key: string | null;
  inputS3Key: string;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
  /** Bumped by every task change: an effect decided on revision n is written only onto n. */
  rev: number;
  /** Keys (`type|discriminator`) of the messages applied or ignored; a copy finds its key here. */
  inbox: string[];
  /** Ids of the task's events, oldest first, so its events are read by `_id`. */
  eventIds: string[];
  /** The request message not yet sent; written with the task, so a task never lacks it. */
  outbox?: OutboxField;
  /** The request as first recorded, for re-dispatching a stalled task. */
  dispatch: { body: string; redispatches: number; dispatchedAt: number };
  pending?: PendingEffect;
}

/**
 * A pointer that lets a sweep find work without scanning every task or event: written before the
 * change it points at and removed after it is done, it may outlive it or point at nothing — the
 * sweep checks the document it names and drops a stale hint. `_id` is the task id (outbox) or the
 * event id (events).
 */
export interface HintDoc {
  _id: string;
  taskId: string;
  createdAt: number;
}

export interface EventDoc {
  _id: string;
  v: number;
  taskId: string;
  userId: string;
  payload: TaskEvent;
  createdAt: number;
  deliveredAt: number | null;
  claimedUntil: number | null;
}

/** A user's graph: the port's record keyed by user. */
export interface GraphDoc extends Omit<GraphRecord, 'userId'> {
  _id: string;
  v: number;
  /** The pending effect that wrote this graph (see PendingEffect.id). */
  writtenBy: string;
}

export interface IdempotencyDoc {
  _id: { userId: string; key: string };
  v: number;
  fingerprint: string;
  taskId: string;
  createdAt: number;
  /** The task to create, kept until it exists so a retry after a crash can finish the creation. */
  pending?: { task: TaskDoc };
}

export interface MigrationDoc {
  _id: number;
  name: string;
  appliedAt: number;
}

function checkVersion(collection: string, id: unknown, v: unknown): void {
  if (v !== DOC_VERSION) {
    throw new Error(
      `MongoDB ${collection} document ${JSON.stringify(id)} has schema version ${String(v)}; this code reads version ${DOC_VERSION} (migrate the database or run matching code)`,
    );
  }
}

function oneOf<T extends string>(values: readonly T[], value: string, field: string): T {
  const found = values.find((v) => v === value);
  if (found === undefined) throw new Error(`task field ${field} holds unknown value "${value}"`);
  return found;
}

export function inboxKey(messageType: string, discriminator: string): string {
  // Message types never contain '|', so the first one separates the two parts unambiguously.
  return `${messageType}|${discriminator}`;
}

/** The task fields of a document, for `$set`: everything the port's Task holds. */
export function taskFields(
  task: Task,
): Omit<TaskDoc, '_id' | 'rev' | 'inbox' | 'eventIds' | 'v' | 'outbox' | 'dispatch' | 'pending'> {
  return {
    userId: task.userId,
    kind: task.kind,
    status: task.status,
    progressPercent: task.progressPercent,
    progressAt: task.progressAt,
    currentStage: task.currentStage,
    etaSeconds: task.etaSeconds,
    error: task.error,
    resultS3Key: task.resultS3Key,
    inputS3Key: task.inputS3Key,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
    completedAt: task.completedAt,
  };
}

export function newTaskDoc(task: Task, outbox: OutboxField): TaskDoc {
  return {
    _id: task.taskId,
    v: DOC_VERSION,
    ...taskFields(task),
    rev: 0,
    inbox: [],
    eventIds: [],
    outbox,
    dispatch: { body: outbox.body, redispatches: 0, dispatchedAt: task.createdAt },
  };
}

export function docToTask(doc: TaskDoc): Task {
  checkVersion(COLLECTIONS.tasks, doc._id, doc.v);
  return {
    taskId: doc._id,
    userId: doc.userId,
    kind: oneOf<TaskKind>(TASK_KINDS, doc.kind, 'kind'),
    status: oneOf<TaskStatus>(TASK_STATUSES, doc.status, 'status'),
    progressPercent: doc.progressPercent,
    progressAt: doc.progressAt ?? null,
    currentStage: doc.currentStage,
    etaSeconds: doc.etaSeconds,
    error: doc.error ? { code: doc.error.code, message: doc.error.message } : null,
    resultS3Key: doc.resultS3Key,
    inputS3Key: doc.inputS3Key,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    completedAt: doc.completedAt,
  };
}

export function docToOutbox(doc: TaskDoc & { outbox: OutboxField }): OutboxEntry {
  return { taskId: doc._id, ...doc.outbox };
}

export function docToEvent(doc: EventDoc): TaskEvent {
  checkVersion(COLLECTIONS.events, doc._id, doc.v);
  return doc.payload;
}

export function docToGraph(doc: GraphDoc): GraphRecord {
  checkVersion(COLLECTIONS.graphs, doc._id, doc.v);
  return {
    userId: doc._id,
    taskId: doc.taskId,
    graphJson: doc.graphJson,
    graphS3Key: doc.graphS3Key,
    summaryJson: doc.summaryJson,
    summaryS3Key: doc.summaryS3Key,
    updatedAt: doc.updatedAt,
  };
}
