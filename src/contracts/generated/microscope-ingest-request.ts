// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * API -> AI server, request queue: ingest an uploaded raw file into a microscope group. snake_case, as the back end sends it.
 */
export interface MicroscopeIngestRequest {
  /**
   * Microscope ingest task identifier: task_microscope_{file|node}_{userId}_{ULID}_{block|nonblock}.
   */
  taskId: string;
  taskType: 'MICROSCOPE_INGEST_REQUEST';
  /**
   * An ISO-8601 instant: date, T, time to the second, 0-9 fraction digits, then Z or a +hh:mm/-hh:mm offset, e.g. 2026-11-26T07:00:00.000Z. A timestamp without a zone (Python's datetime.utcnow().isoformat(), 2026-05-24T08:02:17.292321) is accepted and read as UTC, with the finding timestamp-without-zone.
   */
  timestamp: string;
  payload: MicroscopeIngestRequestPayload;
}
export interface MicroscopeIngestRequestPayload {
  /**
   * The user the task belongs to (snake_case in the microscope messages).
   */
  user_id: string;
  group_id: string;
  /**
   * An S3 object key, or a prefix ending in '/'.
   */
  s3_key: string;
  bucket?: string;
  file_name: string;
  schema_name?: string | null;
  ingest_mode?: 'raw_file' | null;
  block_mode?: boolean | null;
}
