// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * The nine-key result payload the AI server sends for an add-node task: every key present, null when unset. COMPLETED carries resultS3Key (and may carry error when an optional step such as the summary failed); FAILED carries error.
 */
export type AddNodeResultPayload = {
  /**
   * The user the task belongs to (camelCase on the wire, never user_id).
   */
  userId: string;
  status: 'COMPLETED' | 'FAILED';
  /**
   * The graph output object (COMPLETED).
   */
  resultS3Key?: string | null;
  /**
   * An S3 object key or prefix, or null when unset (the AI server sends every result key, null when it has no value).
   */
  featuresS3Key?: string | null;
  /**
   * Why the task (or an optional part of it) failed, readable by a person; null when nothing failed.
   */
  error?: string | null;
  /**
   * A machine-readable failure code from the AI server, e.g. INVALID_INPUT; null when nothing failed.
   */
  errorCode?: string | null;
  /**
   * The conversation the task was started from, echoed by the AI server; null when unset.
   */
  chatId?: string | null;
  /**
   * An S3 object key or prefix, or null when unset (the AI server sends every result key, null when it has no value).
   */
  summaryS3Key?: string | null;
  summaryIncluded?: boolean | null;
};

/**
 * AI server -> worker, result queue: the outcome of an add-node task (the same nine-key payload as the graph result).
 */
export interface AddNodeResult {
  /**
   * Task identifier made by the back end: task_{userId}_{ULID} (graph generation; add-node ids task_add_node_{userId}_{ULID} and task_test_add_node_{userId}_{ULID} are of this form too). Used in S3 keys, so it holds no slash or whitespace.
   */
  taskId: string;
  taskType: 'ADD_NODE_RESULT';
  /**
   * An ISO-8601 instant: date, T, time to the second, 0-9 fraction digits, then Z or a +hh:mm/-hh:mm offset, e.g. 2026-11-26T07:00:00.000Z. A timestamp without a zone (Python's datetime.utcnow().isoformat(), 2026-05-24T08:02:17.292321) is accepted and read as UTC, with the finding timestamp-without-zone.
   */
  timestamp: string;
  payload: AddNodeResultPayload;
}
