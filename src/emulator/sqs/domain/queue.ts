// One queue's state: its attributes and its messages, with the dequeue logic for standard and FIFO
// queues. Visibility is a per-message deadline (`visibleAt`) checked when dequeuing. A standard
// queue keeps fresh receivable messages, in send order, in a plain array read from a head index,
// messages that become visible later (delayed or in flight) in a deadline heap, and those once
// they did in a heap by send order, so receives hand out the earliest sent first as AWS does,
// nothing sweeps, and a message never received costs one array slot and no map entry. A deleted
// message leaves a heap at once; one deleted while still in the array is skipped when the head
// reaches it.
import { DeadlineHeap } from './deadline-heap.ts';
import {
  DEFAULT_ATTRIBUTES,
  FIFO_DEFAULT_ATTRIBUTES,
  parseRedriveAllowPolicy,
  parseRedrivePolicy,
  type RedriveAllowPolicy,
  type RedrivePolicy,
} from './queue-attributes.ts';
import type { StoredMessage } from './stored-message.ts';

export type { StoredMessage } from './stored-message.ts';

export interface Permission {
  accounts: string[];
  actions: string[];
}

/** A long poll parked on the queue. */
export interface Waiter {
  /** Tries to take messages for this poll; true when it was answered. */
  tryServe(): boolean;
  /** Answers the poll empty (queue deleted, emulator reset or stopped). */
  cancel(): void;
}

export type MessageState = 'visible' | 'inflight' | 'delayed';

// The port through which a region's SQS domain reports its state changes to whoever keeps state
// (the persistence adapter, src/emulator/persistence/); the domain itself never does I/O. A call
// names what changed, not how: the keeper reads the entity's current state when it writes, so a
// message touched several times in one request costs one record. snapshot.ts turns entities into
// plain data and back.
export interface DedupEntry {
  expiresAt: number;
  messageId: string;
  sequenceNumber: string;
}

export interface QueueChanges {
  /** Created, or its attributes, tags, permissions or last purge changed. */
  queue(queue: Queue): void;
  queueDeleted(name: string): void;
  /** Every message and deduplication id of the queue is gone. */
  purged(queue: Queue): void;
  /** Stored (sent, a duplicate, a dead-letter or moved copy). */
  messageAdded(queue: Queue, message: StoredMessage): void;
  /** Received, or its visibility deadline moved: only its receive state changed. */
  message(queue: Queue, message: StoredMessage): void;
  messageRemoved(queue: Queue, message: StoredMessage): void;
  dedup(queue: Queue, key: string, entry: DedupEntry): void;
  /** A message move task started, progressed, finished or was cancelled. */
  moveTasks(): void;
  /** Every queue and move task of the region is gone. */
  reset(): void;
}

export class Queue {
  readonly name: string;
  readonly arn: string;
  readonly fifo: boolean;
  readonly createdAt: number;
  lastModifiedAt: number;
  /** Settable attributes as strings, defaults included; '' never stored. */
  readonly attributes = new Map<string, string>();
  readonly tags = new Map<string, string>();
  readonly permissions = new Map<string, Permission>();
  lastPurgeAt: number | undefined;
  /** Told of every message change when something keeps state (persistence). */
  changes: QueueChanges | undefined;
  // Messages received at least once, by key: only those can be named by a receipt handle, so a
  // message never received costs no map entry.
  readonly #received = new Map<number, StoredMessage>();
  /** FIFO: deduplication id → first message's id and sequence number, until `expiresAt`. */
  readonly dedup = new Map<
    string,
    { expiresAt: number; messageId: string; sequenceNumber: string }
  >();
  /** FIFO: ReceiveRequestAttemptId → what that receive returned, for retries within 5 minutes. */
  readonly attempts = new Map<
    string,
    { expiresAt: number; messages: { message: StoredMessage; serial: number }[] }
  >();
  readonly waiters: Waiter[] = [];
  wake: { at: number; cancel(): void } | undefined;
  // Standard queues: messages receivable since they were sent, from #readyHead on, in send order.
  // A message is in here at most once: it enters when sent visible and leaves only by being taken.
  // Slots before the head are cleared, so taken and deleted messages are not kept alive until the
  // array is compacted.
  #ready: (StoredMessage | undefined)[] = [];
  #readyHead = 0;
  #later = new DeadlineHeap<StoredMessage>();
  // Standard queues: messages receivable again after a delay or visibility timeout, by key (send
  // order); a receive takes from here or from #ready, whichever message was sent first.
  #returned = new DeadlineHeap<StoredMessage>();
  // Standard queues: received messages whose deadline has not been seen passing yet.
  #inFlight = 0;
  #fifoOrder: StoredMessage[] = [];
  #redrive: RedrivePolicy | undefined;
  #redriveAllow: RedriveAllowPolicy | undefined;
  // MessageRetentionPeriod in ms, parsed once per attribute change: every dequeue checks it.
  #retentionMs: number;

