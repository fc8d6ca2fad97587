// Benchmark: how fast the fake AI turns bundles of 100 / 1,000 / 5,000 synthetic conversations
// into a graph (JSON parse + bundle reading + TF-IDF + clustering + edges + subclusters).
// Standalone: `node bench/fake-ai-graph.ts`; as a part of `npm run bench`, export `run`.
import { buildGraph } from '../fake-ai/graph/build-graph.ts';
import { readBundle } from '../fake-ai/graph/conversations.ts';
import { syntheticConversations } from '../fake-ai/graph/synthetic-bundle.ts';
import { fmt, type Row, renderTable } from './support/table.ts';

const ROUNDS = 5;
const SIZES = [100, 1_000, 5_000];

function measure(count: number): Row[] {
  const text = JSON.stringify({ conversations: syntheticConversations(count, 7) });
  const once = () => buildGraph(readBundle(JSON.parse(text)), { now: 0 });
  once(); // warm-up, so JIT compilation is not counted
  const times: number[] = [];
  let graph = once();
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    graph = once();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const part = 'fake-ai graph';
  const shape = `${fmt(text.length / 1024)} KiB in, ${graph.metadata.total_clusters} clusters, ${fmt(graph.metadata.total_edges)} edges`;
  return [
    {
      part,
      metric: `${fmt(count)} conversations, median ms`,
      value: fmt(times[Math.floor(ROUNDS / 2)] ?? 0, 1),
      reference: count === 1_000 ? '< 1,000 ms (product target)' : '',
      note: shape,
    },
    { part, metric: `${fmt(count)} conversations, max ms`, value: fmt(times[ROUNDS - 1] ?? 0, 1) },
  ];
}

export async function run(): Promise<Row[]> {
  return SIZES.flatMap(measure);
}

if (import.meta.main) console.log(renderTable(await run()));
