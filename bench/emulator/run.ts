// The emulator part of `npm run bench`: the same SDK v3 loops against our emulator and against the
// canned ceiling server (each in its own child process), then long-poll wake latency, receive cost
// at 1k vs 1M queued messages and resident memory for 1M × 1 KiB messages.
import { fileURLToPath } from 'node:url';
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
const CONCURRENCY = 8;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const DEEP_QUEUE = 1_000_000;
const WAKE_SAMPLES = 200;

interface Throughput {
  batch: number;
  single: number;
}

async function throughput(url: string, createQueues: boolean): Promise<Throughput> {
  const client = sqsClient(url);
  try {
    const batchQueue = createQueues
      ? await createQueue(client, 'bench-batch')
      : `${url}/000000000000/bench`;
    const singleQueue = createQueues ? await createQueue(client, 'bench-single') : batchQueue;
    const batch = await batchRoundTrips(client, batchQueue, CONCURRENCY, SECONDS);
    const single = await singleRoundTrips(client, singleQueue, CONCURRENCY, SECONDS);
    return { batch, single };
  } finally {
    client.destroy();
  }
}

/** One SendMessage round trip against the ceiling server: the floor under the wake latency. */
async function sendFloor(url: string): Promise<{ p50: number; p99: number }> {
  const client = sqsClient(url);
  try {
    return await sendLatency(client, `${url}/000000000000/bench`, WAKE_SAMPLES);
  } finally {
    client.destroy();
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
  let ceiling: Throughput;
  let floor: { p50: number; p99: number };
  try {
    ceiling = await throughput(ceilingServer.url, false);
    floor = await sendFloor(ceilingServer.url);
  } finally {
    await ceilingServer.stop();
  }

  const emulator = await startChildServer(here('../../src/emulator/cli.ts'), ['--port', '0']);
  let ours: Throughput;
  let wake: { p50: number; p99: number };
  try {
    ours = await throughput(emulator.url, true);
    const client = sqsClient(emulator.url);
    wake = await wakeLatency(client, await createQueue(client, 'bench-wake'), WAKE_SAMPLES);
    client.destroy();
  } finally {
    await emulator.stop();
  }

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
