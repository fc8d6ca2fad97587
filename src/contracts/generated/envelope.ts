// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * Any of the task id forms above (for a message whose taskType is unknown).
 */
export type AnyTaskId = string;
export type TaskType =
  | 'GRAPH_GENERATION_REQUEST'
  | 'GRAPH_GENERATION_PROGRESS'
  | 'GRAPH_GENERATION_RESULT'
  | 'GRAPH_SUMMARY_REQUEST'
  | 'GRAPH_SUMMARY_RESULT'
  | 'ADD_NODE_REQUEST'
  | 'ADD_NODE_RESULT'
  | 'MICROSCOPE_INGEST_REQUEST'
  | 'MICROSCOPE_INGEST_RESULT'
  | 'MICROSCOPE_INGEST_FROM_NODE_REQUEST'
  | 'MICROSCOPE_INGEST_FROM_NODE_RESULT';
export type Timestamp = string;

/**
 * The JSON body of every SQS message on the request and result queues. Each message type narrows taskType to one value and payload to its own shape; the definitions here are shared by all of them. A subschema tagged x-finding marks a conformance rule: a value that breaks it is still accepted, and reported as that finding (see findings in contract.json).
 */
export interface MessageEnvelope {
  taskId: AnyTaskId;
  taskType: TaskType;
  /**
   * An ISO-8601 instant: date, T, time to the second, 0-9 fraction digits, then Z or a +hh:mm/-hh:mm offset, e.g. 2026-11-26T07:00:00.000Z. A timestamp without a zone (Python's datetime.utcnow().isoformat(), 2026-05-24T08:02:17.292321) is accepted and read as UTC, with the finding timestamp-without-zone.
   */
  timestamp: Timestamp;
  payload: {
    [k: string]: unknown;
  };
}
