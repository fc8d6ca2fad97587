// The graph summary and per-conversation features written next to a graph.
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../fake-ai/graph/build-graph.ts';
import { readBundle } from '../../../fake-ai/graph/conversations.ts';
import { buildFeatures, buildSummary } from '../../../fake-ai/graph/summary.ts';
import { syntheticConversations } from '../../../fake-ai/graph/synthetic-bundle.ts';
import { validateSummary } from '../../../src/contracts/index.ts';

const NOW = Date.UTC(2026, 10, 26, 9);

describe('summary and features', () => {
  it('summarises every cluster and the strongest cross-cluster links, on contract', () => {
    const graph = buildGraph(readBundle(syntheticConversations(150, 4)), { now: NOW });
    const summary = buildSummary(graph, { now: NOW, language: 'ko' });
    expect(validateSummary(summary).ok).toBe(true);
    expect(summary.clusters.map((c) => c.cluster_id)).toEqual(Object.keys(graph.metadata.clusters));
    expect(summary.overview.summary_text).toContain(
      `150 conversations in ${graph.metadata.total_clusters} topics`,
    );
    expect(summary.connections?.length).toBeGreaterThan(0);
    expect(summary).toMatchObject({ generated_at: '2026-11-26T09:00:00.000Z' });
  });

  it('handles an empty graph', () => {
    const summary = buildSummary(buildGraph([], { now: NOW }), { now: NOW });
    expect(summary).toMatchObject({
      overview: { summary_text: 'No conversations to summarise.', total_source_nodes: 0 },
      clusters: [],
    });
    expect(validateSummary(summary).ok).toBe(true);
  });

  it('lists each conversation with its keywords and cluster as features', () => {
    const graph = buildGraph(readBundle(syntheticConversations(5, 1)), { now: NOW });
    const features = buildFeatures(graph, NOW);
    expect(features.conversations.map((c) => c.orig_id)).toEqual(graph.nodes.map((n) => n.orig_id));
    expect(features.conversations[0]?.keywords).toEqual(graph.nodes[0]?.keywords);
  });
});
