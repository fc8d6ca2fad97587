// `npm run bench -- persistence`: SQS batch throughput of the emulator in memory, with a data
// directory (`fsync`, the default durability) and with `--durability os`, each in its own child
// process, taking turns in short rounds (who goes first alternating) so that load from elsewhere on
// a shared machine falls on all of them alike. Prints the medians and the median of the per-round
// ratios to in memory (the figure the ≥ 80% target is about), with its range.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { type ChildServer, startChildServer } from '../support/child-server.ts';
import { median } from '../support/stats.ts';
import { fmt, type Row } from '../support/table.ts';
import { batchRoundTrips, createQueue, sqsClient } from './sqs-load.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const CONCURRENCY = 8;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 1.5);

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
  rounds: number[];
}

async function launch(mode: (typeof MODES)[number]): Promise<Running> {
  const dir = mode.args.length > 0 ? await mkdtemp(join(tmpdir(), 'bench-state-')) : undefined;
  const args = ['--port', '0', ...(dir !== undefined ? ['--data-dir', dir, ...mode.args] : [])];
  const server = await startChildServer(here('../../src/emulator/cli.ts'), args);
  const client = sqsClient(server.url);
  return {
    name: mode.name,
    server,
    client,
    queue: await createQueue(client, 'bench'),
    dir,
    rounds: [],
  };
}

export async function run(): Promise<Row[]> {
  const running: Running[] = [];
  try {
    for (const mode of MODES) running.push(await launch(mode));
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? running : [...running].reverse();
      for (const r of order)
        r.rounds.push(await batchRoundTrips(r.client, r.queue, CONCURRENCY, SECONDS));
      process.stderr.write(
        `  round ${round + 1}/${ROUNDS}: ${running.map((r) => `${r.name} ${fmt(r.rounds.at(-1)!)}`).join(', ')}\n`,
      );
    }
  } finally {
    for (const r of running) {
      r.client.destroy();
      await r.server.stop();
      if (r.dir !== undefined) await rm(r.dir, { recursive: true, force: true });
    }
  }
  const memory = running[0]!;
  return running.map((r) => {
    const ratios = r.rounds.map((v, i) => (v / memory.rounds[i]!) * 100);
    return {
      part: 'persistence',
      metric: `msgs/s batch ${r.name} (send10→recv10→delete10, ×${CONCURRENCY}), median of ${ROUNDS} rounds`,
      value: fmt(median(r.rounds)),
      ...(r === memory
        ? { reference: `rounds ${fmt(Math.min(...r.rounds))}–${fmt(Math.max(...r.rounds))}` }
        : {
            reference: 'target ≥ 80% of in memory',
            note: `${fmt(median(ratios))}% of in memory (median per round; ${fmt(Math.min(...ratios))}–${fmt(Math.max(...ratios))}%)`,
          }),
    };
  });
}
