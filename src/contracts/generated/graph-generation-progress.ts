// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * AI server -> worker, result queue: progress of a graph generation task.
 */
export interface GraphGenerationProgress {
  /**
   * Task identifier made by the back end: task_{userId}_{ULID} (graph generation; add-node ids task_add_node_{userId}_{ULID} and task_test_add_node_{userId}_{ULID} are of this form too). Used in S3 keys, so it holds no slash or whitespace.
   */
  taskId: string;
  taskType: 'GRAPH_GENERATION_PROGRESS';
  /**
   * An ISO-8601 instant: date, T, time to the second, 0-9 fraction digits, then Z or a +hh:mm/-hh:mm offset, e.g. 2026-11-26T07:00:00.000Z. A timestamp without a zone (Python's datetime.utcnow().isoformat(), 2026-05-24T08:02:17.292321) is accepted and read as UTC, with the finding timestamp-without-zone.
   */
  timestamp: string;
  payload: GraphGenerationProgressPayload;
}
export interface GraphGenerationProgressPayload {
  /**
   * The user the task belongs to (camelCase on the wire, never user_id).
   */
  userId: string;
  /**
   * Free text naming the stage, '[N단계] ...' in production (e.g. '[1단계] 임베딩 생성 시작'); progress is ordered by the stage number N, then by progressPercent.
   */
  currentStage: string;
  /**
   * Progress within the current stage, 0-100 (starts again at 0 in each stage).
   */
  progressPercent: number;
  etaSeconds: number | null;
}
