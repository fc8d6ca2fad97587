// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * API -> AI server, request queue: add the conversations under s3Key to the user's existing graph.
 */
export interface AddNodeRequest {
  /**
   * Task identifier made by the back end: task_{userId}_{ULID} (graph generation; add-node ids task_add_node_{userId}_{ULID} and task_test_add_node_{userId}_{ULID} are of this form too). Used in S3 keys, so it holds no slash or whitespace.
   */
  taskId: string;
  taskType: 'ADD_NODE_REQUEST';
  /**
   * An ISO-8601 instant: date, T, time to the second, 0-9 fraction digits, then Z or a +hh:mm/-hh:mm offset, e.g. 2026-11-26T07:00:00.000Z. A timestamp without a zone (Python's datetime.utcnow().isoformat(), 2026-05-24T08:02:17.292321) is accepted and read as UTC, with the finding timestamp-without-zone.
   */
  timestamp: string;
  payload: AddNodeRequestPayload;
}
export interface AddNodeRequestPayload {
  /**
   * The user the task belongs to (camelCase on the wire, never user_id).
   */
  userId: string;
  /**
   * An S3 object key, or a prefix ending in '/'.
   */
  s3Key: string;
  bucket?: string;
  /**
   * What kind of input the bundle holds, e.g. chat.
   */
  inputType?: string;
  /**
   * BCP 47 language tag, e.g. en or ko.
   */
  language?: string;
  /**
   * @maxItems 100
   *
   * Items: An S3 object key, or a prefix ending in '/'.
   */
  extraS3Keys?: string[];
  /**
   * The back end's base URL, for the AI server's callbacks.
   */
  beBaseUrl?: string;
  /**
   * Token for the AI server's callbacks to the back end.
   */
  internalServiceToken?: string;
}
