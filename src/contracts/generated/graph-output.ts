// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * The graph the AI server writes to S3 (resultS3Key, graph_postprocessed.json). snake_case, as the Python side writes it. Edges come typed 'semantic' with a confidence; the back end derives its hard/insight edge types from them.
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
  cluster_confidence?: number | null;
  keywords: Keyword[];
  top_keywords: string[];
  num_messages?: number | null;
  /**
   * Epoch seconds.
   */
  create_time?: number | null;
  /**
   * Epoch seconds.
   */
  update_time?: number | null;
  subcluster_id?: string | null;
  /**
   * Read by the back end; absent from the AI's current output.
   */
  timestamp?: string | null;
  /**
   * Read by the back end; absent from the AI's current output.
   */
  num_sections?: number | null;
  /**
   * chat, markdown, file or a raw format (pdf, pptx...); read by the back end, absent from the AI's current output.
   */
  source_type?: string | null;
  metadata?: {
    [k: string]: unknown;
  } | null;
}
export interface Keyword {
  term: string;
  score: number;
}
export interface GraphEdge {
  source: number;
  target: number;
  weight: number;
  /**
   * 'semantic' from the AI server; 'hard' and 'insight' are the back end's derived types.
   */
  type: 'semantic' | 'hard' | 'insight';
  /**
   * high, medium, low (or a number); the back end derives hard (high) and insight (otherwise) from it.
   */
  confidence?: string | number | null;
  is_intra_cluster?: boolean | null;
}
export interface Subcluster {
  id: string;
  cluster_id: string;
  node_ids: number[];
  representative_node_id: number;
  size?: number | null;
  density?: number | null;
  internal_edges?: number | null;
  cohesion_score?: number | null;
  top_keywords?: string[];
}
export interface GraphMetadata {
  /**
   * An ISO-8601 instant: date, T, time to the second, 0-9 fraction digits, then Z or a +hh:mm/-hh:mm offset, e.g. 2026-11-26T07:00:00.000Z. A timestamp without a zone (Python's datetime.utcnow().isoformat(), 2026-05-24T08:02:17.292321) is accepted and read as UTC, with the finding timestamp-without-zone.
   */
  generated_at: string;
  total_nodes: number;
  total_edges: number;
  total_clusters: number;
  total_subclusters?: number | null;
  clusters: {
    [k: string]: ClusterInfo;
  };
  language?: string | null;
  edge_statistics?: {
    [k: string]: unknown;
  } | null;
  subcluster_statistics?: {
    [k: string]: unknown;
  } | null;
  timing?: {
    [k: string]: unknown;
  } | null;
  time_range?: {
    [k: string]: unknown;
  } | null;
  pipeline_params?: {
    [k: string]: unknown;
  } | null;
  source_files?:
    | unknown[]
    | {
        [k: string]: unknown;
      }
    | null;
  post_processing?: {
    [k: string]: unknown;
  } | null;
}
export interface ClusterInfo {
  name: string;
  description?: string;
  size: number;
  key_themes?: string[];
}
