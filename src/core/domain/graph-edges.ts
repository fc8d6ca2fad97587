// The back end's own edge types, derived from the AI's graph output. The AI server types every
// edge `semantic` and grades it with a `confidence` (high, medium, low); the back end shows two
// kinds: `hard` (a confident link, confidence high) and `insight` (a looser one, anything else).
// This is the one place the harness derives them, before it stores a graph.
import type { GraphOutput } from '../../contracts/index.ts';

export function derivedEdgeType(edge: GraphOutput['edges'][number]): 'hard' | 'insight' {
  if (edge.type !== 'semantic') return edge.type;
  return edge.confidence === 'high' ? 'hard' : 'insight';
}

/** The graph with `semantic` edges retyped hard/insight; the same object when there are none. */
export function withDerivedEdgeTypes(graph: GraphOutput): GraphOutput {
  if (!graph.edges.some((e) => e.type === 'semantic')) return graph;
  return { ...graph, edges: graph.edges.map((e) => ({ ...e, type: derivedEdgeType(e) })) };
}

/** The JSON to store for a graph read as `json`: unchanged unless edge types were derived. */
export function storedGraphJson(json: string, graph: GraphOutput): string {
  const derived = withDerivedEdgeTypes(graph);
  return derived === graph ? json : JSON.stringify(derived);
}
