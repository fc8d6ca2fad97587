// The SQS domain: a registry of queues and every operation on them, in terms of queue names and
// typed inputs. It knows nothing of HTTP, URLs or wire formats; it takes a clock and an id source,
// and optional hooks through which the fault layer bends delivery. Rules live beside it: message
// checks in send-rules.ts, tags and permissions in queue-policy.ts, long polls in long-poll.ts.

import type { RandomIds } from '../../kernel/ids.ts';
import type { TimerClock } from '../../kernel/virtual-clock.ts';
import { invalidValue, missingParameter, queueDoesNotExist, SqsError } from './errors.ts';
import {
  ACCOUNT_ID,
  DELETED_NAME_COOLDOWN_MS,
  FIFO_DEDUP_WINDOW_MS,
  FIFO_QUEUE_NAME_PATTERN,
  MAX_IN_FLIGHT,
  MAX_RECEIVE_MESSAGES,
  MAX_VISIBILITY_SECONDS,
  MAX_WAIT_SECONDS,
  PURGE_INTERVAL_MS,
  QUEUE_NAME_PATTERN,
} from './limits.ts';
import { LongPolls } from './long-poll.ts';
import { MessageIdFormat } from './message-id.ts';
import { type MessageState, Queue } from './queue.ts';
import { READABLE_ATTRIBUTES, unknownAttribute, validateSettable } from './queue-attributes.ts';
import {
  addPermission,
  checkTags,
  permissionsPolicy,
  removePermission,
  tagQueue,
} from './queue-policy.ts';
import { encodeHandle, parseHandle } from './receipt-handle.ts';
import { receivedView } from './received-view.ts';
import { checkToken, type PreparedMessage, prepareSend, sendResult } from './send-rules.ts';
import { deadLetterCopy, messageDetails, StoredMessage } from './stored-message.ts';
import type { ReceivedMessage, ReceiveInput, SendInput, SendResult } from './types.ts';

/** Where the fault layer plugs in; every hook is optional and defaults to AWS behaviour. */
export interface EngineHooks {
  /** Extra copies of a just-sent message to store (duplicate delivery). */
  extraCopiesOnSend?(queue: string, message: StoredMessage): number;
  /** True to answer a delete with success but keep the message (lost delete). */
  keepOnDelete?(queue: string, message: StoredMessage): boolean;
  /** Milliseconds added to (or, negative, taken from) a receive's visibility timeout. */
  visibilityOffsetMs?(queue: string, message: StoredMessage): number;
}

export interface EngineSettings {
  /** Emulator convenience, off by default as on AWS: allow PurgeQueue more than once per 60 s. */
  allowRepeatedPurge: boolean;
}

export interface EngineOptions {
  clock: TimerClock;
  ids: RandomIds;
  region: string;
  hooks?: EngineHooks;
  settings?: Partial<EngineSettings>;
  /** In-flight messages allowed per queue; AWS's value unless a test needs a small one. */
  maxInFlight?: number;
}

export interface MessageInspection {
  messageId: string;
  state: MessageState;
  body: string;
  receiveCount: number;
  sentAt: number;
  visibleAt: number;
  firstReceiveAt: number | undefined;
  receiptHandle: string | undefined;
  messageGroupId: string | undefined;
  deadLetterSourceArn: string | undefined;
  messageAttributes: string[];
}

export class SqsEngine {
  readonly region: string;
  readonly settings: EngineSettings;
  readonly #clock: TimerClock;
  readonly #ids: RandomIds;
  readonly #hooks: EngineHooks;
  readonly #polls: LongPolls;
  readonly #maxInFlight: number;
  readonly #queues = new Map<string, Queue>();
  readonly #deletedAt = new Map<string, number>();
  readonly #idFormat: MessageIdFormat;
  #nextKey = 1;
  #nextIdNumber = 1;
  #nextSequence = 1n;

  constructor(options: EngineOptions) {
    this.#clock = options.clock;
    this.#ids = options.ids;
    this.#idFormat = new MessageIdFormat(options.ids);
    this.region = options.region;
    this.#hooks = options.hooks ?? {};
    this.#polls = new LongPolls(options.clock);
    this.#maxInFlight = options.maxInFlight ?? MAX_IN_FLIGHT;
    this.settings = { allowRepeatedPurge: false, ...options.settings };
  }

