// Reading a data directory back: the snapshot, then every journal written after it, replayed into
// a plain model (records.ts), then the model put into a fresh emulator's domain. A torn end of the
// journal (damage within its last PIPELINE_DEPTH lines: being written or synced when the process
// or machine died, so no client was told it was stored) is left out with a notice; any other
// damage refuses the start, naming the file.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ObjectStore } from '../s3/domain/object-store.ts';
import type { SqsRegions } from '../sqs/domain/regions.ts';
import { restoreDedup, restoreMessage, restoreQueue } from '../sqs/domain/snapshot.ts';
import { DataDirError, parseStateFile } from './record-file.ts';
import { applyRecord, emptyModel, type StateModel } from './records.ts';

export const SNAPSHOT = 'snapshot.jsonl';
export const BLOBS = 'blobs';
const JOURNAL = /^journal-(\d+)\.jsonl$/;

export function journalName(generation: number): string {
  return `journal-${generation}.jsonl`;
}

export interface Recovered {
  model: StateModel;
  /** The generation the snapshot covers; the next journal is one more. */
  generation: number;
  /** What was found and left out (torn writes), for the start-up log. */
  notices: string[];
  /**
   * The journal to carry on writing to after its last intact line (`intactBytes`; a torn write
   * after it runs to `dataBytes`, zeros follow); none: start one.
   */
  journal: { file: string; intactBytes: number; dataBytes: number } | undefined;
  snapshotBytes: number;
}

export async function readDataDir(dir: string): Promise<Recovered> {
  await mkdir(join(dir, BLOBS), { recursive: true });
  const model = emptyModel();
  const notices: string[] = [];
  const names = await readdir(dir);
  let generation = 0;
  let snapshotBytes = 0;
  let current: Recovered['journal'];
  if (names.includes(SNAPSHOT)) {
    const file = join(dir, SNAPSHOT);
    const data = await readFile(file);
    snapshotBytes = data.length;
    const parsed = parseStateFile(file, data, false);
    if (parsed.header.kind !== 'snapshot') throw new DataDirError(`${file} is not a snapshot`);
    const end = parsed.records.at(-1) as { t?: string; count?: number } | undefined;
    if (end?.t !== 'end' || end.count !== parsed.records.length - 1) {
      throw new DataDirError(`${file} is truncated (no end record); refusing to start`);
    }
    generation = parsed.header.generation;
    parsed.records.forEach((record, i) => {
      applyRecord(model, record, `${file} record ${i + 1}`);
    });
  }
  const journals = names
    .map((name) => ({ name, generation: Number(JOURNAL.exec(name)?.[1] ?? Number.NaN) }))
    .filter((j) => Number.isInteger(j.generation) && j.generation > generation)
    .sort((a, b) => a.generation - b.generation);
  for (const journal of journals) {
    const file = join(dir, journal.name);
    const parsed = parseStateFile(file, await readFile(file), true);
    parsed.records.forEach((record, i) => {
      applyRecord(model, record, `${file} record ${i + 1}`);
    });
    if (parsed.tornTail !== undefined) {
      const { line, lines, bytes } = parsed.tornTail;
      notices.push(
        lines === 1
          ? `${file}: left out a torn last write (line ${line}, ${bytes} bytes) from a crash; no client was told it was stored`
          : `${file}: left out a torn last write (lines ${line}-${line + lines - 1}, ${bytes} bytes: the last ${lines} commit groups, the first damaged, as a power loss leaves the groups whose fdatasyncs were running) from a crash; no client was told they were stored`,
      );
    }
    // Only the newest journal is carried on; a torn header means it never held a record.
    current =
      parsed.header.generation === journal.generation
        ? {
            file,
            intactBytes: parsed.intactBytes,
            dataBytes: parsed.intactBytes + (parsed.tornTail?.bytes ?? 0),
          }
        : undefined;
  }
  return { model, generation, notices, journal: current, snapshotBytes };
}

/** Puts the recovered state into a fresh emulator's domain (nothing reports changes yet). */
export async function restoreModel(
  dir: string,
  model: StateModel,
  regions: SqsRegions,
  store: ObjectStore,
  now: number,
): Promise<void> {
  for (const [name, saved] of model.regions) {
    const { engine, moveTasks } = regions.region(name);
    if (saved.keys !== undefined) engine.idFormat.restoreKeys(saved.keys);
    if (saved.counters !== undefined) engine.restoreCounters(saved.counters);
    for (const [queueName, at] of saved.deletedAt) engine.deletedAt.set(queueName, at);
    for (const queueModel of saved.queues.values()) {
      const queue = restoreQueue(engine, queueModel.state);
      const messages = [...queueModel.messages.values()].sort((a, b) => a.key - b.key);
      for (const message of messages) restoreMessage(engine, queue, message, now);
      for (const [key, entry] of queueModel.dedup) restoreDedup(queue, key, entry, now);
    }
    moveTasks.restore(saved.tasks);
  }
  for (const { info, objects } of model.buckets.values()) {
    store.restoreBucket(info);
    for (const record of objects.values()) {
      const file = join(dir, BLOBS, record.blob);
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        throw new DataDirError(
          `${file} (the bytes of s3://${info.name}/${record.key}) is missing; refusing to start`,
        );
      }
      if (createHash('sha256').update(body).digest('hex') !== record.blob) {
        throw new DataDirError(
          `${file} (the bytes of s3://${info.name}/${record.key}) is damaged (its SHA-256 is not its name); refusing to start`,
        );
      }
      const { blob: _blob, size: _size, ...object } = record;
      store.restoreObject(info.name, { ...object, body });
    }
  }
}
