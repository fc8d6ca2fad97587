// The back end's hard/insight edge types, derived from the AI's semantic edges and confidence.
import { describe, expect, it } from 'vitest';
import type { GraphOutput } from '../../../src/contracts/index.ts';
import { storedGraphJson, withDerivedEdgeTypes } from '../../../src/core/domain/graph-edges.ts';

const graph = (edges: GraphOutput['edges']): GraphOutput => ({
  nodes: [],
  edges,
  subclusters: [],
  metadata: {
    generated_at: '2026-05-24T08:02:17.292321Z',
    total_nodes: 0,
    total_edges: edges.length,
    total_clusters: 0,
    clusters: {},
  },
});

describe('derived edge types', () => {
  it('types a high-confidence semantic edge hard and any other insight', () => {
    const derived = withDerivedEdgeTypes(
      graph([
        { source: 0, target: 1, weight: 0.8, type: 'semantic', confidence: 'high' },
        { source: 1, target: 2, weight: 0.3, type: 'semantic', confidence: 'medium' },
        { source: 2, target: 3, weight: 0.1, type: 'semantic', confidence: null },
      ]),
    );
    expect(derived.edges.map((e) => e.type)).toEqual(['hard', 'insight', 'insight']);
    expect(derived.edges[0]?.confidence).toBe('high');
  });

  it('stores already-typed graphs byte for byte', () => {
    const typed = graph([{ source: 0, target: 1, weight: 0.8, type: 'hard' }]);
    const json = JSON.stringify(typed, null, 1);
    expect(storedGraphJson(json, typed)).toBe(json);
    const semantic = graph([
      { source: 0, target: 1, weight: 0.8, type: 'semantic', confidence: 'high' },
    ]);
    expect(JSON.parse(storedGraphJson(JSON.stringify(semantic), semantic)).edges[0].type).toBe(
      'hard',
    );
  });
});
