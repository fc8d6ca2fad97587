// `npm run bench -- persistence`: SQS batch throughput of the emulator in memory, with a data
// directory (`fsync`, the default durability) and with `--durability os`, each in its own child
// process. On a shared machine other work comes and goes within seconds, so the modes take turns
// in short windows (a quarter second each, who goes first alternating) and each window of a
// persistent mode is compared with the in-memory window beside it: the median of those ratios is
// the figure the ≥ 80% target is about; the ratio of the totals is printed beside it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { type ChildServer, startChildServer } from '../support/child-server.ts';
import { median, percentile } from '../support/stats.ts';
import { fmt, type Row } from '../support/table.ts';
import { batchRound, createQueue, sqsClient } from './sqs-load.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const CONCURRENCY = 8;
const WINDOWS = Number(process.env.BENCH_WINDOWS ?? 80);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 250);
const WARM_UP_MS = 1000;

const MODES = [
  { name: 'in memory', args: [] },
  { name: '--data-dir (fsync)', args: ['--durability', 'fsync'] },
  { name: '--data-dir --durability os', args: ['--durability', 'os'] },
] as const;

interface Running {
  name: string;
  server: ChildServer;
  client: SQSClient;
  queue: string;
  dir: string | undefined;
  /** Per window: messages completed and milliseconds taken (in-flight rounds finish in it). */
  windows: { messages: number; ms: number }[];
}

async function launch(mode: (typeof MODES)[number]): Promise<Running> {
  const dir = mode.args.length > 0 ? await mkdtemp(join(tmpdir(), 'bench-state-')) : undefined;
  const args = ['--port', '0', ...(dir !== undefined ? ['--data-dir', dir, ...mode.args] : [])];
  const server = await startChildServer(here('../../src/emulator/cli.ts'), args);
  const client = sqsClient(server.url);
  const queue = await createQueue(client, 'bench');
  return { name: mode.name, server, client, queue, dir, windows: [] };
}

/** `CONCURRENCY` loops of batch rounds for `ms`; the last rounds finish inside the window. */
async function window(r: Running, ms: number): Promise<{ messages: number; ms: number }> {
  const startedAt = performance.now();
  const endAt = startedAt + ms;
  let messages = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < endAt) {
        // Awaited first: `messages += await …` would add to the total read before the await.
        const completed = await batchRound(r.client, r.queue);
        messages += completed;
      }
    }),
  );
  return { messages, ms: performance.now() - startedAt };
}

export async function run(): Promise<Row[]> {
  const running: Running[] = [];
  try {
    for (const mode of MODES) running.push(await launch(mode));
    for (const r of running) await window(r, WARM_UP_MS);
    for (let w = 0; w < WINDOWS; w++) {
      const order = w % 2 === 0 ? running : [...running].reverse();
      for (const r of order) r.windows.push(await window(r, WINDOW_MS));
    }
  } finally {
    for (const r of running) {
      r.client.destroy();
      await r.server.stop();
      if (r.dir !== undefined) await rm(r.dir, { recursive: true, force: true });
    }
  }
  const rate = (w: { messages: number; ms: number }) => (w.messages / w.ms) * 1000;
  const total = (r: Running) =>
    (r.windows.reduce((n, w) => n + w.messages, 0) / r.windows.reduce((t, w) => t + w.ms, 0)) *
    1000;
  const memory = running[0]!;
  return running.map((r) => {
    const rates = r.windows.map(rate);
    const metric = `msgs/s batch ${r.name} (send10→recv10→delete10, ×${CONCURRENCY}), median of ${WINDOWS} windows of ${WINDOW_MS} ms`;
    if (r === memory) {
      return {
        part: 'persistence',
        metric,
        value: fmt(median(rates)),
        reference: `windows p10–p90 ${fmt(percentile(rates, 10))}–${fmt(percentile(rates, 90))}`,
      };
    }
    const ratios = rates.map((v, i) => (v / rate(memory.windows[i]!)) * 100);
    return {
      part: 'persistence',
      metric,
      value: fmt(median(rates)),
      reference: 'target ≥ 80% of in memory',
      note: `${fmt(median(ratios))}% of in memory (median of window ratios, p25–p75 ${fmt(percentile(ratios, 25))}–${fmt(percentile(ratios, 75))}%; totals ${fmt((total(r) / total(memory)) * 100)}%)`,
    };
  });
}
