// The AI graph output as the Python AI server writes it to S3 (snake_case, see DESIGN.md).

export interface GraphKeyword {
  term: string;
  score: number;
}

export interface GraphNode {
  id: number;
  orig_id: string;
  cluster_id: string;
  cluster_name: string;
  keywords: GraphKeyword[];
  top_keywords: string[];
  timestamp: string | null;
  num_sections: number;
  source_type: string;
}

export type EdgeType = 'hard' | 'insight';

export interface GraphEdge {
  source: number;
  target: number;
  weight: number;
  type: EdgeType;
  is_intra_cluster: boolean;
}

export interface GraphSubcluster {
  id: string;
  cluster_id: string;
  node_ids: number[];
  representative_node_id: number;
  size: number;
  density: number;
  top_keywords: string[];
}

export interface GraphClusterInfo {
  name: string;
  description: string;
  size: number;
  key_themes: string[];
}

export interface GraphMetadata {
  generated_at: string;
  total_nodes: number;
  total_edges: number;
  total_clusters: number;
  clusters: Record<string, GraphClusterInfo>;
}

export interface GraphOutput {
  nodes: GraphNode[];
  edges: GraphEdge[];
  subclusters: GraphSubcluster[];
  metadata: GraphMetadata;
}
