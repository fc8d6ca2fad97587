// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * API -> AI server, request queue: summarise an existing graph.
 */
export interface GraphSummaryRequest {
  /**
   * Task identifier, task_{userId}_{ULID}. Used in S3 keys, so it holds no slash or whitespace.
   */
  taskId: string;
  taskType: 'GRAPH_SUMMARY_REQUEST';
  /**
   * A UTC instant: millisecond precision and a 'Z' suffix, e.g. 2026-11-26T07:00:00.000Z.
   */
  timestamp: string;
  payload: GraphSummaryRequestPayload;
}
export interface GraphSummaryRequestPayload {
  /**
   * The user the task belongs to (camelCase on the wire, never user_id).
   */
  userId: string;
  chatId?: string;
  /**
   * An S3 object key, or a prefix ending in '/'.
   */
  graphS3Key: string;
  bucket: string;
  /**
   * An S3 object key, or a prefix ending in '/'.
   */
  vectorDbS3Key?: string;
  /**
   * BCP 47 language tag, e.g. en or ko.
   */
  language?: string;
}
