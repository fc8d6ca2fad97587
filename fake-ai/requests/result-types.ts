// Which result message answers which request.
import type { RequestTaskType, ResultTaskType } from '../../src/contracts/index.ts';

export const RESULT_TYPE_OF: Record<RequestTaskType, ResultTaskType> = {
  GRAPH_GENERATION_REQUEST: 'GRAPH_GENERATION_RESULT',
  GRAPH_SUMMARY_REQUEST: 'GRAPH_SUMMARY_RESULT',
  ADD_NODE_REQUEST: 'ADD_NODE_RESULT',
};
