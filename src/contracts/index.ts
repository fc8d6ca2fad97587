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
  buildMicroscopeIngestFromNodeRequest,
  buildMicroscopeIngestRequest,
  buildMicroscopeTaskId,
  buildSummaryTaskId,
  buildTaskId,
} from './builders.ts';
export {
  type ConformanceLevel,
  type ContractFinding,
  type ContractViolation,
  ContractViolationError,
  levelOf,
  type ValidationResult,
} from './errors.ts';
export type * from './generated/add-node-request.ts';
export type * from './generated/add-node-result.ts';
export type * from './generated/graph-generation-progress.ts';
export type * from './generated/graph-generation-request.ts';
export type * from './generated/graph-generation-result.ts';
export type * from './generated/graph-output.ts';
export type * from './generated/graph-summary-request.ts';
export type * from './generated/graph-summary-result.ts';
export type * from './generated/input-bundle.ts';
export type * from './generated/microscope-ingest-from-node-request.ts';
export type * from './generated/microscope-ingest-from-node-result.ts';
export type * from './generated/microscope-ingest-request.ts';
export type * from './generated/microscope-ingest-result.ts';
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
  PROGRESS_FOR_REQUEST,
  PROGRESS_TASK_TYPES,
  type ProgressTaskType,
  QUEUE_OF_TASK_TYPE,
  REQUEST_FOR_ANSWER,
  REQUEST_TASK_TYPES,
  RESULT_FOR_REQUEST,
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
  ACCEPTED_TIMESTAMP_PATTERN,
  formatTimestamp,
  isAcceptedTimestamp,
  isContractTimestamp,
  nowTimestamp,
  parseTimestamp,
  TIMESTAMP_PATTERN,
} from './timestamp.ts';
export {
  decodeBody,
  findingMessage,
  MAX_BODY_BYTES,
  type ObjectKind,
  parseMessageBody,
  validateGraphOutput,
  validateGraphOutputStrict,
  validateIncoming,
  validateInputBundle,
  validateObject,
  validateOutgoing,
  validateSummary,
  validateSummaryStrict,
} from './validator.ts';
export {
  CONTRACT_VERSION,
  CONTRACT_VERSION_ATTRIBUTE,
  contractMessageAttributes,
  isCompatibleContractVersion,
  majorVersion,
} from './version.ts';
