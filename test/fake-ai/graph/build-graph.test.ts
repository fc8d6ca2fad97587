// buildGraph: the sample export to a graph in the AI output shape, deterministic for a seed, with
// topic links and named clusters.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../fake-ai/graph/build-graph.ts';
import { parseBundleText, readBundle } from '../../../fake-ai/graph/conversations.ts';
import { syntheticConversations } from '../../../fake-ai/graph/synthetic-bundle.ts';
import { type GraphOutput, validateGraphOutputStrict } from '../../../src/contracts/index.ts';

const SAMPLE = parseBundleText(
  readFileSync(new URL('../../fixtures/chat-export-sample.json', import.meta.url), 'utf8'),
);
const NOW = Date.parse('2026-01-02T03:04:05Z');

function checkInvariants(graph: GraphOutput) {
  const verdict = validateGraphOutputStrict(graph);
  expect(verdict.ok ? [] : verdict.error.violations).toEqual([]);
  const ids = new Set(graph.nodes.map((n) => n.id));
  const clusterOf = new Map(graph.nodes.map((n) => [n.id, n.cluster_id]));
  expect(graph.metadata.total_nodes).toBe(graph.nodes.length);
  expect(graph.metadata.total_edges).toBe(graph.edges.length);
  expect(graph.metadata.total_clusters).toBe(Object.keys(graph.metadata.clusters).length);
  const pairs = new Set<string>();
  for (const edge of graph.edges) {
    expect(ids.has(edge.source) && ids.has(edge.target)).toBe(true);
    expect(edge.source).toBeLessThan(edge.target);
    expect(edge.weight).toBeGreaterThan(0);
    expect(edge.weight).toBeLessThanOrEqual(1);
    expect(['hard', 'insight']).toContain(edge.type);
    expect(edge.is_intra_cluster).toBe(clusterOf.get(edge.source) === clusterOf.get(edge.target));
    const key = `${edge.source}-${edge.target}`;
    expect(pairs.has(key)).toBe(false);
    pairs.add(key);
  }
  const sizes = new Map<string, number>();
  for (const node of graph.nodes) {
    sizes.set(node.cluster_id, (sizes.get(node.cluster_id) ?? 0) + 1);
    const info = graph.metadata.clusters[node.cluster_id];
    expect(info?.name).toBe(node.cluster_name);
    expect(node.top_keywords).toEqual(node.keywords.slice(0, 3).map((k) => k.term));
    const scores = node.keywords.map((k) => k.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  }
  for (const [id, info] of Object.entries(graph.metadata.clusters)) {
    expect(info.size).toBe(sizes.get(id));
  }
  const names = Object.values(graph.metadata.clusters).map((c) => c.name);
  expect(new Set(names).size).toBe(names.length);
  for (const sub of graph.subclusters) {
    expect(sub.node_ids.length).toBeGreaterThanOrEqual(2);
    expect(sub.node_ids).toContain(sub.representative_node_id);
    for (const id of sub.node_ids) expect(clusterOf.get(id)).toBe(sub.cluster_id);
  }
}

describe('buildGraph', () => {
  it('turns the sample export into a graph of the AI output shape', () => {
    const graph = buildGraph(SAMPLE, { now: NOW });
    expect(graph.nodes).toHaveLength(20);
    expect(graph.metadata.generated_at).toBe('2026-01-02T03:04:05.000Z');
    expect(graph.nodes[0]).toMatchObject({
      id: 0,
      orig_id: '0',
      cluster_id: expect.stringMatching(/^cluster_\d+$/),
      timestamp: '2025-09-13T21:46:40.000Z',
      num_sections: 4,
      source_type: 'chat',
    });
    expect(graph.nodes[0]?.top_keywords).toContain('d3.js');
    expect(Object.keys(graph.nodes[0] ?? {}).sort()).toEqual(
      [
        'cluster_id',
        'cluster_name',
        'id',
        'keywords',
        'num_sections',
        'orig_id',
        'source_type',
        'timestamp',
        'top_keywords',
      ].sort(),
    );
    checkInvariants(graph);
  });

  it('gives byte-identical output for the same input and seed', () => {
    const bundle = readBundle(syntheticConversations(200, 5));
    const a = JSON.stringify(buildGraph(bundle, { now: NOW, seed: 9 }));
    const b = JSON.stringify(
      buildGraph(readBundle(syntheticConversations(200, 5)), { now: NOW, seed: 9 }),
    );
    expect(a).toBe(b);
  });

  it('depends on the seed only through clustering', () => {
    const bundle = readBundle(syntheticConversations(200, 5));
    const a = buildGraph(bundle, { now: NOW, seed: 1 });
    const b = buildGraph(bundle, { now: NOW, seed: 2 });
    expect(a.edges.map((e) => [e.source, e.target, e.weight])).toEqual(
      b.edges.map((e) => [e.source, e.target, e.weight]),
    );
    expect(a.nodes.map((n) => n.keywords)).toEqual(b.nodes.map((n) => n.keywords));
    checkInvariants(a);
    checkInvariants(b);
  });

  it('links conversations about the same topic and names clusters after their themes', () => {
    const docs = readBundle([
      ...['pods', 'helm charts', 'ingress'].map((t) => ({
        title: `kubernetes ${t}`,
        mapping: { a: { message: { content: { parts: [`kubernetes cluster ${t} deployment`] } } } },
      })),
      ...['starter', 'hydration', 'crust'].map((t) => ({
        title: `sourdough ${t}`,
        mapping: { a: { message: { content: { parts: [`sourdough bread ${t} oven flour`] } } } },
      })),
    ]);
    const graph = buildGraph(docs, { now: NOW, minClusters: 2, maxClusters: 2 });
    const cluster = graph.nodes.map((n) => n.cluster_id);
    expect(new Set(cluster.slice(0, 3)).size).toBe(1);
    expect(new Set(cluster.slice(3)).size).toBe(1);
    expect(cluster[0]).not.toBe(cluster[3]);
    expect(graph.edges.length).toBeGreaterThan(0);
    expect(graph.edges.every((e) => e.is_intra_cluster)).toBe(true);
    const names = Object.values(graph.metadata.clusters).map((c) => c.name.toLowerCase());
    expect(names.some((n) => n.includes('kubernetes'))).toBe(true);
    expect(names.some((n) => n.includes('sourdough'))).toBe(true);
    checkInvariants(graph);
  });

  it.each([1, 2, 3, 4])('marks strong links hard and weaker ones insight (bundle %i)', (seed) => {
    const graph = buildGraph(readBundle(syntheticConversations(300, seed)), {
      now: NOW,
      hardThreshold: 0.3,
    });
    expect(graph.edges.some((e) => e.type === 'hard')).toBe(true);
    expect(graph.edges.some((e) => e.type === 'insight')).toBe(true);
    for (const edge of graph.edges) expect(edge.type === 'hard').toBe(edge.weight >= 0.3);
    expect(graph.edges.some((e) => !e.is_intra_cluster)).toBe(true);
    checkInvariants(graph);
  });

  it('respects the requested cluster bounds', () => {
    const docs = readBundle(syntheticConversations(300, 3));
    expect(
      buildGraph(docs, { now: NOW, minClusters: 5, maxClusters: 5 }).metadata.total_clusters,
    ).toBeLessThanOrEqual(5);
    expect(
      buildGraph(docs, { now: NOW, maxClusters: 3 }).metadata.total_clusters,
    ).toBeLessThanOrEqual(3);
  });

  it('handles an empty bundle, one conversation and conversations without text', () => {
    const empty = buildGraph([], { now: NOW });
    expect(empty).toMatchObject({ nodes: [], edges: [], subclusters: [] });
    expect(empty.metadata).toMatchObject({ total_nodes: 0, total_clusters: 0, clusters: {} });

    const blank = readBundle([
      { mapping: {} },
      { mapping: {} },
      { title: 'git rebase', mapping: {} },
    ]);
    const graph = buildGraph(blank, { now: NOW });
    expect(graph.nodes).toHaveLength(3);
    expect(graph.nodes[0]?.keywords).toEqual([]);
    checkInvariants(graph);

    const one = buildGraph(readBundle([{ title: 'git rebase', mapping: {} }]), { now: NOW });
    expect(one.metadata.total_clusters).toBe(1);
    expect(one.edges).toEqual([]);
  });

  it('uses the requested source type', () => {
    const graph = buildGraph(SAMPLE, { now: NOW, sourceType: 'markdown' });
    expect(graph.nodes.every((n) => n.source_type === 'markdown')).toBe(true);
  });
});
