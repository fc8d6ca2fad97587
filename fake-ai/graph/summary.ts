// The summary and features objects the AI server writes next to a graph, derived from the graph
// itself (no LLM): cluster sizes, themes and the strongest cross-cluster links, in plain sentences.
import { formatTimestamp, type GraphOutput, type GraphSummary } from '../../src/contracts/index.ts';

export function buildSummary(
  graph: GraphOutput,
  // language: the real summary object names none; kept so callers pass the request's choice.
  options: { now: number; language?: string | undefined },
): GraphSummary {
  const clusters = Object.entries(graph.metadata.clusters);
  const largest = clusters[0]?.[1];
  const summaryText =
    clusters.length === 0
      ? 'No conversations to summarise.'
      : `${graph.metadata.total_nodes} conversations in ${clusters.length} topic${clusters.length === 1 ? '' : 's'}; the largest is ${largest?.name} (${largest?.size}).`;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const crossLinks = graph.edges
    .filter((e) => !e.is_intra_cluster)
    .sort((a, b) => b.weight - a.weight || a.source - b.source || a.target - b.target)
    .slice(0, 3);
  const total = Math.max(1, graph.metadata.total_nodes);
  return {
    overview: {
      total_source_nodes: graph.metadata.total_nodes,
      total_conversations: graph.metadata.total_nodes,
      time_span: 'N/A',
      primary_interests: clusters.slice(0, 3).map(([, info]) => info.name),
      conversation_style: 'N/A',
      most_active_period: 'N/A',
      summary_text: summaryText,
    },
    clusters: clusters.map(([clusterId, info]) => ({
      cluster_id: clusterId,
      name: info.name,
      size: info.size,
      density: 0,
      centrality: Math.round((info.size / total) * 10_000) / 10_000,
      recency: 'unknown' as const,
      top_keywords: (info.key_themes ?? []).slice(0, 3),
      key_themes: info.key_themes ?? [],
      common_question_types: [],
      insight_text: `${info.description ?? info.name}.`,
      notable_conversations: graph.nodes
        .filter((n) => n.cluster_id === clusterId)
        .slice(0, 3)
        .map((n) => n.orig_id),
    })),
    patterns: [],
    connections: crossLinks.map((e) => {
      const a = byId.get(e.source);
      const b = byId.get(e.target);
      return {
        source_cluster: a?.cluster_id ?? '',
        target_cluster: b?.cluster_id ?? '',
        connection_strength: e.weight,
        bridge_keywords: (a?.top_keywords ?? []).filter((k) => b?.top_keywords.includes(k)),
        description: `${a?.cluster_name} and ${b?.cluster_name} meet in conversations ${a?.orig_id} and ${b?.orig_id}.`,
      };
    }),
    recommendations: [],
    generated_at: formatTimestamp(options.now),
    detail_level: 'standard',
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
