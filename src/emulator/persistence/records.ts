// The records the emulator's state files hold, and their replay into a plain model of the state
// (no domain objects yet): a snapshot is the records of a whole state, a journal the records of
// its changes since, applied in order on top. Replay is last-writer-wins per entity, so a record
// written twice (a crash between snapshot and journal switch) changes nothing.
import type { BucketInfo, StoredObject } from '../s3/domain/types.ts';
import type { MoveTaskState } from '../sqs/domain/move-tasks.ts';
import type { DedupEntry } from '../sqs/domain/queue.ts';
import type { MessageState, QueueState, ReceiveState } from '../sqs/domain/snapshot.ts';
import { DataDirError } from './record-file.ts';

export interface Counters {
  key: number;
  id: number;
  sequence: string;
}

/** An S3 object without its bytes, which live in `blobs/{sha256}`. */
export type ObjectRecord = Omit<StoredObject, 'body'> & { blob: string; size: number };

export type StateRecord =
  | { t: 'clock'; now: number; wall: number; scale: number }
  | { t: 'region'; r: string; keys: number[]; counters: Counters }
  | { t: 'q'; r: string; q: QueueState }
  | { t: 'qx'; r: string; name: string; at: number }
  | { t: 'purge'; r: string; name: string }
  | { t: 'm'; r: string; q: string; m: MessageState }
  | { t: 'mv'; r: string; q: string; k: number; s: ReceiveState }
  | { t: 'mx'; r: string; q: string; k: number }
  | { t: 'dd'; r: string; q: string; k: string; e: DedupEntry }
  | { t: 'mt'; r: string; tasks: MoveTaskState[] }
  | { t: 'reset'; r: string }
  | { t: 'b'; b: BucketInfo }
  | { t: 'bx'; name: string }
  | { t: 'o'; b: string; o: ObjectRecord }
  | { t: 'ox'; b: string; k: string }
  | { t: 's3reset' }
  | { t: 'end'; count: number };

export interface QueueModel {
  state: QueueState;
  messages: Map<number, MessageState>;
  dedup: Map<string, DedupEntry>;
}

export interface RegionModel {
  keys: number[] | undefined;
  counters: Counters | undefined;
  queues: Map<string, QueueModel>;
  deletedAt: Map<string, number>;
  tasks: MoveTaskState[];
}

export interface StateModel {
  clock: { now: number; wall: number; scale: number } | undefined;
  regions: Map<string, RegionModel>;
  buckets: Map<string, { info: BucketInfo; objects: Map<string, ObjectRecord> }>;
  records: number;
}

export function emptyModel(): StateModel {
  return { clock: undefined, regions: new Map(), buckets: new Map(), records: 0 };
}

function region(model: StateModel, r: string): RegionModel {
  let found = model.regions.get(r);
  if (found === undefined) {
    found = {
      keys: undefined,
      counters: undefined,
      queues: new Map(),
      deletedAt: new Map(),
      tasks: [],
    };
    model.regions.set(r, found);
  }
  return found;
}

/** Applies one record; `where` names the file and line for the error a bad record gets. */
export function applyRecord(model: StateModel, value: unknown, where: string): void {
  const record = value as StateRecord;
  model.records++;
  switch (typeof value === 'object' && value !== null ? record.t : undefined) {
    case 'clock': {
      const r = record as Extract<StateRecord, { t: 'clock' }>;
      model.clock = { now: r.now, wall: r.wall, scale: r.scale };
      return;
    }
    case 'region': {
      const r = record as Extract<StateRecord, { t: 'region' }>;
      const m = region(model, r.r);
      m.keys = r.keys;
      m.counters = r.counters;
      return;
    }
    case 'q': {
      const r = record as Extract<StateRecord, { t: 'q' }>;
      const queues = region(model, r.r).queues;
      const existing = queues.get(r.q.name);
      if (existing) existing.state = r.q;
      else queues.set(r.q.name, { state: r.q, messages: new Map(), dedup: new Map() });
      return;
    }
    case 'qx': {
      const r = record as Extract<StateRecord, { t: 'qx' }>;
      const m = region(model, r.r);
      m.queues.delete(r.name);
      m.deletedAt.set(r.name, r.at);
      return;
    }
    case 'purge': {
      const r = record as Extract<StateRecord, { t: 'purge' }>;
      const queue = region(model, r.r).queues.get(r.name);
      queue?.messages.clear();
      queue?.dedup.clear();
      return;
    }
    case 'm': {
      const r = record as Extract<StateRecord, { t: 'm' }>;
      region(model, r.r).queues.get(r.q)?.messages.set(r.m.key, r.m);
      return;
    }
    case 'mv': {
      const r = record as Extract<StateRecord, { t: 'mv' }>;
      const message = region(model, r.r).queues.get(r.q)?.messages.get(r.k);
      if (message) Object.assign(message, r.s);
      return;
    }
    case 'mx': {
      const r = record as Extract<StateRecord, { t: 'mx' }>;
      region(model, r.r).queues.get(r.q)?.messages.delete(r.k);
      return;
    }
    case 'dd': {
      const r = record as Extract<StateRecord, { t: 'dd' }>;
      region(model, r.r).queues.get(r.q)?.dedup.set(r.k, r.e);
      return;
    }
    case 'mt': {
      const r = record as Extract<StateRecord, { t: 'mt' }>;
      region(model, r.r).tasks = r.tasks;
      return;
    }
    case 'reset': {
      const r = record as Extract<StateRecord, { t: 'reset' }>;
      const m = region(model, r.r);
      m.queues.clear();
      m.deletedAt.clear();
      m.tasks = [];
      return;
    }
    case 'b': {
      const r = record as Extract<StateRecord, { t: 'b' }>;
      if (!model.buckets.has(r.b.name))
        model.buckets.set(r.b.name, { info: r.b, objects: new Map() });
      return;
    }
    case 'bx':
      model.buckets.delete((record as Extract<StateRecord, { t: 'bx' }>).name);
      return;
    case 'o': {
      const r = record as Extract<StateRecord, { t: 'o' }>;
      model.buckets.get(r.b)?.objects.set(r.o.key, r.o);
      return;
    }
    case 'ox': {
      const r = record as Extract<StateRecord, { t: 'ox' }>;
      model.buckets.get(r.b)?.objects.delete(r.k);
      return;
    }
    case 's3reset':
      model.buckets.clear();
      return;
    case 'end':
      return;
    default:
      throw new DataDirError(
        `${where}: unknown record ${JSON.stringify(value).slice(0, 80)}; refusing to start rather than drop it`,
      );
  }
}
