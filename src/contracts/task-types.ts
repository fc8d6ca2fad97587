// The message types of the contract and how they split between the two queues.
import type { AddNodeRequest } from './generated/add-node-request.ts';
import type { AddNodeResult } from './generated/add-node-result.ts';
import type { GraphGenerationProgress } from './generated/graph-generation-progress.ts';
import type { GraphGenerationRequest } from './generated/graph-generation-request.ts';
import type { GraphGenerationResult } from './generated/graph-generation-result.ts';
import type { GraphSummaryRequest } from './generated/graph-summary-request.ts';
import type { GraphSummaryResult } from './generated/graph-summary-result.ts';

export const REQUEST_TASK_TYPES = [
  'GRAPH_GENERATION_REQUEST',
  'GRAPH_SUMMARY_REQUEST',
  'ADD_NODE_REQUEST',
] as const;

export const PROGRESS_TASK_TYPES = ['GRAPH_GENERATION_PROGRESS'] as const;

export const RESULT_TASK_TYPES = [
  'GRAPH_GENERATION_RESULT',
  'GRAPH_SUMMARY_RESULT',
  'ADD_NODE_RESULT',
] as const;

/** Every message type, in the order of contracts/contract.json. */
export const TASK_TYPES = [
  'GRAPH_GENERATION_REQUEST',
  'GRAPH_GENERATION_PROGRESS',
  'GRAPH_GENERATION_RESULT',
  'GRAPH_SUMMARY_REQUEST',
  'GRAPH_SUMMARY_RESULT',
  'ADD_NODE_REQUEST',
  'ADD_NODE_RESULT',
] as const;

export type TaskType = (typeof TASK_TYPES)[number];
export type RequestTaskType = (typeof REQUEST_TASK_TYPES)[number];
export type ProgressTaskType = (typeof PROGRESS_TASK_TYPES)[number];
export type ResultTaskType = (typeof RESULT_TASK_TYPES)[number];
/** Types carried on the result queue (AI server → worker). */
export type ResultQueueTaskType = ProgressTaskType | ResultTaskType;

/** The message type for each task type. */
export interface MessageByTaskType {
  GRAPH_GENERATION_REQUEST: GraphGenerationRequest;
  GRAPH_GENERATION_PROGRESS: GraphGenerationProgress;
  GRAPH_GENERATION_RESULT: GraphGenerationResult;
  GRAPH_SUMMARY_REQUEST: GraphSummaryRequest;
  GRAPH_SUMMARY_RESULT: GraphSummaryResult;
  ADD_NODE_REQUEST: AddNodeRequest;
  ADD_NODE_RESULT: AddNodeResult;
}

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
