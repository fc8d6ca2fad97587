// The SQS domain's shared state: the queues of one region by name, the names deleted recently, and
// the engine-wide counters (message keys, id numbers, FIFO sequence numbers), with the clock, id
// source, fault hooks and long polls every operation needs. The operation modules (send.ts,
// receive.ts, settle.ts, queue-admin.ts, inspection.ts) work on it; engine.ts is their one facade.

import type { RandomIds } from '../../../kernel/ids.ts';
import type { TimerClock } from '../../../kernel/virtual-clock.ts';
import { queueDoesNotExist } from './errors.ts';
import { ACCOUNT_ID, MAX_IN_FLIGHT } from './limits.ts';
import { LongPolls } from './long-poll.ts';
import { MessageIdFormat } from './message-id.ts';
import type { Queue, QueueChanges } from './queue.ts';
import type { StoredMessage } from './stored-message.ts';

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
  /** Another region's settings object, shared: one emulator has one set of settings. */
  sharedSettings?: EngineSettings;
}

export class QueueRegistry {
  readonly region: string;
  readonly settings: EngineSettings;
  readonly clock: TimerClock;
  readonly ids: RandomIds;
  readonly hooks: EngineHooks;
  readonly polls: LongPolls;
  readonly maxInFlight: number;
  readonly idFormat: MessageIdFormat;
  readonly queues = new Map<string, Queue>();
  readonly deletedAt = new Map<string, number>();
  #nextKey = 1;
  #nextIdNumber = 1;
  #nextSequence = 1n;
  /** Told of every state change when something keeps state (persistence); else undefined. */
  changes: QueueChanges | undefined;

  constructor(options: EngineOptions) {
    this.clock = options.clock;
    this.ids = options.ids;
    this.idFormat = new MessageIdFormat(options.ids);
    this.region = options.region;
    this.hooks = options.hooks ?? {};
    this.polls = new LongPolls(options.clock);
    this.maxInFlight = options.maxInFlight ?? MAX_IN_FLIGHT;
    this.settings = options.sharedSettings ?? { allowRepeatedPurge: false, ...options.settings };
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
    const queue = this.queues.get(name);
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  queueByArn(arn: string): Queue | undefined {
    const name = this.nameFromArn(arn);
    return name === undefined ? undefined : this.queues.get(name);
  }

  queueNames(): string[] {
    return [...this.queues.keys()].sort();
  }

  /** A fresh engine-wide message key (receipt handles carry it). */
  nextKey(): number {
    return this.#nextKey++;
  }

  /** A fresh number for a message id (shown as a UUID). */
  nextIdNumber(): number {
    return this.#nextIdNumber++;
  }

  /** Where the counters stand (persistence keeps them so keys and ids are never reused). */
  counters(): { key: number; id: number; sequence: string } {
    return { key: this.#nextKey, id: this.#nextIdNumber, sequence: this.#nextSequence.toString() };
  }

  restoreCounters(counters: { key: number; id: number; sequence: string }): void {
    this.#nextKey = counters.key;
    this.#nextIdNumber = counters.id;
    this.#nextSequence = BigInt(counters.sequence);
  }

  /** Starts (or stops, with undefined) telling `changes` about every change from now on. */
  attachChanges(changes: QueueChanges | undefined): void {
    this.changes = changes;
    for (const queue of this.queues.values()) queue.changes = changes;
  }

  /** A fresh FIFO sequence number: 20 digits, increasing across the engine. */
  nextSequenceNumber(): string {
    return (this.#nextSequence++).toString().padStart(20, '0');
  }
}
