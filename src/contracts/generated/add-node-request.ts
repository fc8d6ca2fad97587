// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * API -> AI server, request queue: add the conversations under s3Key to the user's existing graph.
 */
export interface AddNodeRequest {
  /**
   * Task identifier, task_{userId}_{ULID}. Used in S3 keys, so it holds no slash or whitespace.
   */
  taskId: string;
  taskType: 'ADD_NODE_REQUEST';
  /**
   * A UTC instant: millisecond precision and a 'Z' suffix, e.g. 2026-11-26T07:00:00.000Z.
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
}
