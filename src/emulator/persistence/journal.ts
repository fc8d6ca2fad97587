// The writing side of persistence: listens to the domain's change ports, and group-commits. Every
// change marks its entity dirty; the first mark of a group schedules a commit for the end of the
// event-loop turn, which writes the entities' current state as one journal line and fdatasyncs it.
// Commits are pipelined: while one group's fdatasync runs, the next group (the changes made
// meanwhile) is written and its own fdatasync started, up to PIPELINE_DEPTH at once. `durable()`
// resolves once every change made before the call is on disk — its group's fdatasync done and
// every earlier group's too (groups are acknowledged in order) — the HTTP server awaits it before
// answering, so a client is told "stored" only after the fdatasync covering it.
// The journal file is written ahead as zeros (preallocated, a chunk at a time, in the background):
// a group overwrites zeros in place, changing no file metadata, so its fdatasync needs no
// file-system journal commit — only its own data and the device flush (fewer and shorter stalls
// behind other processes' writes); the reader takes the zeros after the last line for free space.
// When the journal has grown past its bound, a commit writes a whole snapshot instead (compaction)
// and starts the next journal generation. S3 object bytes go to content-addressed files under
// blobs/, written and synced before the record naming them.
import { createHash } from 'node:crypto';
import { fdatasync, write, writeSync } from 'node:fs';
import { type FileHandle, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TimerClock } from '../../kernel/virtual-clock.ts';
import type { ObjectStore, StoreChanges } from '../s3/domain/object-store.ts';
import type { StoredObject } from '../s3/domain/types.ts';
import type { QueueChanges } from '../sqs/domain/queue.ts';
import type { Region, SqsRegions } from '../sqs/domain/regions.ts';
import { messageState, queueState, receiveState } from '../sqs/domain/snapshot.ts';
import { encodeRecords, headerLine, PIPELINE_DEPTH } from './record-file.ts';
import type { ObjectRecord, StateRecord } from './records.ts';
import { BLOBS, journalName, SNAPSHOT } from './recover.ts';

/** The file operations that run beside the requests; tests put a gate in front of the real ones. */
export interface JournalIo {
  /** fdatasync: what a group's answers wait for. */
  datasync(fd: number): Promise<void>;
  /** Writes `length` zero bytes at `position`, then fdatasyncs: journal space ahead of its lines. */
  preallocate(fd: number, position: number, length: number): Promise<void>;
}

export interface JournalOptions {
  dir: string;
  /** The generation the current snapshot covers; the journal written next is one more. */
  generation: number;
  regions: SqsRegions;
  store: ObjectStore;
  clock: TimerClock & { scale(): number };
  /** Journal size that triggers a compaction; default 64 MiB or twice the snapshot, the larger. */
  compactBytes?: number;
  /**
   * `fsync` (default): an answer waits for its group's fdatasync, so it survives a machine crash.
   * `os`: an answer waits for its group's write to the OS, which survives the process being killed
   * (SIGKILL, a crash); fdatasync follows within SYNC_INTERVAL_MS, bounding what a machine crash
   * or power loss can take.
   */
  durability?: Durability;
  /** The journal recovery read (with its intact length) to carry on; else a compaction starts. */
  resume?: { file: string; intactBytes: number; dataBytes: number } | undefined;
  snapshotBytes?: number;
  /** Default: the real file operations. */
  io?: JournalIo;
}

