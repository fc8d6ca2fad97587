// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * COMPLETED: userId, status, summaryS3Key, chatId, error, errorCode (nulls when unset). The AI server sends a FAILED summary with the nine-key graph-result payload instead: accepted, with the finding summary-failed-with-graph-payload.
 */
export type GraphSummaryResultPayload = {
  /**
   * The user the task belongs to (camelCase on the wire, never user_id).
   */
  userId: string;
  status: 'COMPLETED' | 'FAILED';
  /**
   * The summary object (COMPLETED).
   */
  summaryS3Key?: string | null;
  /**
   * The conversation the task was started from, echoed by the AI server; null when unset.
   */
  chatId?: string | null;
  /**
   * Why the task (or an optional part of it) failed, readable by a person; null when nothing failed.
   */
  error?: string | null;
  /**
   * A machine-readable failure code from the AI server, e.g. INVALID_INPUT; null when nothing failed.
   */
  errorCode?: string | null;
  /**
   * Graph-result key, present only in the FAILED quirk.
   */
  resultS3Key?: string | null;
  /**
   * Graph-result key, present only in the FAILED quirk.
   */
  featuresS3Key?: string | null;
  /**
   * Graph-result key, present only in the FAILED quirk.
   */
  summaryIncluded?: boolean | null;
};

/**
 * AI server -> worker, result queue: the outcome of a summary task.
 */
export interface GraphSummaryResult {
  /**
   * Summary task identifier: summary_{userId}_{ULID} as the back end makes it, or task_{userId}_{ULID}.
   */
  taskId: string;
  taskType: 'GRAPH_SUMMARY_RESULT';
  /**
   * An ISO-8601 instant: date, T, time to the second, 0-9 fraction digits, then Z or a +hh:mm/-hh:mm offset, e.g. 2026-11-26T07:00:00.000Z. A timestamp without a zone (Python's datetime.utcnow().isoformat(), 2026-05-24T08:02:17.292321) is accepted and read as UTC, with the finding timestamp-without-zone.
   */
  timestamp: string;
  payload: GraphSummaryResultPayload;
}
