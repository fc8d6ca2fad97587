// The fake AI's journal: an append-only record of what it received, what behaviour it injected,
// and what it sent, wrote and deleted, so scenario verdicts can compare what the AI did with what
// the back end recorded. Readable in-process and through the control API.

export const JOURNAL_KINDS = [
  'received',
  'rejected',
  'behaviour',
  'object-written',
  'progress-sent',
  'result-sent',
  'send-failed',
  'visibility-extended',
  'crashed',
  'deleted',
  'error',
] as const;

export type JournalKind = (typeof JOURNAL_KINDS)[number];

export interface JournalEntry {
  seq: number;
  /** ISO-8601 instant on the fake AI's clock. */
  at: string;
  kind: JournalKind;
  taskId?: string | undefined;
  taskType?: string | undefined;
  /** The request's SQS MessageId. */
  requestMessageId?: string | undefined;
  /** ApproximateReceiveCount of the request when it was received. */
  receiveCount?: number | undefined;
  /** The MessageId SQS gave to a message the fake AI sent. */
  sentMessageId?: string | undefined;
  /** Name of the behaviour profile applied to the request. */
  profile?: string | undefined;
  /** Kind-specific facts: S3 keys, injected behaviour, error text, copy number... */
  detail?: Record<string, unknown> | undefined;
}

export type JournalInput = Omit<JournalEntry, 'seq' | 'at'>;

export interface JournalFilter {
  taskId?: string | undefined;
  kind?: JournalKind | undefined;
  /** Only entries with seq greater than this. */
  after?: number | undefined;
}

export class Journal {
  readonly #entries: JournalEntry[] = [];
  readonly #now: () => number;
  readonly #limit: number;
  #seq = 0;
  readonly #waiters = new Set<{
    match: (entry: JournalEntry) => boolean;
    resolve: (entry: JournalEntry) => void;
  }>();

  /**
   * Keeps the last `limit` entries so a long-running process does not grow without bound (it holds
   * up to twice that between cuts, showing only the last `limit`).
   */
  constructor(now: () => number, limit = 100_000) {
    this.#now = now;
    this.#limit = limit;
  }

  record(input: JournalInput): JournalEntry {
    const entry: JournalEntry = {
      seq: ++this.#seq,
      at: new Date(this.#now()).toISOString(),
      ...input,
    };
    this.#entries.push(entry);
    // Cut back to the limit once it is passed twice over: cutting on every record past it moved
    // the whole (100,000-entry) array for each step of each request in a long-running process.
    if (this.#entries.length > 2 * this.#limit) {
      this.#entries.splice(0, this.#entries.length - this.#limit);
    }
    // Copied only when someone waits: a record is made for every step of every request.
    if (this.#waiters.size === 0) return entry;
    for (const waiter of [...this.#waiters]) {
      if (waiter.match(entry)) {
        this.#waiters.delete(waiter);
        waiter.resolve(entry);
      }
    }
    return entry;
  }

  /** The last `limit` entries: what the journal keeps (older ones wait for the next cut). */
  #kept(): JournalEntry[] {
    const over = this.#entries.length - this.#limit;
    return over > 0 ? this.#entries.slice(over) : this.#entries;
  }

  entries(filter: JournalFilter = {}): JournalEntry[] {
    return this.#kept().filter(
      (e) =>
        (filter.taskId === undefined || e.taskId === filter.taskId) &&
        (filter.kind === undefined || e.kind === filter.kind) &&
        (filter.after === undefined || e.seq > filter.after),
    );
  }

  /**
   * Resolves with the first entry (already recorded or still to come) that matches, so tests wait
   * for the fake AI to act instead of sleeping. Rejects if `signal` aborts first.
   */
  waitFor(match: (entry: JournalEntry) => boolean, signal?: AbortSignal): Promise<JournalEntry> {
    const found = this.#kept().find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve };
      this.#waiters.add(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          this.#waiters.delete(waiter);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  clear(): void {
    this.#entries.length = 0;
  }
}
