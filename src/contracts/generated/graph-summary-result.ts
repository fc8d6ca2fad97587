// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

export type GraphSummaryResultPayload = {
  /**
   * The user the task belongs to (camelCase on the wire, never user_id).
   */
  userId: string;
  status: 'COMPLETED' | 'FAILED';
  /**
   * An S3 object key, or a prefix ending in '/'.
   */
  summaryS3Key?: string;
  /**
   * Why the task failed, readable by a person.
   */
  error?: string;
};

/**
 * AI server -> worker, result queue: the outcome of a summary task. COMPLETED carries summaryS3Key, FAILED carries error.
 */
export interface GraphSummaryResult {
  /**
   * Task identifier, task_{userId}_{ULID}. Used in S3 keys, so it holds no slash or whitespace.
   */
  taskId: string;
  taskType: 'GRAPH_SUMMARY_RESULT';
  /**
   * A UTC instant: millisecond precision and a 'Z' suffix, e.g. 2026-11-26T07:00:00.000Z.
   */
  timestamp: string;
  payload: GraphSummaryResultPayload;
}
