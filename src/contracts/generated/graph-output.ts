// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * The graph the AI server writes to S3 (resultS3Key). snake_case, as the Python side writes it.
 */
export interface GraphOutput {
  nodes: GraphNode[];
  edges: GraphEdge[];
  subclusters: Subcluster[];
  metadata: GraphMetadata;
}
export interface GraphNode {
  id: number;
  orig_id: string;
  cluster_id: string;
  cluster_name: string;
  keywords: Keyword[];
  top_keywords: string[];
  timestamp: null | string;
  num_sections: number;
  source_type: string;
}
export interface Keyword {
  term: string;
  score: number;
}
export interface GraphEdge {
  source: number;
  target: number;
  weight: number;
  type: 'hard' | 'insight';
  is_intra_cluster: boolean;
}
export interface Subcluster {
  id: string;
  cluster_id: string;
  node_ids: number[];
  representative_node_id?: number;
  top_keywords?: string[];
}
export interface GraphMetadata {
  /**
   * A UTC instant: millisecond precision and a 'Z' suffix, e.g. 2026-11-26T07:00:00.000Z.
   */
  generated_at: string;
  total_nodes: number;
  total_edges: number;
  total_clusters: number;
  clusters: {
    [k: string]: ClusterInfo;
  };
}
export interface ClusterInfo {
  name: string;
  description: string;
  size: number;
  key_themes: string[];
}
