// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * The summary the AI server writes to S3 (summaryS3Key). snake_case, as the Python side writes it.
 */
export interface GraphSummary {
  overview: string;
  clusters: ClusterSummary[];
  key_insights?: string[];
  /**
   * A UTC instant: millisecond precision and a 'Z' suffix, e.g. 2026-11-26T07:00:00.000Z.
   */
  generated_at: string;
  /**
   * BCP 47 language tag, e.g. en or ko.
   */
  language: string;
}
export interface ClusterSummary {
  cluster_id: string;
  name: string;
  summary: string;
  key_themes?: string[];
}
