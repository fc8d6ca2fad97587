// Benchmark: how fast the fake AI turns bundles of 100 / 1,000 / 5,000 synthetic conversations
// into a graph (parse + TF-IDF + clustering + edges). Run: node bench/fake-ai-graph.ts
import { buildGraph } from '../fake-ai/graph/build-graph.ts';
import { readBundle } from '../fake-ai/graph/conversations.ts';
import { syntheticConversations } from '../fake-ai/graph/synthetic-bundle.ts';

const ROUNDS = 5;

function measure(count: number) {
  const bundle = { conversations: syntheticConversations(count, 7) };
  const text = JSON.stringify(bundle);
  // One warm-up so JIT compilation is not counted.
  buildGraph(readBundle(JSON.parse(text)), { now: 0 });
  const times: number[] = [];
  let edges = 0;
  let clusters = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const graph = buildGraph(readBundle(JSON.parse(text)), { now: 0 });
    times.push(performance.now() - started);
    edges = graph.metadata.total_edges;
    clusters = graph.metadata.total_clusters;
  }
  times.sort((a, b) => a - b);
  return {
    conversations: count,
    'bundle KiB': Math.round(text.length / 1024),
    clusters,
    edges,
    'median ms': Number((times[Math.floor(ROUNDS / 2)] ?? 0).toFixed(1)),
    'max ms': Number((times[ROUNDS - 1] ?? 0).toFixed(1)),
  };
}

console.table([100, 1_000, 5_000].map(measure));
