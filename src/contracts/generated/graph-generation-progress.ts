// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * AI server -> worker, result queue: progress of a graph generation task.
 */
export interface GraphGenerationProgress {
  /**
   * Task identifier, task_{userId}_{ULID}. Used in S3 keys, so it holds no slash or whitespace.
   */
  taskId: string;
  taskType: 'GRAPH_GENERATION_PROGRESS';
  /**
   * A UTC instant: millisecond precision and a 'Z' suffix, e.g. 2026-11-26T07:00:00.000Z.
   */
  timestamp: string;
  payload: GraphGenerationProgressPayload;
}
export interface GraphGenerationProgressPayload {
  /**
   * The user the task belongs to (camelCase on the wire, never user_id).
   */
  userId: string;
  currentStage: string;
  progressPercent: number;
  etaSeconds: number | null;
}