  arnOf(name: string): string {
    return `arn:aws:sqs:${this.region}:${ACCOUNT_ID}:${name}`;
  }

  /** Queue name from one of our ARNs; undefined for anything else. */
  nameFromArn(arn: string): string | undefined {
    const prefix = `arn:aws:sqs:${this.region}:${ACCOUNT_ID}:`;
    return arn.startsWith(prefix) ? arn.slice(prefix.length) : undefined;
  }

  queue(name: string): Queue {
    const queue = this.#queues.get(name);
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  queueByArn(arn: string): Queue | undefined {
    const name = this.nameFromArn(arn);
    return name === undefined ? undefined : this.#queues.get(name);
  }

  queueNames(): string[] {
    return [...this.#queues.keys()].sort();
  }

  // ---- queue lifecycle -------------------------------------------------------------------

  createQueue(
    name: string,
    attributes: Record<string, string>,
    tags: Record<string, string>,
  ): Queue {
    const wantsFifo = attributes.FifoQueue === 'true';
    const namePattern = wantsFifo ? FIFO_QUEUE_NAME_PATTERN : QUEUE_NAME_PATTERN;
    if (!namePattern.test(name) || (!wantsFifo && name.endsWith('.fifo'))) {
      throw new SqsError(
        'InvalidParameterValue',
        wantsFifo || name.endsWith('.fifo')
          ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
          : 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      );
    }
    const normalised = validateSettable(attributes, wantsFifo);
    if (normalised.FifoQueue === 'false') delete normalised.FifoQueue;
    const now = this.#clock.now();
    const existing = this.#queues.get(name);
    if (existing) {
      const differing = Object.entries(normalised).filter(
        ([k, v]) => (existing.attributes.get(k) ?? '') !== v,
      );
      if (differing.length > 0) {
        throw new SqsError(
          'QueueNameExists',
          `A queue already exists with the same name and a different value for attribute ${differing[0]![0]}`,
        );
      }
      return existing;
    }
    const deletedAt = this.#deletedAt.get(name);
    if (deletedAt !== undefined && now - deletedAt < DELETED_NAME_COOLDOWN_MS) {
      throw new SqsError(
        'QueueDeletedRecently',
        'You must wait 60 seconds after deleting a queue before you can create another with the same name.',
      );
    }
    checkTags(tags, 0);
    const queue = new Queue(name, this.arnOf(name), wantsFifo, now);
    this.#checkRedrive(queue, normalised);
    queue.applyAttributes(normalised, now);
    for (const [k, v] of Object.entries(tags)) queue.tags.set(k, v);
    this.#queues.set(name, queue);
    this.#deletedAt.delete(name);
    return queue;
  }

  deleteQueue(name: string): void {
    const queue = this.queue(name);
    this.#queues.delete(name);
    this.#deletedAt.set(name, this.#clock.now());
    queue.purge();
    this.#polls.cancel(queue);
  }

  listQueues(prefix: string | undefined): string[] {
    return this.queueNames().filter((n) => prefix === undefined || n.startsWith(prefix));
  }

  listDeadLetterSourceQueues(name: string): string[] {
    const arn = this.queue(name).arn;
    return this.queueNames().filter(
      (n) => this.#queues.get(n)!.redrivePolicy?.deadLetterTargetArn === arn,
    );
  }

  getQueueAttributes(name: string, names: readonly string[]): Record<string, string> {
    const queue = this.queue(name);
    for (const n of names) {
      if (n !== 'All' && !(READABLE_ATTRIBUTES as readonly string[]).includes(n)) {
        throw unknownAttribute(n);
      }
    }
    const wanted = names.includes('All') ? READABLE_ATTRIBUTES : names;
    const now = this.#clock.now();
    const counts = queue.counts(now);
    const out: Record<string, string> = {};
    for (const n of wanted) {
      const value = this.#attributeValue(queue, n, counts);
      if (value !== undefined) out[n] = value;
    }
    return out;
  }

  #attributeValue(
    queue: Queue,
    name: string,
    counts: { visible: number; inflight: number; delayed: number },
  ): string | undefined {
    switch (name) {
      case 'QueueArn':
        return queue.arn;
      case 'ApproximateNumberOfMessages':
        return String(counts.visible);
      case 'ApproximateNumberOfMessagesNotVisible':
        return String(counts.inflight);
      case 'ApproximateNumberOfMessagesDelayed':
        return String(counts.delayed);
      case 'CreatedTimestamp':
        return String(Math.floor(queue.createdAt / 1000));
      case 'LastModifiedTimestamp':
        return String(Math.floor(queue.lastModifiedAt / 1000));
      case 'Policy':
        return queue.attributes.get('Policy') ?? permissionsPolicy(queue);
      default:
        return queue.attributes.get(name);
    }
  }

  setQueueAttributes(name: string, attributes: Record<string, string>): void {
    const queue = this.queue(name);
    if (Object.keys(attributes).length === 0) {
      throw missingParameter('Attribute.1.Name');
    }
    if (attributes.FifoQueue !== undefined) {
      // The queue type is fixed at creation.
      if (attributes.FifoQueue !== String(queue.fifo)) {
        throw new SqsError('InvalidAttributeValue', 'Invalid value for the parameter FifoQueue.');
      }
    }
    const normalised = validateSettable(attributes, queue.fifo);
    delete normalised.FifoQueue;
    this.#checkRedrive(queue, normalised);
    queue.applyAttributes(normalised, this.#clock.now());
    // A shorter delay or visibility can make messages receivable sooner for parked polls.
    this.#polls.serve(queue);
  }

  /** Cross-queue rules for RedrivePolicy / RedriveAllowPolicy being set on `queue`. */
  #checkRedrive(queue: Queue, attributes: Record<string, string>): void {
    const raw = attributes.RedrivePolicy;
    if (raw === undefined || raw === '') return;
    const policy = JSON.parse(raw) as { deadLetterTargetArn: string };
    const dlq = this.queueByArn(policy.deadLetterTargetArn);
    if (!dlq) {
      throw invalidValue(raw, 'RedrivePolicy', 'Dead-letter target does not exist.');
    }
    if (dlq.fifo !== queue.fifo) {
      throw invalidValue(
        raw,
        'RedrivePolicy',
        'Dead-letter queue and source queue must be of the same type (both standard or both FIFO).',
      );
    }
    if (dlq === queue) {
      throw invalidValue(raw, 'RedrivePolicy', 'A queue cannot be its own dead-letter queue.');
    }
    const allow = dlq.redriveAllowPolicy;
    if (
      allow &&
      (allow.redrivePermission === 'denyAll' ||
        (allow.redrivePermission === 'byQueue' && !allow.sourceQueueArns.includes(queue.arn)))
    ) {
      throw invalidValue(
        raw,
        'RedrivePolicy',
        `The dead-letter queue's RedriveAllowPolicy does not allow ${queue.arn} as a source queue.`,
      );
    }
  }

  // ---- tags and permissions --------------------------------------------------------------

  tagQueue(name: string, tags: Record<string, string>): void {
    tagQueue(this.queue(name), tags);
  }

  untagQueue(name: string, keys: readonly string[]): void {
    const queue = this.queue(name);
    for (const k of keys) queue.tags.delete(k);
  }

  listQueueTags(name: string): Record<string, string> {
    return Object.fromEntries(this.queue(name).tags);
  }

  addPermission(
    name: string,
    label: string,
    accounts: readonly string[],
    actions: readonly string[],
  ): void {
    addPermission(this.queue(name), label, accounts, actions);
  }

  removePermission(name: string, label: string): void {
    removePermission(this.queue(name), label);
  }

  // ---- messages --------------------------------------------------------------------------

  sendMessage(name: string, input: SendInput): SendResult {
    const queue = this.queue(name);
    const now = this.#clock.now();
    const prepared = prepareSend(queue, input);
    if (!queue.fifo) {
      const message = this.#store(queue, prepared, this.#nextIdNumber++, undefined, now);
      return sendResult(prepared, message.messageId, undefined);
    }
    const dedupKey =
      queue.deduplicationScope === 'messageGroup'
        ? `${prepared.groupId}\u0000${prepared.deduplicationId}`
        : prepared.deduplicationId!;
    const seen = queue.dedup.get(dedupKey);
    // Within the window a repeated send answers like the first one and stores nothing.
    if (seen && seen.expiresAt > now)
      return sendResult(prepared, seen.messageId, seen.sequenceNumber);
    const sequenceNumber = this.#sequenceNumber();
    const message = this.#store(queue, prepared, this.#nextIdNumber++, sequenceNumber, now);
    const messageId = message.messageId;
    queue.dedup.set(dedupKey, { expiresAt: now + FIFO_DEDUP_WINDOW_MS, messageId, sequenceNumber });
    pruneDedup(queue, now);
    return sendResult(prepared, messageId, sequenceNumber);
  }

  #sequenceNumber(): string {
    return (this.#nextSequence++).toString().padStart(20, '0');
  }

  #store(
    queue: Queue,
    m: PreparedMessage,
    idNumber: number,
    sequenceNumber: string | undefined,
    now: number,
  ): StoredMessage {
    const message = new StoredMessage({
      key: this.#nextKey++,
      idNumber,
      idFormat: this.#idFormat,
      body: m.body,
      attributes: m.attributes,
      sentAt: now,
      visibleAt: now + m.delay * 1000,
      details: messageDetails({
        traceHeader: m.traceHeader,
        groupId: m.groupId,
        deduplicationId: m.deduplicationId,
        sequenceNumber,
        deadLetterSourceArn: undefined,
      }),
    });
    queue.add(message, now);
    const copies = this.#hooks.extraCopiesOnSend?.(queue.name, message) ?? 0;
    for (let i = 0; i < copies; i++) {
      queue.add(
        new StoredMessage({
          key: this.#nextKey++,
          idNumber,
          idFormat: this.#idFormat,
          body: message.body,
          attributes: message.attributes,
          sentAt: message.sentAt,
          visibleAt: message.visibleAt,
          details: message.details,
        }),
        now,
      );
    }
    this.#polls.serve(queue);
    return message;
  }

