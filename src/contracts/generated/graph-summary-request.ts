// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * API -> AI server, request queue: summarise an existing graph.
 */
export interface GraphSummaryRequest {
  /**
   * Summary task identifier: summary_{userId}_{ULID} as the back end makes it, or task_{userId}_{ULID}.
   */
  taskId: string;
  taskType: 'GRAPH_SUMMARY_REQUEST';
  /**
   * An ISO-8601 instant: date, T, time to the second, 0-9 fraction digits, then Z or a +hh:mm/-hh:mm offset, e.g. 2026-11-26T07:00:00.000Z. A timestamp without a zone (Python's datetime.utcnow().isoformat(), 2026-05-24T08:02:17.292321) is accepted and read as UTC, with the finding timestamp-without-zone.
   */
  timestamp: string;
  payload: GraphSummaryRequestPayload;
}
export interface GraphSummaryRequestPayload {
  /**
   * The user the task belongs to (camelCase on the wire, never user_id).
   */
  userId: string;
  /**
   * The conversation the task was started from, echoed by the AI server; null when unset.
   */
  chatId?: string | null;
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