  constructor(name: string, arn: string, fifo: boolean, now: number, createdAt = now) {
    this.name = name;
    this.arn = arn;
    this.fifo = fifo;
    this.createdAt = createdAt;
    this.lastModifiedAt = now;
    for (const [k, v] of Object.entries(DEFAULT_ATTRIBUTES)) this.attributes.set(k, v);
    if (fifo)
      for (const [k, v] of Object.entries(FIFO_DEFAULT_ATTRIBUTES)) this.attributes.set(k, v);
    this.#retentionMs = this.retentionSeconds * 1000;
  }

  applyAttributes(attributes: Readonly<Record<string, string>>, now: number): void {
    for (const [name, value] of Object.entries(attributes)) {
      // An empty value removes the attribute (how AWS clears RedrivePolicy, Policy, ...).
      if (value === '') this.attributes.delete(name);
      else this.attributes.set(name, value);
    }
    const redrive = this.attributes.get('RedrivePolicy');
    this.#redrive = redrive === undefined ? undefined : parseRedrivePolicy(redrive);
    const allow = this.attributes.get('RedriveAllowPolicy');
    this.#redriveAllow = allow === undefined ? undefined : parseRedriveAllowPolicy(allow);
    this.#retentionMs = this.retentionSeconds * 1000;
    this.lastModifiedAt = now;
  }

