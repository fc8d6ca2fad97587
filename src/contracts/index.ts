// The contracts shared with the AI server: message types, versions, builders and validators.
// Everything producers and consumers need is exported from here.

export {
  type At,
  buildAddNodeRequest,
  buildAddNodeResult,
  buildGraphGenerationProgress,
  buildGraphGenerationRequest,
  buildGraphGenerationResult,
  buildGraphSummaryRequest,
  buildGraphSummaryResult,
  buildMessage,
  buildTaskId,
} from './builders.ts';
export { type ContractViolation, ContractViolationError, type ValidationResult } from './errors.ts';
export type * from './generated/add-node-request.ts';
export type * from './generated/add-node-result.ts';
export type * from './generated/graph-generation-progress.ts';
export type * from './generated/graph-generation-request.ts';
export type * from './generated/graph-generation-result.ts';
export type * from './generated/graph-output.ts';
export type * from './generated/graph-summary-request.ts';
export type * from './generated/graph-summary-result.ts';
export type * from './generated/input-bundle.ts';
export type * from './generated/summary.ts';
export {
  type ContractQueue,
  MAX_RECEIVE_COUNT,
  queueFor,
  REQUEST_QUEUE,
  RESULT_QUEUE,
} from './queues.ts';
export { type EncodedContractMessage, encodeForSqs } from './sqs.ts';
export {
  type ContractMessage,
  isRequestTaskType,
  isResultQueueTaskType,
  isTaskType,
  type MessageByTaskType,
  type PayloadOf,
  PROGRESS_TASK_TYPES,
  type ProgressTaskType,
  REQUEST_TASK_TYPES,
  RESULT_TASK_TYPES,
  type RequestMessage,
  type RequestTaskType,
  type ResultQueueMessage,
  type ResultQueueTaskType,
  type ResultTaskType,
  TASK_TYPES,
  type TaskType,
} from './task-types.ts';
export {
  formatTimestamp,
  isContractTimestamp,
  nowTimestamp,
  TIMESTAMP_PATTERN,
} from './timestamp.ts';
export {
  MAX_BODY_BYTES,
  parseMessageBody,
  validateGraphOutput,
  validateGraphOutputStrict,
  validateIncoming,
  validateInputBundle,
  validateOutgoing,
  validateSummary,
} from './validator.ts';
export {
  CONTRACT_VERSION,
  CONTRACT_VERSION_ATTRIBUTE,
  contractMessageAttributes,
  isCompatibleContractVersion,
  majorVersion,
} from './version.ts';
