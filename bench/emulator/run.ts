// The emulator part of `npm run bench`: the same SDK v3 loops against our emulator and against the
// canned ceiling server (each in its own child process, taking turns), then long-poll wake latency
// beside its floor, receive cost at 1k vs 1M queued messages, and resident memory and fill cost
// for 1M × 1 KiB messages.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { startChildServer } from '../support/child-server.ts';
import { fmt, type Row } from '../support/table.ts';
import {
  batchRoundTrips,
  createQueue,
  receiveLatency,
  sendLatency,
  singleRoundTrips,
  sqsClient,
  wakeLatency,
} from './sqs-load.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const execFileAsync = promisify(execFile);
const RECOVERY_MESSAGES = 100_000;
const CONCURRENCY = 8;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const DEEP_QUEUE = 1_000_000;
const WAKE_SAMPLES = 200;
const ROUNDS = 3;

interface Throughput {
  batch: number;
  single: number;
}

interface Target {
  client: SQSClient;
  batchQueue: string;
  singleQueue: string;
}

async function target(url: string, createQueues: boolean): Promise<Target> {
  const client = sqsClient(url);
  if (!createQueues) {
    const queue = `${url}/000000000000/bench`;
    return { client, batchQueue: queue, singleQueue: queue };
  }
  const batchQueue = await createQueue(client, 'bench-batch');
  return { client, batchQueue, singleQueue: await createQueue(client, 'bench-single') };
}

/**
 * Emulator and ceiling take turns in short slices (who goes first alternating), so load from
 * other processes on the machine falls on both alike instead of on whichever ran at a bad moment.
 */
async function throughputs<Name extends string>(
  targets: Record<Name, Target>,
): Promise<Record<Name, Throughput>> {
  const slice = SECONDS / ROUNDS;
  const names = Object.keys(targets) as Name[];
  const sums = Object.fromEntries(names.map((n) => [n, { batch: 0, single: 0 }])) as Record<
    Name,
    Throughput
  >;
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const t = targets[name];
      sums[name].batch += await batchRoundTrips(t.client, t.batchQueue, CONCURRENCY, slice);
      sums[name].single += await singleRoundTrips(t.client, t.singleQueue, CONCURRENCY, slice);
    }
  }
  for (const name of names) {
    sums[name].batch /= ROUNDS;
    sums[name].single /= ROUNDS;
  }
  return sums;
}

