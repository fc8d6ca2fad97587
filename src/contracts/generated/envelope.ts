// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * Task identifier, task_{userId}_{ULID}. Used in S3 keys, so it holds no slash or whitespace.
 */
export type TaskId = string;
export type TaskType =
  | 'GRAPH_GENERATION_REQUEST'
  | 'GRAPH_GENERATION_PROGRESS'
  | 'GRAPH_GENERATION_RESULT'
  | 'GRAPH_SUMMARY_REQUEST'
  | 'GRAPH_SUMMARY_RESULT'
  | 'ADD_NODE_REQUEST'
  | 'ADD_NODE_RESULT';
/**
 * A UTC instant: millisecond precision and a 'Z' suffix, e.g. 2026-11-26T07:00:00.000Z.
 */
export type Timestamp = string;

/**
 * The JSON body of every SQS message on the request and result queues. Each message type narrows taskType to one value and payload to its own shape; the definitions here are shared by all of them.
 */
export interface MessageEnvelope {
  taskId: TaskId;
  taskType: TaskType;
  timestamp: Timestamp;
  payload: {
    [k: string]: unknown;
  };
}
