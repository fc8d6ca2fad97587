// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

export type MicroscopeIngestFromNodeResultPayload = {
  /**
   * The user the task belongs to (snake_case in the microscope messages).
   */
  user_id?: string | null;
  group_id?: string | null;
  status: 'COMPLETED' | 'FAILED';
  source_id?: string | null;
  chunks_count?: number | null;
  schema_name?: string | null;
  ingest_stats?: {
    [k: string]: unknown;
  } | null;
  /**
   * An S3 object key or prefix, or null when unset (the AI server sends every result key, null when it has no value).
   */
  standardized_s3_key?: string | null;
  /**
   * An S3 object key or prefix, or null when unset (the AI server sends every result key, null when it has no value).
   */
  block_graph_s3_key?: string | null;
  /**
   * An S3 object key or prefix, or null when unset (the AI server sends every result key, null when it has no value).
   */
  images_s3_prefix?: string | null;
  /**
   * Why the task (or an optional part of it) failed, readable by a person; null when nothing failed.
   */
  error?: string | null;
  /**
   * A machine-readable failure code from the AI server, e.g. INVALID_INPUT; null when nothing failed.
   */
  errorCode?: string | null;
};

/**
 * AI server -> worker, result queue: the outcome of a from-node microscope ingest. snake_case (with the AI server's camelCase errorCode).
 */
export interface MicroscopeIngestFromNodeResult {
  /**
   * Microscope ingest task identifier: task_microscope_{file|node}_{userId}_{ULID}_{block|nonblock}.
   */
  taskId: string;
  taskType: 'MICROSCOPE_INGEST_FROM_NODE_RESULT';
  /**
   * An ISO-8601 instant: date, T, time to the second, 0-9 fraction digits, then Z or a +hh:mm/-hh:mm offset, e.g. 2026-11-26T07:00:00.000Z. A timestamp without a zone (Python's datetime.utcnow().isoformat(), 2026-05-24T08:02:17.292321) is accepted and read as UTC, with the finding timestamp-without-zone.
   */
  timestamp: string;
  payload: MicroscopeIngestFromNodeResultPayload;
}
