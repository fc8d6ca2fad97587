// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * API -> AI server, request queue: ingest one of the user's nodes (a note or a conversation) into a microscope group. snake_case, as the back end sends it.
 */
export interface MicroscopeIngestFromNodeRequest {
  /**
   * Microscope ingest task identifier: task_microscope_{file|node}_{userId}_{ULID}_{block|nonblock}.
   */
  taskId: string;
  taskType: 'MICROSCOPE_INGEST_FROM_NODE_REQUEST';
  /**
   * An ISO-8601 instant: date, T, time to the second, 0-9 fraction digits, then Z or a +hh:mm/-hh:mm offset, e.g. 2026-11-26T07:00:00.000Z. A timestamp without a zone (Python's datetime.utcnow().isoformat(), 2026-05-24T08:02:17.292321) is accepted and read as UTC, with the finding timestamp-without-zone.
   */
  timestamp: string;
  payload: MicroscopeIngestFromNodeRequestPayload;
}
export interface MicroscopeIngestFromNodeRequestPayload {
  /**
   * The user the task belongs to (snake_case in the microscope messages).
   */
  user_id: string;
  group_id: string;
  schema_name?: string | null;
  language?: string | null;
  block_mode?: boolean | null;
  node_id: string;
  node_type: 'note' | 'conversation';
  ingest_mode?: 'from_graphnode' | null;
  generate_micro_graphs?: boolean | null;
}
