// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * API -> AI server, request queue: build a knowledge graph from the conversations stored under s3Key.
 */
export interface GraphGenerationRequest {
  /**
   * Task identifier, task_{userId}_{ULID}. Used in S3 keys, so it holds no slash or whitespace.
   */
  taskId: string;
  taskType: 'GRAPH_GENERATION_REQUEST';
  /**
   * A UTC instant: millisecond precision and a 'Z' suffix, e.g. 2026-11-26T07:00:00.000Z.
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
  chatId?: string;
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
   * What kind of input the bundle holds, e.g. chat.
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
}