/** Recovery of `count` 1 KiB messages from the journal a crash leaves (fresh processes). */
async function recovery(count: number): Promise<{ seconds: number; journalBytes: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-recovery-'));
  try {
    const script = here('./recovery.ts');
    await execFileAsync(process.execPath, [script, 'fill', join(dir, 'state'), String(count)]);
    const { stdout } = await execFileAsync(process.execPath, [
      script,
      'recover',
      join(dir, 'state'),
    ]);
    return JSON.parse(stdout) as { seconds: number; journalBytes: number };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface DeepQueue {
  rssAddedBytes: number;
  fillSeconds: number;
  p50: number;
  p99: number;
}

/** Fills a fresh emulator process with `count` messages of 1 KiB, then times receives on it. */
async function deepQueue(count: number): Promise<DeepQueue> {
  const server = await startChildServer(
    here('./deep-queue-server.ts'),
    [String(count), '1024'],
    {},
    ['--expose-gc'],
  );
  try {
    const figures = JSON.parse(server.preamble.at(-1) ?? '{}') as {
      rssAddedBytes?: number;
      fillSeconds?: number;
    };
    const client = sqsClient(server.url, 4);
    const latency = await receiveLatency(client, `${server.url}/000000000000/deep`, 500);
    client.destroy();
    return {
      rssAddedBytes: figures.rssAddedBytes ?? Number.NaN,
      fillSeconds: figures.fillSeconds ?? Number.NaN,
      ...latency,
    };
  } finally {
    await server.stop();
  }
}

export async function run(): Promise<Row[]> {
  const ceilingServer = await startChildServer(here('./ceiling-server.ts'));
  const emulator = await startChildServer(here('../../src/emulator/cli.ts'), ['--port', '0']);
  const stateDir = await mkdtemp(join(tmpdir(), 'bench-state-'));
  const persisted = await startChildServer(here('../../src/emulator/cli.ts'), [
    '--port',
    '0',
    '--data-dir',
    stateDir,
  ]);
  let ceiling: Throughput;
  let ours: Throughput;
  let durable: Throughput;
  let written: Throughput;
  const osStateDir = await mkdtemp(join(tmpdir(), 'bench-state-'));
  const persistedOs = await startChildServer(here('../../src/emulator/cli.ts'), [
    '--port',
    '0',
    '--data-dir',
    osStateDir,
    '--durability',
    'os',
  ]);
  let floor: { p50: number; p99: number };
  let wake: { p50: number; p99: number };
  try {
    const ceilingTarget = await target(ceilingServer.url, false);
    const ourTarget = await target(emulator.url, true);
    const durableTarget = await target(persisted.url, true);
    const writtenTarget = await target(persistedOs.url, true);
    ({ ceiling, ours, durable, written } = await throughputs({
      ceiling: ceilingTarget,
      ours: ourTarget,
      durable: durableTarget,
      written: writtenTarget,
    }));
    durableTarget.client.destroy();
    writtenTarget.client.destroy();
    // The floor right before the figure it bounds, on the same client.
    floor = await sendLatency(ceilingTarget.client, ceilingTarget.batchQueue, WAKE_SAMPLES);
    const wakeQueue = await createQueue(ourTarget.client, 'bench-wake');
    wake = await wakeLatency(ourTarget.client, wakeQueue, WAKE_SAMPLES);
    ceilingTarget.client.destroy();
    ourTarget.client.destroy();
  } finally {
    await ceilingServer.stop();
    await emulator.stop();
    await persisted.stop();
    await persistedOs.stop();
    await rm(stateDir, { recursive: true, force: true });
    await rm(osStateDir, { recursive: true, force: true });
  }
  const recovered = await recovery(RECOVERY_MESSAGES);

  const small = await deepQueue(1_000);
  const large = await deepQueue(DEEP_QUEUE);

  const share = (a: number, b: number) => `${fmt((a / b) * 100)}% of ceiling`;
  const rows: Row[] = [
    {
      part: 'emulator',
      metric: `msgs/s batch (send10→recv10→delete10, ×${CONCURRENCY})`,
      value: fmt(ours.batch),
      reference: `ceiling ${fmt(ceiling.batch)}`,
      note: share(ours.batch, ceiling.batch),
    },
    {
      part: 'emulator',
      metric: `msgs/s single (send→recv→delete, ×${CONCURRENCY})`,
      value: fmt(ours.single),
      reference: `ceiling ${fmt(ceiling.single)}`,
      note: share(ours.single, ceiling.single),
    },
    {
      part: 'emulator',
      metric: `msgs/s batch with --data-dir (fsync before each answer, ×${CONCURRENCY})`,
      value: fmt(durable.batch),
      reference: `in memory ${fmt(ours.batch)}; target ≥ 80%`,
      note: `${fmt((durable.batch / ours.batch) * 100)}% of in memory`,
    },
    {
      part: 'emulator',
      metric: `msgs/s batch with --data-dir --durability os (write before each answer, ×${CONCURRENCY})`,
      value: fmt(written.batch),
      reference: `in memory ${fmt(ours.batch)}; target ≥ 80%`,
      note: `${fmt((written.batch / ours.batch) * 100)}% of in memory`,
    },
    {
      part: 'emulator',
      metric: `msgs/s single with --data-dir (×${CONCURRENCY})`,
      value: fmt(durable.single),
      reference: `in memory ${fmt(ours.single)}`,
      note: `${fmt((durable.single / ours.single) * 100)}% of in memory`,
    },
    {
      part: 'emulator',
      metric: `recovery of ${RECOVERY_MESSAGES / 1000}k × 1 KiB messages after a crash (s)`,
      value: fmt(recovered.seconds, 2),
      note: `journal ${fmt(recovered.journalBytes / 2 ** 20)} MiB: read, replay, restore`,
    },
    {
      part: 'emulator',
      metric: 'long-poll wake latency p50 / p99 (ms)',
      value: `${fmt(wake.p50, 2)} / ${fmt(wake.p99, 2)}`,
      reference: 'target p99 ≤ 3 ms',
      note: `floor: one send to the ceiling ${fmt(floor.p50, 2)} / ${fmt(floor.p99, 2)}`,
    },
    {
      part: 'emulator',
      metric: 'receive latency p50 / p99 (ms), 1k queued',
      value: `${fmt(small.p50, 2)} / ${fmt(small.p99, 2)}`,
    },
    {
      part: 'emulator',
      metric: 'receive latency p50 / p99 (ms), 1M queued',
      value: `${fmt(large.p50, 2)} / ${fmt(large.p99, 2)}`,
      reference: 'target p50 ≤ 1.5× the 1k figure',
      note: `${fmt(large.p50 / small.p50, 2)}× the 1k figure`,
    },
    {
      part: 'emulator',
      metric: 'resident memory added by 1M × 1 KiB messages',
      value: `${fmt(large.rssAddedBytes / 2 ** 30, 2)} GiB`,
      reference: 'target ≤ 1.5 GiB',
    },
    {
      part: 'emulator',
      metric: 'filling 1M × 1 KiB through the domain (µs per send)',
      value: fmt((large.fillSeconds * 1e6) / DEEP_QUEUE, 1),
    },
  ];
  return rows;
}
