// The witness of a run: records, per task, everything the system did, without changing it. It
// observes SQS calls through SDK middleware on each party's own client (so it works against any
// endpoint), store effects through a Store decorator, notifications through a Notifier decorator,
// and the worker's per-message verdicts through its log port. The scenario runner's accounting and
// timelines read it, and `npm start`'s task view does too, with a bound on what it keeps.
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { TaskEvent } from '../../core/domain/events.ts';
import type { Log } from '../../core/ports/log.ts';
import type { Notifier } from '../../core/ports/notifier.ts';
import type { ApplyInput, ApplyOutcome, Effect, Store } from '../../core/ports/store.ts';
import { delegateStore } from './delegate-store.ts';

export type TimelineKind =
  | 'submitted'
  | 'request-sent'
  | 'ai-received'
  | 'ai-behaviour'
  | 'ai-crashed'
  | 'ai-visibility-extended'
  | 'result-sent'
  | 'progress-sent'
  | 'ai-deleted'
  | 'worker-received'
  | 'deleted'
  | 'applied'
  | 'duplicate-ignored'
  | 'ignored'
  | 'rejected'
  | 'failed'
  | 'notified'
  | 'visibility-expired'
  | 'duplicate-delivery'
  | 'in-dlq'
  | 'redriven'
  /** The reconciliation sweep queued a stalled task's request again. */
  | 'redispatched'
  | 'fault';

/** One step in a task's life, on the virtual clock; `actor` is the sequence diagram's lane. */
export interface TimelineEntry {
  at: number;
  actor: 'api' | 'request-queue' | 'ai' | 'result-queue' | 'worker' | 'store' | 'notifier' | 'dlq';
  kind: TimelineKind;
  text: string;
}

/** `backend`: the API and the result worker on one client (as `npm start` runs them). */
export type Actor = 'api' | 'ai' | 'worker' | 'operator' | 'backend';

export interface RecorderOptions {
  /**
   * Tasks whose timelines are kept; the oldest task is forgotten when a new one would pass it,
   * and the effect, receipt, notification and error lists keep their latest entries only.
   * Default: no bound (a scenario run is finite).
   */
  maxTasks?: number;
}

/** Steps kept per task and list entries kept per task under a bound. */
const STEPS_PER_TASK = 200;
const ENTRIES_PER_TASK = 50;
/**
 * Under a bound, a list or map may pass what it keeps by this factor before it is cut back to it:
 * a cut moves the whole list, so it happens once per many additions rather than on each.
 */
const SLACK = 1.25;

/**
 * Where each kind of step falls in a message's life, to order steps stamped at the same instant:
 * a send before its receive, a receive before what the receiver did with it. Times alone cannot
 * (a frozen or coarse clock stamps a whole exchange with one instant).
 */
const CAUSAL_RANK: Record<TimelineKind, number> = {
  submitted: 0,
  redispatched: 0,
  'request-sent': 1,
  'visibility-expired': 2,
  'duplicate-delivery': 2,
  'ai-received': 3,
  'ai-behaviour': 4,
  'ai-crashed': 5,
  'ai-visibility-extended': 5,
  'progress-sent': 6,
  'result-sent': 6,
  'ai-deleted': 7,
  fault: 7,
  'worker-received': 8,
  applied: 9,
  'duplicate-ignored': 9,
  ignored: 9,
  rejected: 9,
  failed: 9,
  notified: 10,
  deleted: 11,
  'in-dlq': 12,
  redriven: 13,
};

/** Timeline order: by time, then cause before effect; stable for equal ranks. */
export function causalOrder(a: TimelineEntry, b: TimelineEntry): number {
  return a.at - b.at || CAUSAL_RANK[a.kind] - CAUSAL_RANK[b.kind];
}

const TASK_ID = /task_[A-Za-z0-9-]{1,64}_[0-9A-HJKMNP-TV-Z]{26}/;

/** The task a message body is about: its `taskId`, or any task id in it (malformed bodies). */
export function taskIdOf(body: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  try {
    const parsed = JSON.parse(body) as { taskId?: unknown };
    if (typeof parsed.taskId === 'string') return parsed.taskId;
  } catch {
    // not JSON: fall back to the pattern below
  }
  return TASK_ID.exec(body)?.[0];
}

function queueOf(url: unknown): string {
  return typeof url === 'string' ? (url.split('/').at(-1) ?? url) : '?';
}

/** The entries of a SendMessageBatch that SQS accepted: each body with the id it was given. */
function sentEntries(
  input: Record<string, unknown>,
  output: Record<string, unknown>,
): { body: unknown; messageId: unknown }[] {
  const entries = (input.Entries ?? []) as { Id?: string; MessageBody?: string }[];
  const bodies = new Map(entries.map((e) => [e.Id, e.MessageBody]));
  return ((output.Successful ?? []) as { Id?: string; MessageId?: string }[]).map((s) => ({
    body: bodies.get(s.Id),
    messageId: s.MessageId,
  }));
}