  #seconds(name: string): number {
    return Number(this.attributes.get(name) ?? DEFAULT_ATTRIBUTES[name] ?? 0);
  }
  get visibilityTimeout(): number {
    return this.#seconds('VisibilityTimeout');
  }
  get delaySeconds(): number {
    return this.#seconds('DelaySeconds');
  }
  get retentionSeconds(): number {
    return this.#seconds('MessageRetentionPeriod');
  }
  get maximumMessageSize(): number {
    return this.#seconds('MaximumMessageSize');
  }
  get receiveWaitSeconds(): number {
    return this.#seconds('ReceiveMessageWaitTimeSeconds');
  }
  get contentBasedDeduplication(): boolean {
    return this.attributes.get('ContentBasedDeduplication') === 'true';
  }
  get deduplicationScope(): string {
    return this.attributes.get('DeduplicationScope') ?? 'queue';
  }
  get redrivePolicy(): RedrivePolicy | undefined {
    return this.#redrive;
  }
  get redriveAllowPolicy(): RedriveAllowPolicy | undefined {
    return this.#redriveAllow;
  }

  stateOf(message: StoredMessage, now: number): MessageState {
    if (message.visibleAt <= now) return 'visible';
    return message.receiveCount > 0 ? 'inflight' : 'delayed';
  }

  add(message: StoredMessage, now: number): void {
    if (this.fifo) this.#fifoOrder.push(message);
    else if (message.visibleAt > now) this.#later.push(message.visibleAt, message);
    else this.#ready.push(message);
    this.changes?.messageAdded(this, message);
  }

  remove(message: StoredMessage): void {
    this.#release(message);
    message.deleted = true;
    this.#received.delete(message.key);
    this.#unheap(message);
    this.changes?.messageRemoved(this, message);
    // FIFO order entries are compacted lazily by the scan in takeFifo.
  }

  /** Records a receive of `message`, so receipt handles can find it by key from now on. */
  markReceived(message: StoredMessage): void {
    this.#received.set(message.key, message);
  }

  /** The message a receipt handle's key names, when it is still here. */
  receivedMessage(key: number): StoredMessage | undefined {
    return this.#received.get(key);
  }

  /** Every message still in the queue, oldest first (inspection). */
  allMessages(): StoredMessage[] {
    const all: StoredMessage[] = [];
    this.#forEachLive((message) => {
      all.push(message);
    });
    return all.sort((a, b) => a.key - b.key);
  }

  /**
   * Calls `fn` with every message still in the queue, in no particular order; `fn` must not add
   * or remove messages. A standard queue's messages are each either in the ready list (past the
   * head) or in the deadline heap; a FIFO queue's are all in its order list.
   */
  #forEachLive(fn: (message: StoredMessage) => void): void {
    if (this.fifo) {
      for (const message of this.#fifoOrder) if (!message.deleted) fn(message);
      return;
    }
    for (let i = this.#readyHead; i < this.#ready.length; i++) {
      const message = this.#ready[i];
      if (message !== undefined && !message.deleted) fn(message);
    }
    this.#later.forEach(fn);
    this.#returned.forEach(fn);
  }

  /**
   * Moves a message's next-delivery deadline (receive, visibility change, fault injection).
   * `stamp`, a fresh number from the engine's key counter, records when the message went back to
   * the queue so FIFO receives order its group after those waiting longer; left out (restoring
   * state), the message keeps its place.
   */
  setVisibleAt(message: StoredMessage, at: number, now: number, stamp?: number): void {
    this.#release(message);
    message.visibleAt = at;
    if (this.fifo && stamp !== undefined && message.receipt !== undefined) {
      message.receipt.readyStamp = stamp;
    }
    if (!this.fifo && at > now && message.receiveCount > 0) {
      message.holdsInFlight = true;
      this.#inFlight++;
    }
    this.#place(message, now);
    this.changes?.message(this, message);
  }

  /**
   * Hides a message that may be visible right now (ChangeMessageVisibility after its timeout
   * passed). A standard queue's visible message sits in the returned heap, which setVisibleAt
   * takes it out of, or in the ready list, which must let go of it first: found by a scan, as
   * this is rare and receives must not pay for it.
   */
  hide(message: StoredMessage, at: number, now: number, stamp: number): void {
    if (!this.fifo && message.heapIndex === -1 && message.visibleAt <= now) {
      const i = this.#ready.indexOf(message, this.#readyHead);
      if (i !== -1) this.#ready[i] = undefined;
    }
    this.setVisibleAt(message, at, now, stamp);
  }

  #release(message: StoredMessage): void {
    if (!message.holdsInFlight) return;
    message.holdsInFlight = false;
    this.#inFlight--;
  }

  /** Moves heap entries whose deadline has passed to the ready list. */
  #drainDue(now: number): void {
    for (;;) {
      const at = this.#later.peekAt();
      if (at === undefined || at > now) break;
      const message = this.#later.pop()!;
      this.#release(message);
      this.#return(message);
    }
  }

  #return(message: StoredMessage): void {
    message.returned = true;
    this.#returned.push(message.key, message);
  }

  /** Takes a message out of whichever heap holds it. */
  #unheap(message: StoredMessage): void {
    if (message.returned) {
      message.returned = false;
      this.#returned.remove(message);
    } else {
      this.#later.remove(message);
    }
  }

  /** Messages received and not yet deleted or returned (AWS's in-flight count). */
  inFlightCount(now: number): number {
    if (!this.fifo) {
      this.#drainDue(now);
      return this.#inFlight;
    }
    let count = 0;
    for (const message of this.#fifoOrder) {
      if (!message.deleted && message.receiveCount > 0 && message.visibleAt > now) count++;
    }
    return count;
  }

  #place(message: StoredMessage, now: number): void {
    if (this.fifo) return;
    this.#unheap(message);
    if (message.visibleAt > now) this.#later.push(message.visibleAt, message);
    else this.#return(message);
  }

  isExpired(message: StoredMessage, now: number): boolean {
    return now >= message.sentAt + this.#retentionMs;
  }

  /**
   * Picks up to `max` receivable messages. `divert` is offered each candidate first (DLQ redrive);
   * when it returns true the message has left this queue and is not delivered.
   */
  take(now: number, max: number, divert: (m: StoredMessage) => boolean): StoredMessage[] {
    return this.fifo ? this.#takeFifo(now, max, divert) : this.#takeStandard(now, max, divert);
  }

  #takeStandard(now: number, max: number, divert: (m: StoredMessage) => boolean): StoredMessage[] {
    this.#drainDue(now);
    const out: StoredMessage[] = [];
    while (out.length < max) {
      const message = this.#nextReceivable();
      if (message === undefined) break;
      if (message.deleted) continue;
      if (this.isExpired(message, now)) {
        this.remove(message);
        continue;
      }
      if (divert(message)) continue;
      out.push(message);
    }
    if (this.#readyHead > 1024 && this.#readyHead * 2 > this.#ready.length) {
      this.#ready = this.#ready.slice(this.#readyHead);
      this.#readyHead = 0;
    }
    return out;
  }

  /** The receivable message sent first, taken out: the ready list's head or a returned one. */
  #nextReceivable(): StoredMessage | undefined {
    let fresh = this.#ready[this.#readyHead];
    while (fresh === undefined && this.#readyHead < this.#ready.length) {
      fresh = this.#ready[++this.#readyHead];
    }
    const returnedKey = this.#returned.peekAt();
    if (returnedKey !== undefined && (fresh === undefined || returnedKey < fresh.key)) {
      const message = this.#returned.pop()!;
      message.returned = false;
      return message;
    }
    if (fresh !== undefined) this.#ready[this.#readyHead++] = undefined;
    return fresh;
  }

  /**
   * FIFO receive: a group is decided by its oldest message (in flight or delayed blocks the whole
   * group). As on AWS, one receive returns a group's messages together and in order before those
   * of the next group, and takes the groups in the order their oldest message became receivable:
   * a group whose message came back (visibility timeout over or changed, a receive with timeout 0)
   * queues behind the groups that waited longer. One scan, in send order; only the `max` groups
   * that became receivable first are followed (each gives at least one message).
   *
   * A queue of one group per message (group = task id) must not pay a map entry per group on
   * every receive, so the scan stops looking at new groups once none can make the cut. A message
   * becomes receivable no earlier than the clock reading when it was added to this queue
   * (`visibleAt` is now plus a delay or timeout), and with a stamp no smaller than its key (keys
   * and return stamps come from one counter); the order list is in order of adding, so both only
   * grow along it, and the message's `sentAt` is at most that reading (a copy keeps an older
   * one). So once the best `max` are found and the worst of them became receivable before
   * (`sentAt`, key) of a message, nothing from that message on can displace it.
   */
  #takeFifo(now: number, max: number, divert: (m: StoredMessage) => boolean): StoredMessage[] {
    // Group id → its candidate entry while it is among the best `max`, else SKIPPED (head not
    // receivable, or receivable later than the best `max`).
    const groups = new Map<string, FifoCandidate | typeof SKIPPED>();
    const best: FifoCandidate[] = [];
    // Set once no later group can be among the best `max` (see above): only the followed
    // groups' runs are still collected.
    let settled = false;
    let live = 0;
    for (const message of this.#fifoOrder) {
      if (message.deleted) continue;
      this.#fifoOrder[live++] = message;
      const key = message.groupId ?? '';
      const group = groups.get(key);
      if (group === SKIPPED) continue;
      if (group === undefined) {
        if (this.isExpired(message, now)) {
          this.remove(message);
          live--;
          continue;
        }
        if (settled) continue;
        if (best.length === max) {
          const worst = best[max - 1]!.run[0]!;
          if (before(worst.visibleAt, readyStamp(worst), message.sentAt, message.key)) {
            settled = true;
            continue;
          }
        }
        groups.set(key, message.visibleAt > now ? SKIPPED : admit(best, message, max, groups));
        continue;
      }
      if (!group.open) continue;
      if (this.isExpired(message, now)) {
        this.remove(message);
        live--;
      } else if (message.visibleAt > now) {
        group.open = false;
      } else if (group.run.length < max) {
        group.run.push(message);
      } else {
        group.open = false;
      }
    }
    this.#fifoOrder.length = live;
    const out: StoredMessage[] = [];
    for (const { run } of best) {
      for (const message of run) {
        if (out.length >= max) return out;
        if (!divert(message)) out.push(message);
      }
    }
    return out;
  }

  /** The next instant at which a not-yet-visible message may become receivable. */
  nextVisibleAt(now: number): number | undefined {
    if (!this.fifo) return this.#later.peekAt();
    let next: number | undefined;
    for (const message of this.#fifoOrder) {
      if (message.deleted || message.visibleAt <= now) continue;
      if (next === undefined || message.visibleAt < next) next = message.visibleAt;
    }
    return next;
  }

  /** Approximate counts as GetQueueAttributes reports them; drops expired messages on the way. */
  counts(now: number): { visible: number; inflight: number; delayed: number } {
    const counts = { visible: 0, inflight: 0, delayed: 0 };
    const expired: StoredMessage[] = [];
    this.#forEachLive((message) => {
      if (this.isExpired(message, now)) expired.push(message);
      else counts[this.stateOf(message, now)]++;
    });
    for (const message of expired) this.remove(message);
    return counts;
  }

  purge(): void {
    this.#forEachLive((message) => {
      message.deleted = true;
    });
    this.#received.clear();
    this.#ready = [];
    this.#readyHead = 0;
    this.#later.clear();
    this.#returned.clear();
    this.#inFlight = 0;
    this.#fifoOrder = [];
    this.attempts.clear();
    // AWS forgets deduplication ids on purge: the same id may be sent again at once.
    this.dedup.clear();
    this.changes?.purged(this);
  }
}

