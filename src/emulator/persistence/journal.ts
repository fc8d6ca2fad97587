// The writing side of persistence: listens to the domain's change ports, and group-commits. Every
// change marks its entity dirty; the first mark of a group schedules a flush, which writes the
// entities' current state as journal records in one append and fsyncs it; changes made meanwhile
// form the next group. `durable()` resolves once every change made before the call is on disk:
// the HTTP server awaits it before answering, so a client is told "stored" only after the fsync.
// When the journal has grown past its bound, a flush writes a whole snapshot instead (compaction)
// and starts the next journal generation. S3 object bytes go to content-addressed files under
// blobs/, written and synced before the record naming them.
import { createHash } from 'node:crypto';
import { fdatasync, writeSync } from 'node:fs';
import { type FileHandle, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TimerClock } from '../../kernel/virtual-clock.ts';
import type { ObjectStore, StoreChanges } from '../s3/domain/object-store.ts';
import type { StoredObject } from '../s3/domain/types.ts';
import type { QueueChanges } from '../sqs/domain/queue.ts';
import type { Region, SqsRegions } from '../sqs/domain/regions.ts';
import { messageState, queueState, receiveState } from '../sqs/domain/snapshot.ts';
import { encodeRecords, headerLine } from './record-file.ts';
import type { ObjectRecord, StateRecord } from './records.ts';
import { BLOBS, journalName, SNAPSHOT } from './recover.ts';

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
  resume?: { file: string; intactBytes: number } | undefined;
  snapshotBytes?: number;
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

// Records per snapshot line: long enough to keep checksums cheap, short enough to stay a string.
const SNAPSHOT_SLICE = 1000;

export class StateJournal {
  readonly #dir: string;
  readonly #regions = new Map<string, Region>();
  readonly #sqs: SqsRegions;
  readonly #store: ObjectStore;
  readonly #clock: JournalOptions['clock'];
  readonly #compactFloor: number;
  // Keyed by the entity (message or queue object, or a string naming it): a later change to the
  // same entity replaces the earlier one and moves to the end, after whatever happened between.
  #pending = new Map<unknown, Pending>();
  // Messages stored in the pending group: their one record is the whole message, whatever else
  // happens to them before the write; removed again before it, they need no record at all.
  #fresh = new Set<unknown>();
  readonly #dirtyRegions = new Set<string>();
  #blobs = new Set<string>();
  #generation: number;
  #journal: FileHandle | undefined;
  #journalBytes = 0;
  #compactAt: number;
  #failure: Error | undefined;
  #flushing: Promise<void> | undefined;
  #next: Group | undefined;
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
    this.#compactAt = this.#compactFloor;
  }

  /**
   * Starts listening, then carries on the journal recovery read (cut back to its last intact
   * line, so a torn write is never followed by new records), or writes a fresh snapshot and
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
      const handle = await open(resume.file, 'r+');
      await handle.truncate(resume.intactBytes);
      await handle.datasync();
      await handle.close();
      journal.#journal = await open(resume.file, 'a');
      journal.#journalBytes = resume.intactBytes;
      journal.#compactAt = Math.max(journal.#compactFloor, 2 * (options.snapshotBytes ?? 0));
    } else {
      await journal.#compact();
    }
    return journal;
  }

  /** Resolves once every change made before this call is on disk; rejects if writing failed. */
  durable(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#pending.size > 0) return this.#group().promise;
    return this.#flushing ?? Promise.resolve();
  }

  /** Writes what is pending and stops listening; the files stay for the next start. */
  async close(): Promise<void> {
    await this.durable().catch(() => undefined);
    this.#closed = true;
    if (this.#syncTimer !== undefined) {
      clearTimeout(this.#syncTimer);
      this.#syncTimer = undefined;
      await this.#journal?.datasync();
    }
    for (const { engine } of this.#regions.values()) engine.attachChanges(undefined);
    this.#store.changes = undefined;
    await this.#journal?.close();
    this.#journal = undefined;
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
    if (this.#flushing === undefined) this.#schedule();
  }

  /** Re-orders an entity's pending change after everything marked since. */
  #moveToEnd(key: unknown): void {
    const pending = this.#pending.get(key);
    if (pending === undefined) return;
    this.#pending.delete(key);
    this.#pending.set(key, pending);
  }

  #schedule(): void {
    // setImmediate: every request whose I/O arrived in this turn of the event loop joins the group.
    this.#flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      this.#flush(),
    );
  }

  async #flush(): Promise<void> {
    const group = this.#next;
    this.#next = undefined;
    const pending = this.#pending;
    this.#pending = new Map();
    this.#fresh = new Set();
    try {
      if (this.#failure) throw this.#failure;
      if (this.#journalBytes >= this.#compactAt) {
        this.#dirtyRegions.clear();
        await this.#compact();
      } else {
        await this.#append(pending);
      }
      group?.resolve();
    } catch (error) {
      this.#failure ??= error instanceof Error ? error : new Error(String(error));
      group?.reject(this.#failure);
    }
    this.#flushing = undefined;
    if (this.#pending.size > 0) this.#schedule();
  }

  async #append(pending: Map<unknown, Pending>): Promise<void> {
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
    await Promise.all(blobs);
    // The group is one line: a crash mid-write tears it whole, and none of its answers had left.
    const data = Buffer.from(encodeRecords(records), 'utf8');
    // The write lands in the page cache at once (synchronous: no thread-pool trip for it); the
    // fdatasync runs in the thread pool, so requests keep arriving meanwhile and form the next
    // group instead of queueing behind a blocked event loop.
    const fd = this.#journal!.fd;
    for (let at = 0; at < data.length; ) at += writeSync(fd, data, at);
    this.#journalBytes += data.length;
    if (this.#durability === 'os') {
      this.#syncTimer ??= setTimeout(() => {
        this.#syncTimer = undefined;
        // The journal of now: a compaction since has synced its snapshot and closed the old one.
        const current = this.#journal;
        if (current === undefined) return;
        fdatasync(current.fd, (error) => {
          if (error && (error as NodeJS.ErrnoException).code !== 'EBADF') this.#failure ??= error;
        });
      }, SYNC_INTERVAL_MS).unref();
      return;
    }
    await new Promise<void>((resolve, reject) => {
      fdatasync(fd, (error) => (error ? reject(error) : resolve()));
    });
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
    const previous = this.#journal;
    const journal = await open(join(this.#dir, journalName(generation + 1)), 'w');
    const header = Buffer.from(headerLine('journal', generation + 1), 'utf8');
    await journal.write(header);
    await journal.datasync();
    await syncDir(this.#dir);
    await previous?.close();
    this.#journal = journal;
    this.#journalBytes = header.length;
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
