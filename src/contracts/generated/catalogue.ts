// Generated from contracts/contract.json by `npm run contracts:types`. Do not edit by hand.
import type { AddNodeRequest } from './add-node-request.ts';
import type { AddNodeResult } from './add-node-result.ts';
import type { GraphGenerationProgress } from './graph-generation-progress.ts';
import type { GraphGenerationRequest } from './graph-generation-request.ts';
import type { GraphGenerationResult } from './graph-generation-result.ts';
import type { GraphSummaryRequest } from './graph-summary-request.ts';
import type { GraphSummaryResult } from './graph-summary-result.ts';
import type { MicroscopeIngestFromNodeRequest } from './microscope-ingest-from-node-request.ts';
import type { MicroscopeIngestFromNodeResult } from './microscope-ingest-from-node-result.ts';
import type { MicroscopeIngestRequest } from './microscope-ingest-request.ts';
import type { MicroscopeIngestResult } from './microscope-ingest-result.ts';
/** Every message type, in the order of contracts/contract.json. */
export const TASK_TYPES = [
  'GRAPH_GENERATION_REQUEST',
  'GRAPH_GENERATION_PROGRESS',
  'GRAPH_GENERATION_RESULT',
  'GRAPH_SUMMARY_REQUEST',
  'GRAPH_SUMMARY_RESULT',
  'ADD_NODE_REQUEST',
  'ADD_NODE_RESULT',
  'MICROSCOPE_INGEST_REQUEST',
  'MICROSCOPE_INGEST_RESULT',
  'MICROSCOPE_INGEST_FROM_NODE_REQUEST',
  'MICROSCOPE_INGEST_FROM_NODE_RESULT',
] as const;
export const REQUEST_TASK_TYPES = [
  'GRAPH_GENERATION_REQUEST',
  'GRAPH_SUMMARY_REQUEST',
  'ADD_NODE_REQUEST',
  'MICROSCOPE_INGEST_REQUEST',
  'MICROSCOPE_INGEST_FROM_NODE_REQUEST',
] as const;
export const PROGRESS_TASK_TYPES = ['GRAPH_GENERATION_PROGRESS'] as const;
export const RESULT_TASK_TYPES = [
  'GRAPH_GENERATION_RESULT',
  'GRAPH_SUMMARY_RESULT',
  'ADD_NODE_RESULT',
  'MICROSCOPE_INGEST_RESULT',
  'MICROSCOPE_INGEST_FROM_NODE_RESULT',
] as const;
/** The type that ends each request's task. */
export const RESULT_FOR_REQUEST = {
  GRAPH_GENERATION_REQUEST: 'GRAPH_GENERATION_RESULT',
  GRAPH_SUMMARY_REQUEST: 'GRAPH_SUMMARY_RESULT',
  ADD_NODE_REQUEST: 'ADD_NODE_RESULT',
  MICROSCOPE_INGEST_REQUEST: 'MICROSCOPE_INGEST_RESULT',
  MICROSCOPE_INGEST_FROM_NODE_REQUEST: 'MICROSCOPE_INGEST_FROM_NODE_RESULT',
} as const;
/** The type reporting each request's progress, where there is one. */
export const PROGRESS_FOR_REQUEST = {
  GRAPH_GENERATION_REQUEST: 'GRAPH_GENERATION_PROGRESS',
} as const;
/** The request each progress or result type answers. */
export const REQUEST_FOR_ANSWER = {
  GRAPH_GENERATION_PROGRESS: 'GRAPH_GENERATION_REQUEST',
  GRAPH_GENERATION_RESULT: 'GRAPH_GENERATION_REQUEST',
  GRAPH_SUMMARY_RESULT: 'GRAPH_SUMMARY_REQUEST',
  ADD_NODE_RESULT: 'ADD_NODE_REQUEST',
  MICROSCOPE_INGEST_RESULT: 'MICROSCOPE_INGEST_REQUEST',
  MICROSCOPE_INGEST_FROM_NODE_RESULT: 'MICROSCOPE_INGEST_FROM_NODE_REQUEST',
} as const;
/** The queue carrying each type. */
export const QUEUE_OF_TASK_TYPE = {
  GRAPH_GENERATION_REQUEST: 'request',
  GRAPH_SUMMARY_REQUEST: 'request',
  ADD_NODE_REQUEST: 'request',
  MICROSCOPE_INGEST_REQUEST: 'request',
  MICROSCOPE_INGEST_FROM_NODE_REQUEST: 'request',
  GRAPH_GENERATION_PROGRESS: 'result',
  GRAPH_GENERATION_RESULT: 'result',
  GRAPH_SUMMARY_RESULT: 'result',
  ADD_NODE_RESULT: 'result',
  MICROSCOPE_INGEST_RESULT: 'result',
  MICROSCOPE_INGEST_FROM_NODE_RESULT: 'result',
} as const;
/** The message type for each task type. */
export interface MessageByTaskType {
  GRAPH_GENERATION_REQUEST: GraphGenerationRequest;
  GRAPH_GENERATION_PROGRESS: GraphGenerationProgress;
  GRAPH_GENERATION_RESULT: GraphGenerationResult;
  GRAPH_SUMMARY_REQUEST: GraphSummaryRequest;
  GRAPH_SUMMARY_RESULT: GraphSummaryResult;
  ADD_NODE_REQUEST: AddNodeRequest;
  ADD_NODE_RESULT: AddNodeResult;
  MICROSCOPE_INGEST_REQUEST: MicroscopeIngestRequest;
  MICROSCOPE_INGEST_RESULT: MicroscopeIngestResult;
  MICROSCOPE_INGEST_FROM_NODE_REQUEST: MicroscopeIngestFromNodeRequest;
  MICROSCOPE_INGEST_FROM_NODE_RESULT: MicroscopeIngestFromNodeResult;
}