interface Group {
  promise: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

// A pending change: its record(s) are built when the group is written, from the state then.
type Pending = () => StateRecord | undefined;

const DEFAULT_COMPACT_BYTES = 64 * 1024 * 1024;
export type Durability = 'fsync' | 'os';
/** With `os` durability, the longest a written group waits for its fdatasync. */
export const SYNC_INTERVAL_MS = 10;
// Groups whose fdatasync may run at once. Two: the next group is written and syncing while the one
// before finishes, so a request never waits behind a whole sync it is not part of; more adds
// thread-pool work without shortening that wait. The reader knows it (a power loss can tear that
// many lines at the end), so it lives beside the line format.
export { PIPELINE_DEPTH };

const realIo: JournalIo = {
  datasync: (fd) =>
    new Promise<void>((resolve, reject) => {
      fdatasync(fd, (error) => (error ? reject(error) : resolve()));
    }),
  async preallocate(fd, position, length) {
    const zeros = Buffer.alloc(length);
    for (let at = 0; at < length; ) {
      at += await new Promise<number>((resolve, reject) => {
        write(fd, zeros, at, length - at, position + at, (error, written) =>
          error ? reject(error) : resolve(written),
        );
      });
    }
    await realIo.datasync(fd);
  },
};

/**
 * Journal space is preallocated a chunk at a time, as large as the journal already is within these
 * limits (a new journal costs little, a long one is extended seldom), once less than half a chunk
 * is left.
 */
const PREALLOCATE_MIN = 64 * 1024;
const PREALLOCATE_MAX = 4 * 1024 * 1024;

// Records per snapshot line: long enough to keep checksums cheap, short enough to stay a string.
const SNAPSHOT_SLICE = 1000;

export class StateJournal {
  readonly #dir: string;
  readonly #regions = new Map<string, Region>();
  readonly #sqs: SqsRegions;
  readonly #store: ObjectStore;
  readonly #clock: JournalOptions['clock'];
  readonly #compactFloor: number;
  readonly #io: JournalIo;
  // Keyed by the entity (message or queue object, or a string naming it): a later change to the
  // same entity replaces the earlier one and moves to the end, after whatever happened between.
  #pending = new Map<unknown, Pending>();
  // Messages stored in the pending group: their one record is the whole message, whatever else
  // happens to them before the write; removed again before it, they need no record at all.
  #fresh = new Set<unknown>();
  readonly #dirtyRegions = new Set<string>();
  #blobs = new Set<string>();
  #generation: number;
  // The journal's descriptor lines are appended through.
  #journal: FileHandle | undefined;
  // Descriptors of the same journal that fdatasyncs run through, one per sync in flight: Linux
  // reports a failed writeback once per open file description, so two syncs sharing one could
  // see one of them succeed while the data it covers was lost. Each gets its own; taken from here
  // while its sync runs, so no two overlap on one.
  #syncers: FileHandle[] = [];
  #syncerCount = 0;
  // Every syncer of the current journal, free or syncing.
  #current = new Set<FileHandle>();
  // Bytes of lines in the journal; the file is `#allocated` long, zeros after the lines.
  #journalBytes = 0;
  #allocated = 0;
  // Zeros being written past the end of the file, from #extendFrom on, until it settles.
  #extending: Promise<void> | undefined;
  #extendFrom = Number.POSITIVE_INFINITY;
  #compactAt: number;
  #failure: Error | undefined;
  // The group collecting changes now (its durable() waiters), cut at the end of the turn.
  #next: Group | undefined;
  // Settles once every group cut so far is durable (or rejects with the failure that stopped it).
  #committed: Promise<void> = Promise.resolve();
  #cutScheduled = false;
  // A group's blobs are being written or a compaction runs: the next line must wait for it.
  #busy = false;
  #idleWaiters: (() => void)[] = [];
  #closed = false;
  readonly #durability: Durability;
  // `os` durability: the timer of the fdatasync that follows written groups.
  #syncTimer: ReturnType<typeof setTimeout> | undefined;

  private constructor(options: JournalOptions) {
    this.#dir = options.dir;
    this.#generation = options.generation;
    this.#sqs = options.regions;
    this.#store = options.store;
    this.#clock = options.clock;
    this.#compactFloor = options.compactBytes ?? DEFAULT_COMPACT_BYTES;
    this.#durability = options.durability ?? 'fsync';
    this.#io = options.io ?? realIo;
    this.#compactAt = this.#compactFloor;
  }

