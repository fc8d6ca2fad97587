// Builders for contract messages: envelope, pinned timestamp, strict validation. Every producer
// (API, fake AI server, tests) builds messages here, so none can emit an off-contract message.
import type { AddNodeRequest } from './generated/add-node-request.ts';
import type { AddNodeResult } from './generated/add-node-result.ts';
import type { GraphGenerationProgress } from './generated/graph-generation-progress.ts';
import type { GraphGenerationRequest } from './generated/graph-generation-request.ts';
import type { GraphGenerationResult } from './generated/graph-generation-result.ts';
import type { GraphSummaryRequest } from './generated/graph-summary-request.ts';
import type { GraphSummaryResult } from './generated/graph-summary-result.ts';
import type { MicroscopeIngestFromNodeRequest } from './generated/microscope-ingest-from-node-request.ts';
import type { MicroscopeIngestRequest } from './generated/microscope-ingest-request.ts';
import type { MessageByTaskType, PayloadOf, TaskType } from './task-types.ts';
import { formatTimestamp } from './timestamp.ts';
import { validateOutgoing } from './validator.ts';

/** When the message is produced: an epoch-ms reading, or a clock to read. */
export type At = number | (() => number);

function timestampOf(at: At): string {
  return formatTimestamp(typeof at === 'function' ? at() : at);
}

/** task_{userId}_{ulid}: the id the API gives a task (the ulid comes from the caller's id source). */
export function buildTaskId(userId: string, ulid: string): string {
  return `task_${userId}_${ulid}`;
}

/** summary_{userId}_{ulid}: the id the back end gives a summary task. */
export function buildSummaryTaskId(userId: string, ulid: string): string {
  return `summary_${userId}_${ulid}`;
}

/** task_microscope_{file|node}_{userId}_{ulid}_{block|nonblock}: a microscope ingest task's id. */
export function buildMicroscopeTaskId(
  source: 'file' | 'node',
  userId: string,
  ulid: string,
  blocking: boolean,
): string {
  return `task_microscope_${source}_${userId}_${ulid}_${blocking ? 'block' : 'nonblock'}`;
}

/** Builds and strictly validates a message; throws ContractViolationError if it is off-contract. */
export function buildMessage<T extends TaskType>(
  taskType: T,
  taskId: string,
  payload: PayloadOf<T>,
  at: At = Date.now,
): MessageByTaskType[T] {
  const message = { taskId, taskType, timestamp: timestampOf(at), payload };
  return validateOutgoing(message) as MessageByTaskType[T];
}

export function buildGraphGenerationRequest(
  taskId: string,
  payload: GraphGenerationRequest['payload'],
  at?: At,
): GraphGenerationRequest {
  return buildMessage('GRAPH_GENERATION_REQUEST', taskId, payload, at);
}

export function buildGraphGenerationProgress(
  taskId: string,
  payload: GraphGenerationProgress['payload'],
  at?: At,
): GraphGenerationProgress {
  return buildMessage('GRAPH_GENERATION_PROGRESS', taskId, payload, at);
}

export function buildGraphGenerationResult(
  taskId: string,
  payload: GraphGenerationResult['payload'],
  at?: At,
): GraphGenerationResult {
  return buildMessage('GRAPH_GENERATION_RESULT', taskId, payload, at);
}

export function buildGraphSummaryRequest(
  taskId: string,
  payload: GraphSummaryRequest['payload'],
  at?: At,
): GraphSummaryRequest {
  return buildMessage('GRAPH_SUMMARY_REQUEST', taskId, payload, at);
}

export function buildGraphSummaryResult(
  taskId: string,
  payload: GraphSummaryResult['payload'],
  at?: At,
): GraphSummaryResult {
  return buildMessage('GRAPH_SUMMARY_RESULT', taskId, payload, at);
}

export function buildAddNodeRequest(
  taskId: string,
  payload: AddNodeRequest['payload'],
  at?: At,
): AddNodeRequest {
  return buildMessage('ADD_NODE_REQUEST', taskId, payload, at);
}

export function buildMicroscopeIngestRequest(
  taskId: string,
  payload: MicroscopeIngestRequest['payload'],
  at?: At,
): MicroscopeIngestRequest {
  return buildMessage('MICROSCOPE_INGEST_REQUEST', taskId, payload, at);
}

export function buildMicroscopeIngestFromNodeRequest(
  taskId: string,
  payload: MicroscopeIngestFromNodeRequest['payload'],
  at?: At,
): MicroscopeIngestFromNodeRequest {
  return buildMessage('MICROSCOPE_INGEST_FROM_NODE_REQUEST', taskId, payload, at);
}

export function buildAddNodeResult(
  taskId: string,
  payload: AddNodeResult['payload'],
  at?: At,
): AddNodeResult {
  return buildMessage('ADD_NODE_RESULT', taskId, payload, at);
}
