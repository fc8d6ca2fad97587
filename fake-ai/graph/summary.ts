// The summary and features objects the AI server writes next to a graph, derived from the graph
// itself (no LLM): cluster sizes, themes and the strongest cross-cluster links, in plain sentences.
import { formatTimestamp, type GraphOutput, type GraphSummary } from '../../src/contracts/index.ts';

export function buildSummary(
  graph: GraphOutput,
  options: { now: number; language?: string | undefined },
): GraphSummary {
  const clusters = Object.entries(graph.metadata.clusters);
  const largest = clusters[0]?.[1];
  const overview =
    clusters.length === 0
      ? 'No conversations to summarise.'
      : `${graph.metadata.total_nodes} conversations in ${clusters.length} topic${clusters.length === 1 ? '' : 's'}; the largest is ${largest?.name} (${largest?.size}).`;
  const crossLinks = graph.edges.filter((e) => !e.is_intra_cluster);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const insights = crossLinks
    .slice()
    .sort((a, b) => b.weight - a.weight || a.source - b.source || a.target - b.target)
    .slice(0, 3)
    .map((e) => {
      const a = byId.get(e.source);
      const b = byId.get(e.target);
      return `${a?.cluster_name} and ${b?.cluster_name} meet in conversations ${a?.orig_id} and ${b?.orig_id}.`;
    });
  return {
    overview,
    clusters: clusters.map(([clusterId, info]) => ({
      cluster_id: clusterId,
      name: info.name,
      summary: `${info.description}.`,
      key_themes: info.key_themes,
    })),
    key_insights: insights,
    generated_at: formatTimestamp(options.now),
    language: options.language ?? 'en',
  };
}

/** Per-conversation keyword features, the input the AI server keeps for later add-node tasks. */
export interface GraphFeatures {
  generated_at: string;
  conversations: {
    id: number;
    orig_id: string;
    cluster_id: string;
    keywords: GraphOutput['nodes'][number]['keywords'];
  }[];
}

export function buildFeatures(graph: GraphOutput, now: number): GraphFeatures {
  return {
    generated_at: formatTimestamp(now),
    conversations: graph.nodes.map((n) => ({
      id: n.id,
      orig_id: n.orig_id,
      cluster_id: n.cluster_id,
      keywords: n.keywords,
    })),
  };
}