export interface AppliedEffect {
  at: number;
  taskId: string;
  messageType: string | null;
  outcome: ApplyOutcome['kind'];
  status: string | null;
  graph: boolean;
  reason: string | null;
}

export interface Receipt {
  at: number;
  actor: Actor;
  queue: string;
  messageId: string;
  taskId: string | undefined;
  receiveCount: number;
}

export class Recorder {
  readonly #now: () => number;
  readonly #timelines = new Map<string, TimelineEntry[]>();
  readonly effects: AppliedEffect[] = [];
  readonly notifications: TaskEvent[] = [];
  readonly receipts: Receipt[] = [];
  /** SQS errors seen by the parties' clients, by `actor action:code`, injected or not. */
  readonly sqsErrors = new Map<string, number>();
  /** Every error answer SQS gave a party, retried attempts included, timed for the report's chart. */
  readonly sqsErrorLog: { at: number; key: string }[] = [];
  /** Receipt handle → the message (and task) it was handed out for, to place deletes. */
  readonly #handles = new Map<string, { messageId: string; taskId: string | undefined }>();
  /** Message id → task, learned from sends and receives (malformed bodies included). */
  readonly #messageTasks = new Map<string, string>();

  readonly #maxTasks: number;
  /** Entries each list and map keeps under a bound (the latest); infinite without one. */
  readonly #keep: number;

  constructor(now: () => number, options: RecorderOptions = {}) {
    this.#now = now;
    this.#maxTasks = options.maxTasks ?? Number.POSITIVE_INFINITY;
    this.#keep = this.#maxTasks * ENTRIES_PER_TASK;
  }

  /** How many entries the internal maps hold (diagnostics; they are bounded like the lists). */
  retained(): { handles: number; messageTasks: number } {
    return { handles: this.#handles.size, messageTasks: this.#messageTasks.size };
  }

  /** Task ids with a timeline, oldest first. */
  taskIds(): string[] {
    return [...this.#timelines.keys()];
  }

  /** Under a bound: forgets the oldest tasks and the oldest list entries. */
  #trim(): void {
    const max = this.#maxTasks;
    if (!Number.isFinite(max)) return;
    for (const taskId of this.#timelines.keys()) {
      if (this.#timelines.size <= max) break;
      this.#timelines.delete(taskId);
    }
    for (const list of [this.effects, this.notifications, this.receipts, this.sqsErrorLog]) {
      this.#cutList(list, 1);
    }
    this.#cutMap(this.#handles, 1);
    this.#cutMap(this.#messageTasks, 1);
  }

  /**
   * Lists and maps also grow between new tasks (one long task's many messages, bodies naming no
   * task, errors while an endpoint is down), so each addition checks its own bound too.
   */
  #push<T>(list: T[], entry: T): void {
    list.push(entry);
    this.#cutList(list, SLACK);
  }

  #set<V>(map: Map<string, V>, key: string, value: V): void {
    // Re-inserted, so a key in use moves to the newest end and is the last to be cut.
    map.delete(key);
    map.set(key, value);
    this.#cutMap(map, SLACK);
  }

  /** Keeps the latest entries once the list passes `slack` times what it keeps. */
  #cutList(list: unknown[], slack: number): void {
    if (list.length > this.#keep * slack) list.splice(0, list.length - this.#keep);
  }

