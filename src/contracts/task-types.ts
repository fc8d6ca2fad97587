// The message types of the contract and how they split between the two queues. The lists and
// pairings are generated from contracts/contract.json (generated/catalogue.ts); this module adds
// the types and guards derived from them.
import {
  type MessageByTaskType,
  type PROGRESS_TASK_TYPES,
  REQUEST_TASK_TYPES,
  type RESULT_TASK_TYPES,
  TASK_TYPES,
} from './generated/catalogue.ts';

export {
  type MessageByTaskType,
  PROGRESS_FOR_REQUEST,
  PROGRESS_TASK_TYPES,
  QUEUE_OF_TASK_TYPE,
  REQUEST_FOR_ANSWER,
  REQUEST_TASK_TYPES,
  RESULT_FOR_REQUEST,
  RESULT_TASK_TYPES,
  TASK_TYPES,
} from './generated/catalogue.ts';

export type TaskType = (typeof TASK_TYPES)[number];
export type RequestTaskType = (typeof REQUEST_TASK_TYPES)[number];
export type ProgressTaskType = (typeof PROGRESS_TASK_TYPES)[number];
export type ResultTaskType = (typeof RESULT_TASK_TYPES)[number];
/** Types carried on the result queue (AI server → worker). */
export type ResultQueueTaskType = ProgressTaskType | ResultTaskType;

export type ContractMessage = MessageByTaskType[TaskType];
export type RequestMessage = MessageByTaskType[RequestTaskType];
export type ResultQueueMessage = MessageByTaskType[ResultQueueTaskType];
export type PayloadOf<T extends TaskType> = MessageByTaskType[T]['payload'];

const TASK_TYPE_SET: ReadonlySet<string> = new Set(TASK_TYPES);
const REQUEST_SET: ReadonlySet<string> = new Set(REQUEST_TASK_TYPES);

export function isTaskType(value: unknown): value is TaskType {
  return typeof value === 'string' && TASK_TYPE_SET.has(value);
}

export function isRequestTaskType(value: unknown): value is RequestTaskType {
  return typeof value === 'string' && REQUEST_SET.has(value);
}

export function isResultQueueTaskType(value: unknown): value is ResultQueueTaskType {
  return isTaskType(value) && !REQUEST_SET.has(value);
}
