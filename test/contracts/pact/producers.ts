// The provider side of each Pact interaction: the message the producing code builds for the
// interaction's state, through the builders in src/contracts (which the API and the fake AI
// server call), with the metadata it is sent with.
import type { MessageProvider, MessageProviders } from '@pact-foundation/pact';
import {
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
  buildTaskId,
  CONTRACT_VERSION,
  type ContractMessage,
  queueFor,
} from '../../../src/contracts/index.ts';

const USER = 'user-7';
const TASK = buildTaskId(USER, '01JDR0000000000000000000AB');
const FILE_TASK = buildMicroscopeTaskId('file', USER, '01JDR0000000000000000000AB', true);
const NODE_TASK = buildMicroscopeTaskId('node', USER, '01JDR0000000000000000000AB', false);
const clock = () => Date.UTC(2026, 10, 26, 8, 30, 0, 250);

/** A Pact message provider for a message built on demand, sent with its queue and version. */
export function sent(build: () => ContractMessage): MessageProvider {
  return () => {
    const message = build();
    return {
      __pactMessageMetadata: {
        queue: queueFor(message.taskType).name,
        contractVersion: CONTRACT_VERSION,
      },
      message,
    };
  };
}

/** Result-queue messages, as the AI server side builds them. */
export const RESULT_PRODUCERS: MessageProviders = {
  'a graph generation progress update': sent(() =>
    buildGraphGenerationProgress(
      TASK,
      { userId: USER, currentStage: 'embedding', progressPercent: 60, etaSeconds: 12.5 },
      clock,
    ),
  ),
  'a graph generation progress update without an estimate': sent(() =>
    buildGraphGenerationProgress(
      TASK,
      { userId: USER, currentStage: 'queued', progressPercent: 0, etaSeconds: null },
      clock,
    ),
  ),
  'a completed graph generation result': sent(() =>
    buildGraphGenerationResult(
      TASK,
      {
        userId: USER,
        status: 'COMPLETED',
        resultS3Key: `graph-generation/${TASK}/graph.json`,
        summaryIncluded: true,
        summaryS3Key: `graph-generation/${TASK}/summary.json`,
      },
      clock,
    ),
  ),
  'a failed graph generation result': sent(() =>
    buildGraphGenerationResult(
      TASK,
      { userId: USER, status: 'FAILED', error: 'no conversations' },
      clock,
    ),
  ),
  'a completed graph summary result': sent(() =>
    buildGraphSummaryResult(
      TASK,
      { userId: USER, status: 'COMPLETED', summaryS3Key: `graph-summary/${TASK}/summary.json` },
      clock,
    ),
  ),
  'a completed add-node result': sent(() =>
    buildAddNodeResult(
      TASK,
      { userId: USER, status: 'COMPLETED', resultS3Key: `add-node/${TASK}/graph.json` },
      clock,
    ),
  ),
  'a failed add-node result': sent(() =>
    buildAddNodeResult(TASK, { userId: USER, status: 'FAILED', error: 'graph not found' }, clock),
  ),
  'a completed raw-file microscope ingest result': sent(() =>
    buildMessage(
      'MICROSCOPE_INGEST_RESULT',
      FILE_TASK,
      {
        user_id: USER,
        group_id: 'group-1',
        status: 'COMPLETED',
        chunks_count: 4,
        standardized_s3_key: `microscope/${FILE_TASK}/standardized.json`,
      },
      clock,
    ),
  ),
  'a failed from-node microscope ingest result': sent(() =>
    buildMessage(
      'MICROSCOPE_INGEST_FROM_NODE_RESULT',
      NODE_TASK,
      { user_id: USER, group_id: 'group-1', status: 'FAILED', error: 'node not found' },
      clock,
    ),
  ),
};

/** Request-queue messages, as the API builds them. */
export const REQUEST_PRODUCERS: MessageProviders = {
  'a graph generation request': sent(() =>
    buildGraphGenerationRequest(
      TASK,
      {
        userId: USER,
        s3Key: `graph-generation/${TASK}/`,
        bucket: 'graphnode-payloads',
        includeSummary: false,
        summaryLanguage: 'ko',
        language: 'ko',
        minClusters: 3,
        maxClusters: 8,
      },
      clock,
    ),
  ),
  'a graph summary request': sent(() =>
    buildGraphSummaryRequest(
      TASK,
      {
        userId: USER,
        graphS3Key: `graph-generation/${TASK}/graph.json`,
        bucket: 'graphnode-payloads',
        language: 'ko',
      },
      clock,
    ),
  ),
  'an add-node request': sent(() =>
    buildAddNodeRequest(
      TASK,
      { userId: USER, s3Key: `add-node/${TASK}/input.json`, bucket: 'graphnode-payloads' },
      clock,
    ),
  ),
  'a raw-file microscope ingest request': sent(() =>
    buildMicroscopeIngestRequest(
      FILE_TASK,
      { user_id: USER, group_id: 'group-1', s3_key: 'microscope/user-7/a.pdf', file_name: 'a.pdf' },
      clock,
    ),
  ),
  'a from-node microscope ingest request': sent(() =>
    buildMicroscopeIngestFromNodeRequest(
      NODE_TASK,
      { user_id: USER, node_id: 'conv-3', node_type: 'conversation', group_id: 'group-1' },
      clock,
    ),
  ),
};
