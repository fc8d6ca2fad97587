// The emulator's composition root and in-process API: `startEmulator()` wires the clock, id
// source, SQS domain, S3 service, fault rules and control plane behind one HTTP listener, and
// returns a handle tests and the rest of the stack use to reach, steer and stop it. This is the
// only place that reads the wall clock or picks a seed.

import { randomIds } from '../kernel/ids.ts';
import { seededRandom } from '../kernel/random.ts';
import { type ControllableClock, VirtualClock } from '../kernel/virtual-clock.ts';
import { ControlPlane } from './control/routes.ts';
import { FaultRules } from './faults/rules.ts';
import { createEmulatorServer } from './http/server.ts';
import { type Durability, StateJournal } from './persistence/journal.ts';
import { type Recovered, readDataDir, restoreModel } from './persistence/recover.ts';
import { createS3Service, type S3Service } from './s3/index.ts';
import { queueUrl } from './sqs/actions/queue-url.ts';
import type { SqsEngine } from './sqs/domain/engine.ts';
import { SqsRegions } from './sqs/domain/regions.ts';
import { SqsService } from './sqs/index.ts';

export interface EmulatorOptions {
  /** 0 (the default here) picks a free port; the CLI defaults to 4566. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Region in ARNs and S3 defaults; default us-east-1. */
  region?: string;
  /** Virtual ms per real ms for a clock created here (default 1; 0 = frozen, manual). */
  timeScale?: number;
  /** Bring your own clock (e.g. a manual one shared with the test). */
  clock?: ControllableClock;
  /** Seed for ids and fault draws; default derived from the wall clock. */
  seed?: number;
  /** Allow PurgeQueue more often than AWS's once per 60 s; default false. */
  allowRepeatedPurge?: boolean;
  /** Called with unexpected internal errors (bugs), e.g. to log them. */
  onInternalError?: (error: unknown) => void;
  /**
   * Web origins allowed to call the emulator besides its own (default none: a page elsewhere gets
   * 403), e.g. `http://localhost:5173`.
   */
  allowedOrigins?: readonly string[];
  /** Host names answered besides loopback and the bound address (e.g. a compose service name). */
  allowedHosts?: readonly string[];
  /**
   * Keep queues, messages, move tasks, buckets and objects in this directory (created if
   * missing) so they survive a crash and restart; default: in memory only. See README.
   */
  dataDir?: string;
  /** Journal size (bytes) that triggers compaction into a snapshot; default 64 MiB. */
  compactBytes?: number;
  /** `fsync` (default): answers wait for fdatasync; `os`: for the write (SIGKILL-safe), synced within 10 ms. */
  durability?: Durability;
  /** Told what recovery left out (torn last writes); default console.warn. */
  onNotice?: (message: string) => void;
}

export interface RunningEmulator {
  /** `http://host:port`; use as the SDKs' endpoint. */
  url: string;
  port: number;
  region: string;
  clock: ControllableClock;
  sqs: SqsEngine;
  s3: S3Service;
  faults: FaultRules;
  /** The URL of queue `name` as SQS hands it out (`{url}/000000000000/{name}`). */
  queueUrl(name: string): string;
  /** Resolves once every change so far is on disk (at once without a data directory). */
  durable(): Promise<void>;
  /** Same as `POST /_harness/reset`: every queue, move task, bucket and fault rule is gone. */
  reset(): void;
  stop(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const region = options.region ?? 'us-east-1';
  const host = options.host ?? '127.0.0.1';
  const recovered: Recovered | undefined =
    options.dataDir === undefined ? undefined : await readDataDir(options.dataDir);
  for (const notice of recovered?.notices ?? []) (options.onNotice ?? console.warn)(notice);
  // Virtual time resumes where it was, plus the real time the emulator was down at its old scale
  // (deadlines are virtual instants: time passed for them as it would have on AWS).
  const saved = recovered?.model.clock;
  const resumeAt =
    saved === undefined
      ? undefined
      : saved.now + Math.max(0, Date.now() - saved.wall) * saved.scale;
  const clock =
    options.clock ??
    new VirtualClock({ start: resumeAt ?? Date.now(), scale: options.timeScale ?? 1 });
  if (options.clock !== undefined && resumeAt !== undefined && clock.now() < resumeAt) {
    clock.advance(resumeAt - clock.now());
  }
  const seed = options.seed ?? (Date.now() ^ (process.pid << 16)) >>> 0;
  const ids = randomIds(seededRandom(seed));
  const faults = new FaultRules(clock, seededRandom(seed ^ 0x5bd1e995));
  const regions = new SqsRegions({
    clock,
    ids,
    region,
    hooks: faults.hooks,
    settings: { allowRepeatedPurge: options.allowRepeatedPurge ?? false },
  });
  const { engine, moveTasks } = regions.default;
  const onInternalError =
    options.onInternalError ??
    ((error: unknown) => {
      console.error('emulator internal error', error);
    });
  const s3 = createS3Service({
    now: () => clock.now(),
    region,
    onInternalError,
    gate: faults.s3Gate,
  });
  const sqs = new SqsService({ regions, ids, gate: faults.gate, onInternalError });
  const reset = (): void => {
    regions.reset();
    s3.reset();
    faults.clear();
    faults.journal.clear();
  };
  let journal: StateJournal | undefined;
  if (options.dataDir !== undefined && recovered !== undefined) {
    await restoreModel(options.dataDir, recovered.model, regions, s3.objects, clock.now());
    journal = await StateJournal.start({
      dir: options.dataDir,
      generation: recovered.generation,
      regions,
      store: s3.objects,
      clock,
      resume: recovered.journal,
      snapshotBytes: recovered.snapshotBytes,
      ...(options.compactBytes !== undefined ? { compactBytes: options.compactBytes } : {}),
      ...(options.durability !== undefined ? { durability: options.durability } : {}),
    });
  }
  const control = new ControlPlane({ clock, engine, moveTasks, s3, faults, reset });
  const server = createEmulatorServer({
    endpoints: { 'sqs-json': sqs.json, 'sqs-query': sqs.query, s3, control },
    origins: {
      allowedOrigins: options.allowedOrigins ?? [],
      allowedHosts: [...(options.allowedHosts ?? []), host],
    },
    onInternalError,
    ...(journal !== undefined ? { durable: () => journal.durable() } : {}),
  });
  const port = await server.listen(options.port ?? 0, host);
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const url = `http://${urlHost}:${port}`;
  return {
    url,
    port,
    region,
    clock,
    sqs: engine,
    s3,
    faults,
    queueUrl: (name) => queueUrl(url, name),
    reset,
    durable: () => journal?.durable() ?? Promise.resolve(),
    stop: async () => {
      // Persistence stops listening first: a shutdown is not a reset, the state stays on disk.
      await journal?.close();
      regions.reset();
      await server.close();
    },
  };
}

export type { ControllableClock, TimerClock } from '../kernel/virtual-clock.ts';
export { manualClock, VirtualClock } from '../kernel/virtual-clock.ts';
export type { JournalEvent, JournalPage } from './faults/journal.ts';
export type { FaultRuleSpec } from './faults/rules.ts';