  /**
   * Starts listening, then carries on the journal recovery read (a torn write after its last
   * intact line zeroed, so it is never followed by new records), or writes a fresh snapshot and
   * opens the next journal when there is none to carry on.
   */
  static async start(options: JournalOptions): Promise<StateJournal> {
    const journal = new StateJournal(options);
    journal.#listen();
    const resume = options.resume;
    if (
      resume !== undefined &&
      resume.file === join(options.dir, journalName(options.generation + 1))
    ) {
      const writer = await open(resume.file, 'r+');
      // Zeros over a torn last write: what is written next follows the last intact line.
      const torn = resume.dataBytes - resume.intactBytes;
      if (torn > 0) {
        await writer.write(Buffer.alloc(torn), 0, torn, resume.intactBytes);
        await writer.datasync();
      }
      const { size } = await writer.stat();
      await journal.#useJournal(resume.file, writer, resume.intactBytes, size);
      journal.#compactAt = Math.max(journal.#compactFloor, 2 * (options.snapshotBytes ?? 0));
    } else {
      await journal.#compact();
    }
    return journal;
  }

  /** Resolves once every change made before this call is on disk; rejects if writing failed. */
  durable(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    return this.#next?.promise ?? this.#committed;
  }

  /** Writes what is pending and stops listening; the files stay for the next start. */
  async close(): Promise<void> {
    await this.durable().catch(() => undefined);
    this.#closed = true;
    await this.#idle();
    if (this.#syncTimer !== undefined) {
      clearTimeout(this.#syncTimer);
      this.#syncTimer = undefined;
      await this.#syncNow().catch(() => undefined);
    }
    for (const { engine } of this.#regions.values()) engine.attachChanges(undefined);
    this.#store.changes = undefined;
    await this.#useJournal(undefined, undefined);
  }

  #group(): Group {
    if (this.#next === undefined) {
      let resolve!: () => void;
      let reject!: (e: Error) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // Nobody may be waiting (a move task's tick): a failure is still reported by durable().
      promise.catch(() => undefined);
      this.#next = { promise, resolve, reject };
    }
    return this.#next;
  }

  #mark(key: unknown, pending: Pending, region?: string): void {
    if (this.#closed) return;
    this.#pending.delete(key);
    this.#pending.set(key, pending);
    if (region !== undefined) this.#dirtyRegions.add(region);
    this.#group();
    this.#scheduleCut();
  }

  /** Re-orders an entity's pending change after everything marked since. */
  #moveToEnd(key: unknown): void {
    const pending = this.#pending.get(key);
    if (pending === undefined) return;
    this.#pending.delete(key);
    this.#pending.set(key, pending);
  }

  #canCut(): boolean {
    return this.#next !== undefined && !this.#busy && this.#syncers.length > 0;
  }

  #scheduleCut(): void {
    if (this.#cutScheduled || !this.#canCut()) return;
    this.#cutScheduled = true;
    // setImmediate: every request whose I/O arrived in this turn of the event loop joins the group.
    setImmediate(() => {
      this.#cutScheduled = false;
      this.#cut();
    });
  }