  /** Forgets the oldest keys once the map passes `slack` times what it keeps. */
  #cutMap(map: Map<string, unknown>, slack: number): void {
    if (map.size <= this.#keep * slack) return;
    for (const key of map.keys()) {
      if (map.size <= this.#keep) break;
      map.delete(key);
    }
  }

  note(taskId: string | undefined, entry: Omit<TimelineEntry, 'at'> & { at?: number }): void {
    if (taskId === undefined) return;
    let list = this.#timelines.get(taskId);
    if (!list) {
      list = [];
      this.#timelines.set(taskId, list);
      this.#trim();
    }
    if (Number.isFinite(this.#maxTasks) && list.length >= STEPS_PER_TASK) return;
    list.push({
      at: entry.at ?? this.#now(),
      actor: entry.actor,
      kind: entry.kind,
      text: entry.text,
    });
  }

  timeline(taskId: string): TimelineEntry[] {
    return [...(this.#timelines.get(taskId) ?? [])].sort(causalOrder);
  }

  /** Observes every SQS call `client` makes on behalf of `actor`. */
  watchSqs(client: SQSClient, actor: Actor): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = (context.commandName ?? '').replace(/Command$/, '');
        const input = args.input as Record<string, unknown>;
        // A send happens when it is made, not when its answer comes back: the receiver may have
        // the message before the sender hears SQS's answer.
        const calledAt = this.#now();
        try {
          const result = await next(args);
          const output = result.output as unknown as Record<string, unknown>;
          this.#observe(actor, command, input, output, calledAt);
          return result;
        } catch (error) {
          const code = (error as { name?: string }).name ?? 'Error';
          // Setup probes (operator) and long polls cut short by a stop are not faults.
          if (actor !== 'operator' && code !== 'AbortError') {
            const key = `${actor} ${command}:${code}`;
            this.sqsErrors.set(key, (this.sqsErrors.get(key) ?? 0) + 1);
          }
          throw error;
        }
      },
      { step: 'initialize', name: `scenarioRecorder-${actor}` },
    );
    // Inside the SDK's retries: each attempt SQS refused (an injected error, throttling), even
    // one a retry then got past.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        try {
          return await next(args);
        } catch (error) {
          const code = (error as { name?: string }).name ?? 'Error';
          if (actor !== 'operator' && code !== 'AbortError') {
            const command = (context.commandName ?? '').replace(/Command$/, '');
            this.#push(this.sqsErrorLog, { at: this.#now(), key: `${actor} ${command}:${code}` });
          }
          throw error;
        }
      },
      { step: 'deserialize', priority: 'high', name: `scenarioRecorderAttempts-${actor}` },
    );
  }

  #observe(
    actor: Actor,
    command: string,
    input: Record<string, unknown>,
    output: Record<string, unknown>,
    calledAt: number,
  ): void {
    const queue = queueOf(input.QueueUrl);
    // On a shared back-end client, the API is the one that sends (requests), the worker the rest.
    if (actor === 'backend') actor = command.startsWith('Send') ? 'api' : 'worker';
    const requestQueue = actor === 'api' || queue.includes('request');
    const lane = requestQueue ? 'request-queue' : 'result-queue';
    if (command === 'SendMessage' || command === 'SendMessageBatch') {
      const sent =
        command === 'SendMessage'
          ? [{ body: input.MessageBody, messageId: output.MessageId }]
          : sentEntries(input, output);
      for (const { body, messageId: id } of sent) {
        const taskId = taskIdOf(body as string | undefined);
        const messageId = String(id ?? '');
        if (taskId) this.#set(this.#messageTasks, messageId, taskId);
        this.note(taskId, {
          at: calledAt,
          actor: lane,
          kind: actor === 'api' ? 'request-sent' : 'result-sent',
          text: `${actor} sent ${messageId.slice(0, 8)} to ${queue}`,
        });
      }
    } else if (command === 'ReceiveMessage') {
      const messages = (output.Messages ?? []) as {
        MessageId?: string;
        Body?: string;
        ReceiptHandle?: string;
        Attributes?: Record<string, string>;
      }[];
      for (const message of messages) {
        const messageId = message.MessageId ?? '';
        const taskId = taskIdOf(message.Body) ?? this.#messageTasks.get(messageId);
        if (taskId) this.#set(this.#messageTasks, messageId, taskId);
        const receiveCount = Number(message.Attributes?.ApproximateReceiveCount ?? 0);
        this.#push(this.receipts, {
          at: this.#now(),
          actor,
          queue,
          messageId,
          taskId,
          receiveCount,
        });
        if (message.ReceiptHandle) {
          this.#set(this.#handles, message.ReceiptHandle, { messageId, taskId });
        }
        const short = messageId.slice(0, 8);
        if (receiveCount > 1) {
          // Received before and not deleted: its visibility timeout ran out (or was cut short).
          this.note(taskId, {
            actor: lane,
            kind: 'visibility-expired',
            text: `${short} visible again`,
          });
        } else {
          const previous = this.#timelines.get(taskId ?? '') ?? [];
          const firstReceive = `received ${short} #1`;
          if (previous.some((e) => e.text.endsWith(firstReceive))) {
            // Same message id, first receive again: another copy of it (SQS at-least-once).
            this.note(taskId, {
              actor: lane,
              kind: 'duplicate-delivery',
              text: `another copy of ${short}`,
            });
          }
        }
        this.note(taskId, {
          actor: actor === 'ai' ? 'ai' : 'worker',
          kind: actor === 'ai' ? 'ai-received' : 'worker-received',
          text: `${actor} received ${messageId.slice(0, 8)} #${receiveCount}`,
        });
      }
    } else if (command === 'DeleteMessage' || command === 'DeleteMessageBatch') {
      const handles =
        command === 'DeleteMessage'
          ? [input.ReceiptHandle as string]
          : ((input.Entries ?? []) as { ReceiptHandle?: string }[]).map(
              (e) => e.ReceiptHandle ?? '',
            );
      for (const handle of handles) {
        const known = this.#handles.get(handle);
        if (!known) continue;
        this.note(known.taskId, {
          actor: actor === 'ai' ? 'ai' : 'worker',
          kind: actor === 'ai' ? 'ai-deleted' : 'deleted',
          text: `${actor} deleted ${known.messageId.slice(0, 8)}`,
        });
      }
    } else if (command === 'ChangeMessageVisibility') {
      const known = this.#handles.get(input.ReceiptHandle as string);
      this.note(known?.taskId, {
        actor: actor === 'ai' ? 'ai' : 'worker',
        kind: 'ai-visibility-extended',
        text: `${actor} set visibility ${String(input.VisibilityTimeout)} s`,
      });
    }
  }

  /** The store, with every applied, ignored, duplicate or rejected effect recorded. */
  wrapStore(store: Store): Store {
    return delegateStore(store, {
      applyEffect: async (input: ApplyInput): Promise<ApplyOutcome> => {
        let decided: Effect | undefined;
        const outcome = await store.applyEffect({
          ...input,
          decide: (task) => {
            decided = input.decide(task);
            return decided;
          },
        });
        this.#recordEffect(input, outcome, decided);
        return outcome;
      },
    });
  }

  #recordEffect(input: ApplyInput, outcome: ApplyOutcome, decided: Effect | undefined): void {
    const applied = outcome.kind === 'applied' ? outcome.task : null;
    const effect: AppliedEffect = {
      at: input.now,
      taskId: input.taskId,
      messageType: input.inbox?.messageType ?? null,
      outcome: outcome.kind,
      status: applied?.status ?? null,
      graph: outcome.kind === 'applied' && decided?.kind === 'apply' && decided.graph !== undefined,
      reason:
        outcome.kind === 'ignored' || outcome.kind === 'rejected' ? String(outcome.reason) : null,
    };
    this.#push(this.effects, effect);
    const what = input.inbox
      ? `${input.inbox.messageType}${input.inbox.discriminator ? ` ${input.inbox.discriminator}` : ''}`
      : 'internal';
    this.note(input.taskId, {
      actor: 'store',
      kind:
        outcome.kind === 'applied'
          ? 'applied'
          : outcome.kind === 'duplicate'
            ? 'duplicate-ignored'
            : outcome.kind === 'ignored'
              ? 'ignored'
              : 'rejected',
      text:
        outcome.kind === 'applied'
          ? `applied ${what} → ${applied?.status}${effect.graph ? ' + graph' : ''}`
          : `${outcome.kind} ${what}${effect.reason ? ` (${effect.reason})` : ''}`,
    });
  }

  /** The notifier, with every published event recorded. */
  wrapNotifier(notifier: Notifier): Notifier {
    return {
      publish: async (event) => {
        await notifier.publish(event);
        this.#push(this.notifications, event);
        this.note(event.taskId, {
          actor: 'notifier',
          kind: 'notified',
          text: `${event.type} ${event.status} ${event.progressPercent}%`,
        });
      },
      ...(notifier.close ? { close: () => notifier.close?.() ?? Promise.resolve() } : {}),
    };
  }

  /** A log port that records the worker's per-message verdicts (rejections, failures). */
  workerLog(): Log {
    const make = (bindings: Record<string, unknown>): Log => {
      // Structured, not by wording: a warning or error about a message that carries a `reason`
      // is the worker leaving it unapplied — with `err` a failure, else a refusal. Debug and info
      // lines (one per handled message) are not looked at.
      const capture = (obj: object, msg?: string) => {
        const fields = { ...bindings, ...(obj as Record<string, unknown>) };
        const messageId = typeof fields.messageId === 'string' ? fields.messageId : undefined;
        if (fields.reason === undefined || !messageId) return;
        const taskId =
          (typeof fields.taskId === 'string' ? fields.taskId : undefined) ??
          this.#messageTasks.get(messageId);
        const err = fields.err instanceof Error ? fields.err : undefined;
        const why = err ? err.message : String(fields.detail ?? msg ?? '');
        this.note(taskId, {
          actor: 'worker',
          kind: err ? 'failed' : 'rejected',
          text: `${err ? 'failed' : 'rejected'}: ${String(fields.reason)} — ${why.slice(0, 160)}`,
        });
      };
      return {
        debug: () => {},
        info: () => {},
        warn: capture,
        error: capture,
        child: (more) => make({ ...bindings, ...more }),
      };
    };
    return make({});
  }
}