/** A FIFO group followed by a receive: its receivable messages from the head on, in order. */
interface FifoCandidate {
  groupId: string;
  run: StoredMessage[];
  open: boolean;
}

const SKIPPED = Symbol('skipped');

/**
 * When a message became receivable, for ordering FIFO groups: its visibility deadline, then the
 * stamp of the event that set it (a send: its key; a return to the queue: a later key, see
 * Queue.setVisibleAt), so events in one millisecond keep the order they happened in.
 */
function readyBefore(a: StoredMessage, b: StoredMessage): boolean {
  return before(a.visibleAt, readyStamp(a), b.visibleAt, readyStamp(b));
}

function readyStamp(message: StoredMessage): number {
  return message.receipt?.readyStamp ?? message.key;
}

/** Whether instant `atA` with stamp `stampA` comes before `atB` with `stampB`. */
function before(atA: number, stampA: number, atB: number, stampB: number): boolean {
  return atA !== atB ? atA < atB : stampA < stampB;
}

/**
 * Places the group whose receivable head is `head` among the `max` best candidates (kept sorted,
 * earliest first); a group pushed out is skipped from then on. Returns the group's entry, or
 * SKIPPED when it does not make the cut.
 */
function admit(
  best: FifoCandidate[],
  head: StoredMessage,
  max: number,
  groups: Map<string, FifoCandidate | typeof SKIPPED>,
): FifoCandidate | typeof SKIPPED {
  let at = best.length;
  while (at > 0 && readyBefore(head, best[at - 1]!.run[0]!)) at--;
  if (at >= max) return SKIPPED;
  const entry = { groupId: head.groupId ?? '', run: [head], open: true };
  best.splice(at, 0, entry);
  if (best.length > max) groups.set(best.pop()!.groupId, SKIPPED);
  return entry;
}
