// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * The summary the AI server writes to S3 (summaryS3Key, summary.json). snake_case, as the Python side writes it.
 */
export interface GraphSummary {
  overview: Overview;
  clusters: ClusterAnalysis[];
  patterns?: Pattern[];
  connections?: ClusterConnection[];
  recommendations?: Recommendation[];
  /**
   * An ISO-8601 instant: date, T, time to the second, 0-9 fraction digits, then Z or a +hh:mm/-hh:mm offset, e.g. 2026-11-26T07:00:00.000Z. A timestamp without a zone (Python's datetime.utcnow().isoformat(), 2026-05-24T08:02:17.292321) is accepted and read as UTC, with the finding timestamp-without-zone.
   */
  generated_at: string;
  detail_level?: 'brief' | 'standard' | 'detailed';
}
export interface Overview {
  total_source_nodes: number;
  total_conversations?: number | null;
  total_notes?: number | null;
  total_notions?: number | null;
  total_files?: number | null;
  file_counts_by_extension?: {
    [k: string]: number;
  } | null;
  /**
   * YYYY-MM-DD ~ YYYY-MM-DD, or N/A.
   */
  time_span?: string;
  primary_interests?: string[];
  conversation_style?: string;
  most_active_period?: string;
  summary_text: string;
}
export interface ClusterAnalysis {
  cluster_id: string;
  name: string;
  size?: number;
  density?: number;
  centrality?: number;
  recency?: 'active' | 'dormant' | 'new' | 'unknown';
  top_keywords?: string[];
  key_themes?: string[];
  common_question_types?: string[];
  insight_text?: string;
  notable_conversations?: string[];
}
export interface Pattern {
  pattern_type: string;
  description: string;
  evidence?: string[];
  significance?: string;
}
export interface ClusterConnection {
  source_cluster: string;
  target_cluster: string;
  connection_strength?: number;
  bridge_keywords?: string[];
  description?: string;
}
export interface Recommendation {
  type: string;
  title: string;
  description?: string;
  related_nodes?: string[];
  priority?: string;
}