  /** Re-enqueues an existing message body as a new message (message move tasks). */
  redriveCopy(target: Queue, message: StoredMessage): void {
    const prepared: PreparedMessage = {
      body: message.body,
      attributes: message.attributes,
      traceHeader: message.traceHeader,
      delay: 0,
      groupId: message.groupId,
      deduplicationId: message.deduplicationId,
    };
    const sequenceNumber = target.fifo ? this.#sequenceNumber() : undefined;
    this.#store(target, prepared, this.#nextIdNumber++, sequenceNumber, this.#clock.now());
  }

  receiveMessage(
    name: string,
    input: ReceiveInput,
    signal?: AbortSignal,
  ): Promise<ReceivedMessage[]> {
    const queue = this.queue(name);
    const max = input.MaxNumberOfMessages ?? 1;
    if (!Number.isInteger(max) || max < 1 || max > MAX_RECEIVE_MESSAGES) {
      throw invalidValue(
        max,
        'MaxNumberOfMessages',
        `Must be between 1 and ${MAX_RECEIVE_MESSAGES}, if provided.`,
      );
    }
    const wait = input.WaitTimeSeconds ?? queue.receiveWaitSeconds;
    if (!Number.isInteger(wait) || wait < 0 || wait > MAX_WAIT_SECONDS) {
      throw invalidValue(
        wait,
        'WaitTimeSeconds',
        `Must be >= 0 and <= ${MAX_WAIT_SECONDS}, if provided.`,
      );
    }
    const visibility = input.VisibilityTimeout;
    if (visibility !== undefined && !isVisibility(visibility)) {
      throw invalidValue(
        visibility,
        'VisibilityTimeout',
        `Must be >= 0 and <= ${MAX_VISIBILITY_SECONDS}, if provided.`,
      );
    }
    const view = {
      systemNames: [...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])],
      attributeNames: input.MessageAttributeNames ?? [],
    };
    const room = (): number => this.#maxInFlight - queue.inFlightCount(this.#clock.now());
    const seconds = visibility ?? queue.visibilityTimeout;
    const attemptId = queue.fifo ? input.ReceiveRequestAttemptId : undefined;
    if (attemptId !== undefined) {
      checkToken(attemptId, 'ReceiveRequestAttemptId');
      const repeated = this.#repeatAttempt(queue, attemptId, seconds);
      if (repeated) return Promise.resolve(repeated.map((m) => receivedView(m, m.handle!, view)));
    }
    const take = (): ReceivedMessage[] => {
      const allowed = Math.min(max, room());
      if (allowed <= 0) return [];
      const taken = this.#take(queue, allowed, seconds);
      if (attemptId !== undefined && taken.length > 0) {
        const now = this.#clock.now();
        if (queue.attempts.size >= 1024) {
          for (const [id, a] of queue.attempts) if (a.expiresAt <= now) queue.attempts.delete(id);
        }
        queue.attempts.set(attemptId, {
          expiresAt: now + FIFO_DEDUP_WINDOW_MS,
          messages: taken.map((m) => ({ message: m, serial: m.serial })),
        });
      }
      return taken.map((m) => receivedView(m, m.handle!, view));
    };
    // A short poll at the in-flight limit is refused; a long poll waits for room.
    if (wait === 0 && room() <= 0) {
      throw new SqsError(
        'OverLimit',
        `The queue ${name} already has ${this.#maxInFlight} messages in flight, the most allowed; delete or release some first.`,
      );
    }
    const first = take();
    if (first.length > 0 || wait === 0 || signal?.aborted) return Promise.resolve(first);
    return this.#polls.park(queue, wait, take, signal);
  }

  /**
   * FIFO retries: the same ReceiveRequestAttemptId within 5 minutes gets the same messages and
   * receipt handles again, with their visibility timeout restarted, as long as none of them was
   * deleted or received since.
   */
  #repeatAttempt(queue: Queue, attemptId: string, seconds: number): StoredMessage[] | undefined {
    const now = this.#clock.now();
    const attempt = queue.attempts.get(attemptId);
    if (!attempt) return undefined;
    queue.attempts.delete(attemptId);
    if (attempt.expiresAt <= now) return undefined;
    const unchanged = attempt.messages.every(
      ({ message, serial }) => !message.deleted && message.serial === serial,
    );
    if (!unchanged) return undefined;
    queue.attempts.set(attemptId, attempt);
    const messages = attempt.messages.map(({ message }) => message);
    for (const message of messages) queue.setVisibleAt(message, now + seconds * 1000, now);
    return messages;
  }

  #take(queue: Queue, max: number, visibilitySeconds: number): StoredMessage[] {
    const now = this.#clock.now();
    const touched = new Set<Queue>();
    const taken = queue.take(now, max, (m) => {
      const target = this.#deadLetterTarget(queue, m);
      if (!target) return false;
      queue.remove(m);
      target.add(deadLetterCopy(m, this.#nextKey++, queue.arn, now), now);
      touched.add(target);
      return true;
    });
    for (const message of taken) {
      queue.markReceived(message);
      message.receiveCount++;
      message.serial++;
      const handle = encodeHandle(message.key, message.serial, this.#ids.hex(16));
      if (message.receipt === undefined) {
        message.receipt = { firstReceiveAt: now, receivedAt: now, handle };
      } else {
        message.receipt.receivedAt = now;
        message.receipt.handle = handle;
      }
      const offset = this.#hooks.visibilityOffsetMs?.(queue.name, message) ?? 0;
      queue.setVisibleAt(message, Math.max(now, now + visibilitySeconds * 1000 + offset), now);
    }
    // DLQ waiters are served after this receive has finished with the source queue.
    for (const target of touched) queueMicrotask(() => this.#polls.serve(target));
    return taken;
  }

  #deadLetterTarget(queue: Queue, message: StoredMessage): Queue | undefined {
    const policy = queue.redrivePolicy;
    if (!policy || message.receiveCount < policy.maxReceiveCount) return undefined;
    const target = this.queueByArn(policy.deadLetterTargetArn);
    return target && target !== queue ? target : undefined;
  }

  #message(queue: Queue, handle: string): { message: StoredMessage | undefined; serial: number } {
    const parsed = parseHandle(handle);
    if (!parsed) {
      throw new SqsError(
        'ReceiptHandleIsInvalid',
        // Quoted like AWS does, but a hostile megabyte-long handle is not echoed back whole.
        `The input receipt handle "${handle.length > 256 ? `${handle.slice(0, 256)}…` : handle}" is not a valid receipt handle.`,
      );
    }
    return { message: queue.receivedMessage(parsed.key), serial: parsed.serial };
  }

  /**
   * Pinned behaviours: the current handle deletes; the handle of an expired, not yet re-received
   * message deletes on standard queues and fails on FIFO queues; a handle from before the latest
   * receive answers success but leaves the message alone (AWS: "might not be deleted"); a handle
   * of a message already gone answers success.
   */
  deleteMessage(name: string, handle: string): void {
    const queue = this.queue(name);
    const { message, serial } = this.#message(queue, handle);
    if (!message || serial !== message.serial) return;
    const now = this.#clock.now();
    if (queue.fifo && message.visibleAt <= now) {
      throw invalidValue(handle, 'ReceiptHandle', 'The receipt handle has expired.');
    }
    if (this.#hooks.keepOnDelete?.(queue.name, message)) return;
    queue.remove(message);
    // Deleting releases a FIFO group, or in-flight room, for parked polls.
    if (queue.waiters.length > 0) this.#polls.serve(queue);
  }

  changeMessageVisibility(name: string, handle: string, seconds: number): void {
    const queue = this.queue(name);
    if (!isVisibility(seconds)) {
      throw invalidValue(
        seconds,
        'VisibilityTimeout',
        `Must be between 0 and ${MAX_VISIBILITY_SECONDS}, if provided.`,
      );
    }
    const { message, serial } = this.#message(queue, handle);
    if (!message || serial !== message.serial) {
      throw invalidValue(
        handle,
        'ReceiptHandle',
        'Message does not exist or is not available for visibility timeout change.',
      );
    }
    const now = this.#clock.now();
    if (message.visibleAt <= now) {
      throw new SqsError('MessageNotInflight', 'The message referred to is not in flight.');
    }
    const until = now + seconds * 1000;
    if (until - (message.receipt?.receivedAt ?? now) > MAX_VISIBILITY_SECONDS * 1000) {
      throw invalidValue(
        seconds,
        'VisibilityTimeout',
        `Total VisibilityTimeout for the message is beyond the limit [${MAX_VISIBILITY_SECONDS} seconds]`,
      );
    }
    queue.setVisibleAt(message, until, now);
    this.#polls.serve(queue);
  }

  purgeQueue(name: string): void {
    const queue = this.queue(name);
    const now = this.#clock.now();
    if (
      !this.settings.allowRepeatedPurge &&
      queue.lastPurgeAt !== undefined &&
      now - queue.lastPurgeAt < PURGE_INTERVAL_MS
    ) {
      throw new SqsError(
        'PurgeQueueInProgress',
        `Only one PurgeQueue operation on ${name} is allowed every 60 seconds.`,
      );
    }
    queue.lastPurgeAt = now;
    queue.purge();
  }

  /** Answers every parked poll empty and forgets all queues (control-plane reset, shutdown). */
  reset(): void {
    for (const queue of this.#queues.values()) {
      queue.purge();
      this.#polls.cancel(queue);
    }
    this.#queues.clear();
    this.#deletedAt.clear();
  }

  // ---- inspection (control plane) --------------------------------------------------------

  inspectMessages(name: string): MessageInspection[] {
    const queue = this.queue(name);
    const now = this.#clock.now();
    return queue.allMessages().map((m) => ({
      messageId: m.messageId,
      state: queue.stateOf(m, now),
      body: m.body,
      receiveCount: m.receiveCount,
      sentAt: m.sentAt,
      visibleAt: m.visibleAt,
      firstReceiveAt: m.firstReceiveAt,
      receiptHandle: m.handle,
      messageGroupId: m.groupId,
      deadLetterSourceArn: m.deadLetterSourceArn,
      messageAttributes: Object.keys(m.attributes),
    }));
  }

  waitingPolls(name: string): number {
    return this.queue(name).waiters.length;
  }
}

function isVisibility(seconds: number): boolean {
  return Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_VISIBILITY_SECONDS;
}

function pruneDedup(queue: Queue, now: number): void {
  // Cheap amortised cleanup: only when the map has grown, drop expired ids.
  if (queue.dedup.size < 1024) return;
  for (const [id, entry] of queue.dedup) if (entry.expiresAt <= now) queue.dedup.delete(id);
}
