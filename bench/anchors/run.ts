// `npm run bench -- anchors`: one client workload against our emulator, the no-work ceiling and
// the anchors (LocalStack, ElasticMQ, moto), one server at a time: batch and single
// send→receive→delete, long-poll wake p50/p99, a fill of 100k messages with the memory it added,
// startup to healthy, and each server's own CPU per 1,000 messages from its process group's CPU
// time (the JS client, not the server, limits throughput on two cores, so CPU is the fair
// measure). Ours is also loaded from several client processes. Prints absolute figures and
// ours ÷ anchor; an anchor that cannot start is listed with the reason. Not a test, not in CI.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  batchRoundTrips,
  createQueue,
  sendLatency,
  singleRoundTrips,
  sqsClient,
  type Tally,
  wakeLatency,
} from '../emulator/sqs-load.ts';
import { fmt, type Row } from '../support/table.ts';
import { groupStats } from './proc-stats.ts';
import { SERVERS, type StartedServer } from './servers.ts';

const CONCURRENCY = 8;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WAKE_SAMPLES = 100;
const FILL = 100_000;
/** A slow anchor's fill stops here; the table says how far it got. */
const FILL_LIMIT_MS = 120_000;
const CLIENT_PROCESSES = 3;
const WARM_UP_SECONDS = 2;
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

interface Figures {
  batch: number;
  single: number;
  cpuBatch: number;
  cpuSingle: number;
  wakeP50: number;
  wakeP99: number;
  fillRate: number;
  filled: number;
  fillRssMiB: number;
  startupMs: number;
  multi?: { rate: number; cpu: number };
}

/** Runs `work` and returns its result with the server's CPU ms per 1,000 messages over it. */
async function withCpu(
  server: StartedServer,
  work: (tally: Tally) => Promise<number>,
): Promise<{ rate: number; cpuPer1k: number }> {
  const tally: Tally = { messages: 0 };
  const before = groupStats(server.pgid).cpuMs;
  const rate = await work(tally);
  const cpuMs = groupStats(server.pgid).cpuMs - before;
  return { rate, cpuPer1k: tally.messages > 0 ? (cpuMs / tally.messages) * 1000 : Number.NaN };
}

async function fill(client: SQSClient, queueUrl: string): Promise<{ filled: number; ms: number }> {
  const body = 'x'.repeat(1024);
  const entries = Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: body }));
  const started = performance.now();
  let sent = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent < FILL && performance.now() - started < FILL_LIMIT_MS) {
        sent += 10;
        await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      }
    }),
  );
  return { filled: Math.min(sent, FILL), ms: performance.now() - started };
}

/** Batch round trips from several client processes at once; their summed rate. */
async function fromProcesses(url: string, queueUrl: string): Promise<number> {
  const rates = await Promise.all(
    Array.from(
      { length: CLIENT_PROCESSES },
      () =>
        new Promise<{ rate: number; messages: number }>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [here('./load-client.ts'), url, queueUrl, String(SECONDS), String(CONCURRENCY)],
            { stdio: ['ignore', 'pipe', 'inherit'] },
          );
          const lines = createInterface({ input: child.stdout });
          let last = '';
          lines.on('line', (line) => {
            last = line;
          });
          child.once('exit', (code) =>
            code === 0
              ? resolve(JSON.parse(last) as { rate: number; messages: number })
              : reject(new Error(`load client exited with ${code}`)),
          );
        }),
    ),
  );
  return rates.reduce((sum, r) => sum + r.rate, 0);
}

async function measure(server: StartedServer, several: boolean): Promise<Figures> {
  const client = sqsClient(server.url);
  try {
    const queue = async (name: string) =>
      server.canned ? `${server.url}/000000000000/bench` : createQueue(client, name);
    const batchQueue = await queue('anchor-batch');
    const singleQueue = await queue('anchor-single');
    // Unmeasured warm-up (a JVM or Python server compiles and caches on its first requests).
    await batchRoundTrips(client, batchQueue, CONCURRENCY, WARM_UP_SECONDS);
    await singleRoundTrips(client, singleQueue, CONCURRENCY, WARM_UP_SECONDS);
    const batch = await withCpu(server, (t) =>
      batchRoundTrips(client, batchQueue, CONCURRENCY, SECONDS, t),
    );
    const single = await withCpu(server, (t) =>
      singleRoundTrips(client, singleQueue, CONCURRENCY, SECONDS, t),
    );
    // The ceiling keeps no queue to wait on: its figure is one send, the floor under any wake.
    const wake = server.canned
      ? await sendLatency(client, batchQueue, WAKE_SAMPLES)
      : await wakeLatency(client, await queue('anchor-wake'), WAKE_SAMPLES);
    let multi: Figures['multi'];
    if (several) {
      const multiQueue = await queue('anchor-multi');
      const before = groupStats(server.pgid).cpuMs;
      const rate = await fromProcesses(server.url, multiQueue);
      const cpuMs = groupStats(server.pgid).cpuMs - before;
      multi = { rate, cpu: (cpuMs / (rate * SECONDS)) * 1000 };
    }
    const fillQueue = await queue('anchor-fill');
    const rssBefore = groupStats(server.pgid).rssBytes;
    const filled = await fill(client, fillQueue);
    const rssAfter = groupStats(server.pgid).rssBytes;
    return {
      batch: batch.rate,
      single: single.rate,
      cpuBatch: batch.cpuPer1k,
      cpuSingle: single.cpuPer1k,
      wakeP50: wake.p50,
      wakeP99: wake.p99,
      fillRate: filled.filled / (filled.ms / 1000),
      filled: filled.filled,
      fillRssMiB: (rssAfter - rssBefore) / 2 ** 20,
      startupMs: server.startupMs,
      ...(multi ? { multi } : {}),
    };
  } finally {
    client.destroy();
  }
}

