// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * API -> AI server, request queue: build a knowledge graph from the conversations stored under s3Key.
 */
export interface GraphGenerationRequest {
  /**
   * Task identifier made by the back end: task_{userId}_{ULID} (graph generation; add-node ids task_add_node_{userId}_{ULID} and task_test_add_node_{userId}_{ULID} are of this form too). Used in S3 keys, so it holds no slash or whitespace.
   */
  taskId: string;
  taskType: 'GRAPH_GENERATION_REQUEST';
  /**
   * An ISO-8601 instant: date, T, time to the second, 0-9 fraction digits, then Z or a +hh:mm/-hh:mm offset, e.g. 2026-11-26T07:00:00.000Z. A timestamp without a zone (Python's datetime.utcnow().isoformat(), 2026-05-24T08:02:17.292321) is accepted and read as UTC, with the finding timestamp-without-zone.
   */
  timestamp: string;
  payload: GraphGenerationRequestPayload;
}
export interface GraphGenerationRequestPayload {
  /**
   * The user the task belongs to (camelCase on the wire, never user_id).
   */
  userId: string;
  /**
   * Input bundle: a prefix ending in '/' or a single object key.
   */
  s3Key: string;
  bucket?: string;
  /**
   * The conversation the task was started from, echoed by the AI server; null when unset.
   */
  chatId?: string | null;
  includeSummary?: boolean;
  /**
   * BCP 47 language tag, e.g. en or ko.
   */
  summaryLanguage?: string;
  /**
   * BCP 47 language tag, e.g. en or ko.
   */
  language?: string;
  /**
   * What kind of input the bundle holds: auto (the back end's value), chat, ...
   */
  inputType?: string;
  minClusters?: number;
  maxClusters?: number;
  /**
   * @maxItems 100
   *
   * Items: An S3 object key, or a prefix ending in '/'.
   */
  extraS3Keys?: string[];
  /**
   * A fixed cluster count (read by the AI server; the back end does not send it).
   */
  numClusters?: number | null;
}
