// The message journal: what happened to messages on the emulator's queues (sent, received,
// deleted), in order, stamped with the virtual clock. Tools that put a foreign process under test
// read it through the control plane to judge ordering they cannot see from outside, such as
// whether a request was deleted before or after its result was sent. Bounded: the oldest entries
// go first, and a reader learns it missed some from the sequence numbers.

export type JournalKind = 'sent' | 'received' | 'deleted';

export interface JournalEvent {
  /** 1, 2, 3, ... in the order the events happened; never reused, even after a reset. */
  seq: number;
  /** Virtual epoch ms. */
  at: number;
  kind: JournalKind;
  queue: string;
  messageId: string;
  /** The receive count after this event (0 for a send). */
  receiveCount: number;
  /** The body, cut to `MAX_JOURNAL_BODY_CHARS` characters (enough to read a task id). */
  body: string;
  bodyTruncated: boolean;
}

export interface JournalPage {
  events: JournalEvent[];
  /** Pass as `after` to read on. */
  lastSeq: number;
  /** Events older than `after` that were dropped before being read (the journal is bounded). */
  dropped: number;
}

export const MAX_JOURNAL_BODY_CHARS = 2048;
const DEFAULT_CAPACITY = 50_000;

export class MessageJournal {
  readonly #capacity: number;
  #events: JournalEvent[] = [];
  #seq = 0;

  constructor(capacity = DEFAULT_CAPACITY) {
    this.#capacity = capacity;
  }

  record(
    at: number,
    kind: JournalKind,
    queue: string,
    message: { messageId: string; receiveCount: number; body: string },
  ): void {
    const truncated = message.body.length > MAX_JOURNAL_BODY_CHARS;
    this.#events.push({
      seq: ++this.#seq,
      at,
      kind,
      queue,
      messageId: message.messageId,
      receiveCount: message.receiveCount,
      body: truncated ? message.body.slice(0, MAX_JOURNAL_BODY_CHARS) : message.body,
      bodyTruncated: truncated,
    });
    // Trim in chunks so a full journal does not shift the array on every event.
    if (this.#events.length > this.#capacity * 1.1) {
      this.#events = this.#events.slice(this.#events.length - this.#capacity);
    }
  }

  /** Events with `seq > after`, oldest first, at most `limit`. */
  read(after = 0, limit = 1000): JournalPage {
    const first = this.#events[0]?.seq ?? this.#seq + 1;
    const dropped = Math.max(0, first - after - 1);
    const start = this.#events.findIndex((e) => e.seq > after);
    const events = start < 0 ? [] : this.#events.slice(start, start + limit);
    return { events, lastSeq: events.at(-1)?.seq ?? Math.max(after, 0), dropped };
  }

  clear(): void {
    this.#events = [];
  }
}
