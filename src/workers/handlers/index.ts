// The routing table: result-queue message type → handler.

import type { ResultQueueMessage, ResultQueueTaskType } from '../../contracts/index.ts';
import { handleAddNodeResult } from './add-node-result.ts';
import { handleGraphGenerationProgress } from './graph-generation-progress.ts';
import { handleGraphGenerationResult } from './graph-generation-result.ts';
import { handleGraphSummaryResult } from './graph-summary-result.ts';
import { handleMicroscopeIngestResult } from './microscope-ingest-result.ts';
import type { HandlerOutcome, HandlerPorts } from './ports.ts';

export type { HandlerOutcome, HandlerPorts } from './ports.ts';
export { UnprocessableMessageError } from './result-objects.ts';

type Handler<T extends ResultQueueMessage> = (
  message: T,
  ports: HandlerPorts,
) => Promise<HandlerOutcome>;

export const HANDLERS: {
  [K in ResultQueueTaskType]: Handler<Extract<ResultQueueMessage, { taskType: K }>>;
} = {
  GRAPH_GENERATION_PROGRESS: handleGraphGenerationProgress,
  GRAPH_GENERATION_RESULT: handleGraphGenerationResult,
  GRAPH_SUMMARY_RESULT: handleGraphSummaryResult,
  ADD_NODE_RESULT: handleAddNodeResult,
  MICROSCOPE_INGEST_RESULT: handleMicroscopeIngestResult,
  MICROSCOPE_INGEST_FROM_NODE_RESULT: handleMicroscopeIngestResult,
};

export function routeMessage(
  message: ResultQueueMessage,
  ports: HandlerPorts,
): Promise<HandlerOutcome> {
  // TypeScript cannot correlate the key and the message in one lookup; the table's type does.
  const handler = HANDLERS[message.taskType] as Handler<ResultQueueMessage>;
  return handler(message, ports);
}