  /**
   * Ends the collecting group: builds its records from the state now, and commits them (or a
   * compaction) behind the groups still syncing. Waits (is called again) while no syncer is free
   * or the previous line is not written yet.
   */
  #cut(): void {
    const group = this.#next;
    if (group === undefined || !this.#canCut()) return;
    this.#next = undefined;
    const pending = this.#pending;
    this.#pending = new Map();
    this.#fresh = new Set();
    const previous = this.#committed;
    let done: Promise<void>;
    if (this.#failure) done = Promise.reject(this.#failure);
    else if (this.#journalBytes >= this.#compactAt) done = this.#compactAfter(previous);
    else done = this.#commit(pending, previous);
    done.catch(() => undefined);
    this.#committed = done;
    done.then(group.resolve, group.reject);
  }

  /**
   * Writes one group's line and fdatasyncs it; settles once that sync and every earlier group's
   * are done. A failed sync fails its group and every group after it (they were written on top of
   * state that may be lost), and every later commit: the journal is not trusted again.
   */
  async #commit(pending: Map<unknown, Pending>, previous: Promise<void>): Promise<void> {
    const { data, blobs } = this.#build(pending);
    // Taken now, so the groups in flight stay within PIPELINE_DEPTH while blobs are written.
    const syncer = this.#syncers.pop()!;
    try {
      if (blobs.length > 0) {
        this.#busy = true;
        try {
          await Promise.all(blobs);
        } finally {
          this.#busy = false;
          this.#scheduleCut();
        }
      }
      if (this.#journalBytes + data.length > this.#extendFrom) {
        // The line would reach space still being zeroed: it must land after the zeros.
        this.#busy = true;
        try {
          await this.#extending;
        } finally {
          this.#busy = false;
          this.#scheduleCut();
        }
      }
      if (this.#failure) throw this.#failure;
      // The write lands in the page cache at once (synchronous: no thread-pool trip for it, and
      // lines stay in group order); the fdatasync runs in the thread pool, so requests keep
      // arriving meanwhile and form the next group.
      const fd = this.#journal!.fd;
      const position = this.#journalBytes;
      for (let at = 0; at < data.length; ) {
        at += writeSync(fd, data, at, data.length - at, position + at);
      }
      this.#journalBytes += data.length;
      this.#allocated = Math.max(this.#allocated, this.#journalBytes);
      if (this.#allocated - this.#journalBytes < this.#nextChunk() / 2) this.#preallocate();
      if (this.#durability === 'fsync') await this.#io.datasync(syncer.fd);
      else this.#syncSoon();
    } catch (error) {
      throw this.#fail(error);
    } finally {
      this.#release(syncer);
    }
    // Acknowledged in order: this group's answers may depend on what the one before stored.
    await previous;
  }

  /** Every group before has settled, then the whole state goes into a new snapshot. */
  async #compactAfter(previous: Promise<void>): Promise<void> {
    this.#busy = true;
    try {
      await previous;
      // No sync may still run on the journal the compaction closes, nor start while the snapshot
      // is written (the timer would take a syncer of the old journal past #useJournal): the
      // pending `os` sync runs now, keeping its bound for the groups on the old journal.
      await this.#idle();
      if (this.#syncTimer !== undefined) {
        clearTimeout(this.#syncTimer);
        this.#syncTimer = undefined;
        await this.#syncNow();
      }
      this.#dirtyRegions.clear();
      await this.#compact();
    } catch (error) {
      throw this.#fail(error);
    } finally {
      this.#busy = false;
      this.#scheduleCut();
    }
  }

  #fail(error: unknown): Error {
    this.#failure ??= error instanceof Error ? error : new Error(String(error));
    return this.#failure;
  }

  #release(syncer: FileHandle): void {
    if (!this.#current.has(syncer)) {
      // A descriptor of a journal since replaced: closed, never put among the current one's.
      syncer.close().catch(() => undefined);
      return;
    }
    this.#syncers.push(syncer);
    if (this.#syncers.length === this.#syncerCount) {
      for (const wake of this.#idleWaiters.splice(0)) wake();
    }
    this.#scheduleCut();
  }

  /** Resolves when no fdatasync (nor preallocation) runs on the journal. */
  async #idle(): Promise<void> {
    await this.#extending;
    while (this.#syncers.length < this.#syncerCount) {
      await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
    }
  }

  /** `os` durability: the fdatasync that follows written groups, SYNC_INTERVAL_MS later. */
  #syncSoon(): void {
    this.#syncTimer ??= setTimeout(() => {
      this.#syncTimer = undefined;
      this.#syncNow().catch((error: unknown) => this.#fail(error));
    }, SYNC_INTERVAL_MS).unref();
  }

  async #syncNow(): Promise<void> {
    const syncer = this.#syncers.pop();
    if (syncer === undefined) {
      // Every syncer busy (a group waiting for its blobs holds one): try again shortly.
      if (!this.#closed) this.#syncSoon();
      return;
    }
    try {
      await this.#io.datasync(syncer.fd);
    } finally {
      this.#release(syncer);
    }
  }

  /** The group's records, built from the state now, as one line; and its blobs' writes. */
  #build(pending: Map<unknown, Pending>): { data: Buffer; blobs: Promise<void>[] } {
    const records: StateRecord[] = [];
    const blobs: Promise<void>[] = [];
    for (const build of pending.values()) {
      const record = build();
      if (record === undefined) continue;
      if (record.t === 'o') blobs.push(this.#pendingBlob(record.o));
      records.push(record);
    }
    for (const name of this.#dirtyRegions) {
      const region = this.#regions.get(name);
      if (region) records.push(regionRecord(name, region));
    }
    this.#dirtyRegions.clear();
    records.push(this.#clockRecord());
    // The group is one line: a crash mid-write tears it whole, and none of its answers had left.
    return { data: Buffer.from(encodeRecords(records), 'utf8'), blobs };
  }

  /**
   * Makes `file` (`bytes` of lines, `size` in all) the journal lines are written to through
   * `writer`, opening its syncers before anything is written through it, and preallocates it if
   * it has too little room; closes the journal before. No arguments: just closes.
   */
  async #useJournal(
    file: string | undefined,
    writer: FileHandle | undefined,
    bytes = 0,
    size = bytes,
  ): Promise<void> {
    const old = [this.#journal, ...this.#syncers];
    const syncers: FileHandle[] = [];
    if (file !== undefined) {
      for (let i = 0; i < PIPELINE_DEPTH; i++) syncers.push(await open(file, 'r'));
    }
    this.#journal = writer;
    this.#syncers = syncers;
    this.#current = new Set(syncers);
    this.#syncerCount = syncers.length;
    this.#journalBytes = bytes;
    this.#allocated = Math.max(size, bytes);
    for (const handle of old) await handle?.close();
    if (writer !== undefined && this.#allocated - bytes < this.#nextChunk() / 2) {
      this.#preallocate();
      await this.#extending;
      if (this.#failure) throw this.#failure;
    }
  }

  #nextChunk(): number {
    return Math.min(PREALLOCATE_MAX, Math.max(PREALLOCATE_MIN, this.#allocated));
  }

  /**
   * Writes the next chunk of zeros past the end of the journal and syncs it (the file's size and
   * blocks), in the background; a failure is a write failure like any other.
   */
  #preallocate(): void {
    const writer = this.#journal;
    if (this.#extending !== undefined || writer === undefined) return;
    const from = this.#allocated;
    const chunk = this.#nextChunk();
    this.#extendFrom = from;
    this.#extending = (async () => {
      try {
        await this.#io.preallocate(writer.fd, from, chunk);
        this.#allocated = from + chunk;
      } catch (error) {
        this.#fail(error);
      } finally {
        this.#extending = undefined;
        this.#extendFrom = Number.POSITIVE_INFINITY;
      }
    })();
  }

  // Object bodies waiting to be written, by hash, while their group is being built.
  readonly #bodies = new Map<string, Buffer>();

  // Object bodies being written, by hash: the same bytes stored twice (in one group, or in the next
  // group while the first write is still on its way) are written once, not raced onto one file.
  readonly #writing = new Map<string, Promise<void>>();

  #pendingBlob(object: ObjectRecord): Promise<void> {
    const hash = object.blob;
    const body = this.#bodies.get(hash);
    this.#bodies.delete(hash);
    if (this.#blobs.has(hash)) return Promise.resolve();
    const inFlight = this.#writing.get(hash);
    if (inFlight !== undefined) return inFlight;
    if (body === undefined) return Promise.resolve();
    const write = this.#writeBlob(hash, body).finally(() => this.#writing.delete(hash));
    this.#writing.set(hash, write);
    return write;
  }

  async #writeBlob(hash: string, body: Buffer): Promise<void> {
    const file = join(this.#dir, BLOBS, hash);
    await writeSynced(`${file}.tmp`, body);
    await rename(`${file}.tmp`, file);
    await syncDir(join(this.#dir, BLOBS));
    this.#blobs.add(hash);
  }

  #objectRecord(bucket: string, object: StoredObject): StateRecord {
    const { body, ...rest } = object;
    const blob = createHash('sha256').update(body).digest('hex');
    if (!this.#blobs.has(blob)) this.#bodies.set(blob, body);
    return { t: 'o', b: bucket, o: { ...rest, blob, size: body.length } };
  }

  #clockRecord(): StateRecord {
    return { t: 'clock', now: this.#clock.now(), wall: Date.now(), scale: this.#clock.scale() };
  }

  /** The whole state as a new snapshot, then a new empty journal; older files are removed. */
  async #compact(): Promise<void> {
    const generation = this.#generation + 1;
    const lines: string[] = [headerLine('snapshot', generation)];
    const blobs = new Map<string, StoredObject>();
    let count = 0;
    let slice: StateRecord[] = [];
    const push = (record: StateRecord): void => {
      slice.push(record);
      count++;
      if (slice.length === SNAPSHOT_SLICE) {
        lines.push(encodeRecords(slice));
        slice = [];
      }
    };
    push(this.#clockRecord());
    for (const [name, region] of this.#regions) {
      const { engine, moveTasks } = region;
      push(regionRecord(name, region));
      const now = this.#clock.now();
      for (const [queueName, at] of engine.deletedAt)
        push({ t: 'qx', r: name, name: queueName, at });
      for (const queue of engine.queues.values()) {
        push({ t: 'q', r: name, q: queueState(queue) });
        for (const m of queue.allMessages()) {
          push({ t: 'm', r: name, q: queue.name, m: messageState(m) });
        }
        for (const [k, e] of queue.dedup) {
          if (e.expiresAt > now) push({ t: 'dd', r: name, q: queue.name, k, e });
        }
      }
      push({ t: 'mt', r: name, tasks: moveTasks.snapshot() });
    }
    for (const { info, objects } of this.#store.contents()) {
      push({ t: 'b', b: info });
      for (const object of objects) {
        const record = this.#objectRecord(info.name, object) as Extract<StateRecord, { t: 'o' }>;
        blobs.set(record.o.blob, object);
        push(record);
      }
    }
    if (slice.length > 0) lines.push(encodeRecords(slice));
    lines.push(encodeRecords([{ t: 'end', count } satisfies StateRecord]));
    this.#bodies.clear();
    for (const [hash, object] of blobs) {
      if (!this.#blobs.has(hash)) await this.#writeBlob(hash, object.body);
    }
    const snapshot = join(this.#dir, SNAPSHOT);
    const data = Buffer.from(lines.join(''), 'utf8');
    await writeSynced(`${snapshot}.tmp`, data);
    await rename(`${snapshot}.tmp`, snapshot);
    await syncDir(this.#dir);
    // The snapshot now covers `generation`: start the journal after it, then drop older files.
    const file = join(this.#dir, journalName(generation + 1));
    const journal = await open(file, 'w');
    const header = Buffer.from(headerLine('journal', generation + 1), 'utf8');
    await journal.write(header);
    await journal.datasync();
    await syncDir(this.#dir);
    await this.#useJournal(file, journal, header.length);
    this.#generation = generation;
    this.#compactAt = Math.max(this.#compactFloor, 2 * data.length);
    await this.#removeStale(generation + 1, blobs);
  }

  async #removeStale(current: number, live: Map<string, unknown>): Promise<void> {
    for (const name of await readdir(this.#dir)) {
      const match = /^journal-(\d+)\.jsonl$/.exec(name);
      if (match && Number(match[1]) !== current) await rm(join(this.#dir, name), { force: true });
    }
    for (const name of await readdir(join(this.#dir, BLOBS))) {
      if (!live.has(name)) {
        await rm(join(this.#dir, BLOBS, name), { force: true });
        this.#blobs.delete(name);
      }
    }
    for (const hash of live.keys()) this.#blobs.add(hash);
  }

  #listen(): void {
    this.#sqs.watch((name, region) => {
      this.#regions.set(name, region);
      this.#dirtyRegions.add(name);
      region.engine.attachChanges(this.#queueChanges(name, region));
    });
    this.#store.changes = this.#storeChanges();
  }

  #queueChanges(r: string, region: Region): QueueChanges {
    return {
      queue: (queue) => this.#mark(queue, () => ({ t: 'q', r, q: queueState(queue) }), r),
      queueDeleted: (name) => {
        const at = region.engine.deletedAt.get(name) ?? this.#clock.now();
        this.#mark(`qx\u0000${r}\u0000${name}`, () => ({ t: 'qx', r, name, at }), r);
      },
      purged: (queue) =>
        this.#mark(
          `purge\u0000${r}\u0000${queue.name}`,
          () => ({ t: 'purge', r, name: queue.name }),
          r,
        ),
      messageAdded: (queue, m) => {
        this.#fresh.add(m);
        this.#mark(
          m,
          () => (m.deleted ? undefined : { t: 'm', r, q: queue.name, m: messageState(m) }),
          r,
        );
      },
      message: (queue, m) => {
        if (this.#fresh.has(m)) {
          this.#moveToEnd(m);
          return;
        }
        this.#mark(
          m,
          () =>
            m.deleted ? undefined : { t: 'mv', r, q: queue.name, k: m.key, s: receiveState(m) },
          r,
        );
      },
      messageRemoved: (queue, m) => {
        if (this.#fresh.delete(m)) {
          this.#pending.delete(m);
          return;
        }
        this.#mark(m, () => ({ t: 'mx', r, q: queue.name, k: m.key }), r);
      },
      dedup: (queue, k, e) =>
        this.#mark(
          `dd\u0000${r}\u0000${queue.name}\u0000${k}`,
          () => ({ t: 'dd', r, q: queue.name, k, e }),
          r,
        ),
      moveTasks: () =>
        this.#mark(`mt\u0000${r}`, () => ({ t: 'mt', r, tasks: region.moveTasks.snapshot() }), r),
      reset: () => this.#mark(`reset\u0000${r}`, () => ({ t: 'reset', r }), r),
    };
  }

  #storeChanges(): StoreChanges {
    return {
      bucket: (info) => this.#mark(`b\u0000${info.name}`, () => ({ t: 'b', b: info })),
      bucketDeleted: (name) => this.#mark(`b\u0000${name}`, () => ({ t: 'bx', name })),
      object: (bucket, object) =>
        this.#mark(`o\u0000${bucket}\u0000${object.key}`, () => this.#objectRecord(bucket, object)),
      objectDeleted: (bucket, key) =>
        this.#mark(`o\u0000${bucket}\u0000${key}`, () => ({ t: 'ox', b: bucket, k: key })),
      reset: () => this.#mark('s3reset', () => ({ t: 's3reset' })),
    };
  }
}

function regionRecord(name: string, region: Region): StateRecord {
  const { engine } = region;
  return { t: 'region', r: name, keys: [...engine.idFormat.keys], counters: engine.counters() };
}

async function writeSynced(file: string, data: Buffer): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.write(data);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename or a new file in `dir` itself durable. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
