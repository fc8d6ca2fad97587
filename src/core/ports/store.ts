// The store port: everything the API, outbox relay and worker persist, behind one interface so the
// embedded SQLite default, MySQL (and later MongoDB) are interchangeable. Every method that changes
// more than one record does so atomically; the shared contract suite in test/infra/store pins it.

import type { Effect } from '../domain/effect.ts';
import type { TaskEvent } from '../domain/events.ts';
import type { Task } from '../domain/task.ts';
import type { IgnoreReason } from '../domain/transitions.ts';

export type { Effect } from '../domain/effect.ts';

/** A request message waiting to be sent to the request queue (transactional outbox). */
export interface OutboxEntry {
  taskId: string;
  /** JSON body of the SQS message, already validated against the contracts. */
  body: string;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
}

export interface NewTaskRecord {
  task: Task;
  /** Message body to send; recorded with the task so a failed send is retried, not lost. */
  requestBody: string;
  /**
   * When a relay may first pick the entry up. The API sends at once itself; this grace keeps a
   * sweeper from sending the same message in parallel while that first attempt is in flight.
   */
  outboxAvailableAt: number;
  /** Client-chosen key: a retry with the same key returns the first task instead of a new one. */
  idempotency: { key: string; fingerprint: string } | null;
}

export type CreateTaskResult =
  | { kind: 'created'; task: Task }
  | { kind: 'existing'; task: Task }
  /** The idempotency key was used before for a different request. */
  | { kind: 'key-conflict'; task: Task };

/** Where a page of a user's tasks ends: the next page starts after this task. */
export interface TaskCursor {
  createdAt: number;
  taskId: string;
}

/** A task that stopped moving, with the request it was dispatched with. */
export interface StalledTask {
  task: Task;
  /** The request message body recorded when the task was created. */
  requestBody: string;
  /** How often the request was queued again because the task stalled. */
  redispatches: number;
}

/** Identifies one applied message: a redelivered or duplicated copy has the same key. */
export interface InboxKey {
  taskId: string;
  messageType: string;
  /** Distinguishes messages of one type that are all meant to apply (progress steps); '' for results. */
  discriminator: string;
}

export interface GraphRecord {
  userId: string;
  taskId: string;
  /** The AI graph output, as validated JSON text. */
  graphJson: string;
  graphS3Key: string;
  summaryJson: string | null;
  summaryS3Key: string | null;
  updatedAt: number;
}

/** What one message does, decided from the current task inside the transaction. */
export type ApplyOutcome =
  | { kind: 'applied'; task: Task }
  | { kind: 'ignored'; reason: IgnoreReason }
  | { kind: 'duplicate' }
  | { kind: 'rejected'; reason: string };

export interface ApplyInput {
  taskId: string;
  /** null for internal transitions that are not driven by a message (dispatch failure). */
  inbox: InboxKey | null;
  now: number;
  /** Pure: called inside the transaction with the locked task (null when unknown). */
  decide(task: Task | null): Effect;
}

export interface StoredEvent {
  event: TaskEvent;
  deliveredAt: number | null;
}

export interface Store {
  /** Records task, outbox entry and idempotency key in one transaction. */
  createTask(record: NewTaskRecord): Promise<CreateTaskResult>;
  findByIdempotencyKey(
    userId: string,
    key: string,
  ): Promise<{ task: Task; fingerprint: string } | null>;
  getTask(taskId: string): Promise<Task | null>;
  /** A user's tasks, newest first; `after` continues a previous page. */
  listTasks(userId: string, limit: number, after?: TaskCursor): Promise<Task[]>;

  /**
   * Tasks still PENDING or PROCESSING with no outbox entry whose last change and last dispatch
   * both happened before `before`, oldest first: their request or result went missing.
   */
  stalledTasks(before: number, limit: number): Promise<StalledTask[]>;
  /**
   * Queues the task's recorded request again (an outbox entry due at `now`, same body and task
   * id) and counts the re-dispatch. False, changing nothing, when the task has ended or an entry
   * is already queued.
   */
  redispatch(taskId: string, now: number): Promise<boolean>;

  /** Leases due outbox entries (nextAttemptAt ≤ now) for `leaseMs` so concurrent relays skip them. */
  claimOutbox(now: number, limit: number, leaseMs: number): Promise<OutboxEntry[]>;
  /** The message was accepted by the queue: the entry is removed. */
  markOutboxSent(taskId: string): Promise<void>;
  rescheduleOutbox(
    taskId: string,
    attempts: number,
    nextAttemptAt: number,
    error: string,
  ): Promise<void>;

  /**
   * Applies one message's effect: in a single transaction, checks the inbox (duplicate → nothing),
   * locks the task, asks `decide`, writes the task, graph, summary and event, and records the inbox
   * key. A rejected effect writes nothing.
   */
  applyEffect(input: ApplyInput): Promise<ApplyOutcome>;

  /** Events of a task not yet delivered to the notifier, oldest first. */
  undeliveredEvents(taskId: string): Promise<TaskEvent[]>;
  /**
   * Takes the right to publish an undelivered event until `now + leaseMs`, so two copies of a
   * message handled at once publish it once. False when the event is delivered or another
   * deliverer's lease is still running; a deliverer that dies mid-publish leaves the event to be
   * taken again once its lease ends.
   */
  claimEvent(eventId: string, now: number, leaseMs: number): Promise<boolean>;
  /** Gives a claim back after a failed publish, so the next copy or sweep retries at once. */
  releaseEvent(eventId: string): Promise<void>;
  markEventDelivered(eventId: string, now: number): Promise<void>;
  /** Undelivered events of any task recorded before `createdBefore`, oldest first (for sweeps). */
  staleEvents(createdBefore: number, limit: number): Promise<TaskEvent[]>;
  listEvents(taskId: string): Promise<StoredEvent[]>;
  /** A user's events recorded after `afterEventId` (ids sort by time), oldest first. */
  eventsAfter(userId: string, afterEventId: string, limit: number): Promise<TaskEvent[]>;

  getGraph(userId: string): Promise<GraphRecord | null>;

  /** Cheap round trip for readiness probes. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