interface Metric {
  label: string;
  value: (f: Figures) => number | undefined;
  digits: number;
  /** Whether a higher figure is better (for the ratio's reading). */
  higherBetter: boolean;
}

const METRICS: Metric[] = [
  {
    label: `msgs/s batch (send10→recv10→delete10, ×${CONCURRENCY})`,
    value: (f) => f.batch,
    digits: 0,
    higherBetter: true,
  },
  {
    label: `msgs/s single (send→recv→delete, ×${CONCURRENCY})`,
    value: (f) => f.single,
    digits: 0,
    higherBetter: true,
  },
  {
    label: 'server CPU ms per 1,000 msgs, batch',
    value: (f) => f.cpuBatch,
    digits: 1,
    higherBetter: false,
  },
  {
    label: 'server CPU ms per 1,000 msgs, single',
    value: (f) => f.cpuSingle,
    digits: 1,
    higherBetter: false,
  },
  { label: 'long-poll wake p50 (ms)', value: (f) => f.wakeP50, digits: 2, higherBetter: false },
  { label: 'long-poll wake p99 (ms)', value: (f) => f.wakeP99, digits: 2, higherBetter: false },
  {
    label: `fill ${FILL / 1000}k × 1 KiB, msgs/s`,
    value: (f) => f.fillRate,
    digits: 0,
    higherBetter: true,
  },
  {
    label: `messages filled (${FILL_LIMIT_MS / 1000} s cap)`,
    value: (f) => f.filled,
    digits: 0,
    higherBetter: true,
  },
  {
    label: `memory added by the fill (MiB RSS)`,
    value: (f) => f.fillRssMiB,
    digits: 0,
    higherBetter: false,
  },
  { label: 'startup to healthy (ms)', value: (f) => f.startupMs, digits: 0, higherBetter: false },
  {
    label: `msgs/s batch from ${CLIENT_PROCESSES} client processes`,
    value: (f) => f.multi?.rate,
    digits: 0,
    higherBetter: true,
  },
  {
    label: `server CPU ms per 1,000 msgs, ${CLIENT_PROCESSES} client processes`,
    value: (f) => f.multi?.cpu,
    digits: 1,
    higherBetter: false,
  },
];

function renderMatrix(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cols: readonly string[]) =>
    `| ${cols.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export async function run(): Promise<Row[]> {
  const results = new Map<string, Figures | Error>();
  for (const kind of SERVERS) {
    process.stderr.write(`anchors: ${kind.name} (${kind.what})…\n`);
    let server: StartedServer | undefined;
    try {
      await kind.prepare();
      server = await kind.start();
      results.set(kind.name, await measure(server, kind.name === 'ours'));
    } catch (error) {
      results.set(kind.name, error as Error);
      process.stderr.write(`anchors: ${kind.name} failed: ${(error as Error).message}\n`);
    } finally {
      await server?.stop();
    }
  }
  const ran = SERVERS.filter((k) => !(results.get(k.name) instanceof Error));
  const figures = (name: string) => results.get(name) as Figures;
  const absolute = METRICS.map((m) => [
    m.label,
    ...ran.map((k) => {
      const v = m.value(figures(k.name));
      return v === undefined ? '' : fmt(v, m.digits);
    }),
  ]);
  console.log(`\nanchors, ${SECONDS} s per load figure, ${CONCURRENCY} loops per client\n`);
  console.log(renderMatrix(['metric', ...ran.map((k) => k.name)], absolute));
  const ours = results.get('ours');
  const others = ran.filter((k) => k.name !== 'ours');
  if (!(ours instanceof Error) && ours) {
    const compared = METRICS.filter(
      (m) =>
        m.value(ours) !== undefined && others.some((k) => m.value(figures(k.name)) !== undefined),
    );
    const ratios = compared.map((m) => [
      `${m.label} (${m.higherBetter ? 'higher' : 'lower'} is better)`,
      ...others.map((k) => {
        const theirs = m.value(figures(k.name));
        const mine = m.value(ours);
        return theirs === undefined || mine === undefined ? '' : `${fmt(mine / theirs, 2)}×`;
      }),
    ]);
    console.log('\nours ÷ each\n');
    console.log(renderMatrix(['metric', ...others.map((k) => k.name)], ratios));
  }
  for (const kind of SERVERS) {
    const r = results.get(kind.name);
    console.log(
      r instanceof Error
        ? `\n${kind.name}: could not start or run: ${r.message.split('\n')[0]}`
        : `\n${kind.name}: ${kind.what}`,
    );
  }
  return [];
}
