// What each consumer expects of the messages it receives, as Pact matchers: types, regexes for
// ids and timestamps, enums for status, not exact values. One entry per Pact interaction.
import { MatchersV3 } from '@pact-foundation/pact';
import {
  CONTRACT_VERSION,
  type ContractQueue,
  majorVersion,
  REQUEST_QUEUE,
  RESULT_QUEUE,
  type TaskType,
} from '../../../src/contracts/index.ts';

const { boolean, integer, like, nullValue, number, regex, string } = MatchersV3;

// Rust-regex syntax (the Pact core evaluates these), matching what the JSON Schema patterns match
// (pact.test.ts checks that on samples).
export const TASK_ID_REGEX =
  '^((summary|task)_[^\\s/]+_[0-9A-HJKMNP-TV-Z]{26}|task_microscope_(file|node)_[^\\s/]+_[0-9A-HJKMNP-TV-Z]{26}_(block|nonblock))$';
export const TIMESTAMP_REGEX =
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})?$';
const STATUS_REGEX = '^(COMPLETED|FAILED)$';

export const EXAMPLE_TASK_ID = 'task_user-42_01JDQ6Z3X4K8M2N5P7R9S1T3V5';
const EXAMPLE_TIMESTAMP = '2026-11-26T07:00:00.000Z';

export interface Expectation {
  description: string;
  state: string;
  taskType: TaskType;
  queue: ContractQueue;
  payload: Record<string, unknown>;
}

const EXAMPLE_MICROSCOPE_TASK_ID = 'task_microscope_file_user-42_01JDQ6Z3X4K8M2N5P7R9S1T3V5_block';

export function body(expectation: Expectation): Record<string, unknown> {
  const example = expectation.taskType.startsWith('MICROSCOPE_')
    ? EXAMPLE_MICROSCOPE_TASK_ID
    : EXAMPLE_TASK_ID;
  return {
    taskId: regex(TASK_ID_REGEX, example),
    taskType: expectation.taskType,
    timestamp: regex(TIMESTAMP_REGEX, EXAMPLE_TIMESTAMP),
    payload: expectation.payload,
  };
}

export function metadata(expectation: Expectation) {
  return {
    queue: expectation.queue.name,
    contractVersion: regex(`^${majorVersion(CONTRACT_VERSION)}\\.\\d+\\.\\d+$`, CONTRACT_VERSION),
  };
}

const key = (example: string) => like(example);
const userId = string('user-42');
const status = (value: 'COMPLETED' | 'FAILED') => regex(STATUS_REGEX, value);

/** The worker (consumer) of the result queue; provider: the AI server. */
export const WORKER_EXPECTATIONS: Expectation[] = [
  {
    description: 'a graph generation progress update',
    state: 'a graph generation task is running',
    taskType: 'GRAPH_GENERATION_PROGRESS',
    queue: RESULT_QUEUE,
    payload: {
      userId,
      currentStage: string('clustering'),
      progressPercent: number(45.5),
      etaSeconds: number(30),
    },
  },
  {
    description: 'a graph generation progress update without an estimate',
    state: 'a graph generation task has just started',
    taskType: 'GRAPH_GENERATION_PROGRESS',
    queue: RESULT_QUEUE,
    payload: {
      userId,
      currentStage: string('loading'),
      progressPercent: number(0),
      etaSeconds: nullValue(),
    },
  },
  {
    description: 'a completed graph generation result',
    state: 'a graph generation task has completed with a summary',
    taskType: 'GRAPH_GENERATION_RESULT',
    queue: RESULT_QUEUE,
    payload: {
      userId,
      status: status('COMPLETED'),
      resultS3Key: key(`graph-generation/${EXAMPLE_TASK_ID}/graph.json`),
      summaryIncluded: boolean(true),
      summaryS3Key: key(`graph-generation/${EXAMPLE_TASK_ID}/summary.json`),
    },
  },
  {
    description: 'a failed graph generation result',
    state: 'a graph generation task has failed',
    taskType: 'GRAPH_GENERATION_RESULT',
    queue: RESULT_QUEUE,
    payload: { userId, status: status('FAILED'), error: string('input bundle is not valid JSON') },
  },
  {
    description: 'a completed graph summary result',
    state: 'a graph summary task has completed',
    taskType: 'GRAPH_SUMMARY_RESULT',
    queue: RESULT_QUEUE,
    payload: {
      userId,
      status: status('COMPLETED'),
      summaryS3Key: key(`graph-summary/${EXAMPLE_TASK_ID}/summary.json`),
    },
  },
  {
    description: 'a completed add-node result',
    state: 'an add-node task has completed',
    taskType: 'ADD_NODE_RESULT',
    queue: RESULT_QUEUE,
    payload: {
      userId,
      status: status('COMPLETED'),
      resultS3Key: key(`add-node/${EXAMPLE_TASK_ID}/graph.json`),
    },
  },
  {
    description: 'a failed add-node result',
    state: 'an add-node task has failed',
    taskType: 'ADD_NODE_RESULT',
    queue: RESULT_QUEUE,
    payload: { userId, status: status('FAILED'), error: string('model timed out') },
  },
  {
    description: 'a completed raw-file microscope ingest result',
    state: 'a microscope ingest of a file has completed',
    taskType: 'MICROSCOPE_INGEST_RESULT',
    queue: RESULT_QUEUE,
    payload: {
      user_id: userId,
      group_id: string('group-1'),
      status: status('COMPLETED'),
      chunks_count: integer(12),
      standardized_s3_key: key(`microscope/${EXAMPLE_TASK_ID}/standardized.json`),
    },
  },
  {
    description: 'a failed from-node microscope ingest result',
    state: 'a microscope ingest of a node has failed',
    taskType: 'MICROSCOPE_INGEST_FROM_NODE_RESULT',
    queue: RESULT_QUEUE,
    payload: {
      user_id: userId,
      group_id: string('group-1'),
      status: status('FAILED'),
      error: string('node not found'),
    },
  },
];

/** The AI server (consumer) of the request queue; provider: the API. */
export const AI_SERVER_EXPECTATIONS: Expectation[] = [
  {
    description: 'a graph generation request',
    state: 'a user has uploaded conversations',
    taskType: 'GRAPH_GENERATION_REQUEST',
    queue: REQUEST_QUEUE,
    payload: {
      userId,
      s3Key: regex('^graph-generation/.+/$', `graph-generation/${EXAMPLE_TASK_ID}/`),
      bucket: string('graphnode-payloads'),
      includeSummary: boolean(true),
      summaryLanguage: string('en'),
      language: string('en'),
      minClusters: integer(2),
      maxClusters: integer(12),
    },
  },
  {
    description: 'a graph summary request',
    state: 'a user has a generated graph',
    taskType: 'GRAPH_SUMMARY_REQUEST',
    queue: REQUEST_QUEUE,
    payload: {
      userId,
      graphS3Key: key(`graph-generation/${EXAMPLE_TASK_ID}/graph.json`),
      bucket: string('graphnode-payloads'),
      language: string('en'),
    },
  },
  {
    description: 'an add-node request',
    state: 'a user has a graph and uploads more conversations',
    taskType: 'ADD_NODE_REQUEST',
    queue: REQUEST_QUEUE,
    payload: {
      userId,
      s3Key: key(`add-node/${EXAMPLE_TASK_ID}/input.json`),
      bucket: string('graphnode-payloads'),
    },
  },
  {
    description: 'a raw-file microscope ingest request',
    state: 'a user has uploaded a file to a microscope group',
    taskType: 'MICROSCOPE_INGEST_REQUEST',
    queue: REQUEST_QUEUE,
    payload: {
      user_id: userId,
      group_id: string('group-1'),
      s3_key: key('microscope/user-42/paper.pdf'),
      file_name: string('paper.pdf'),
    },
  },
  {
    description: 'a from-node microscope ingest request',
    state: 'a user adds a note to a microscope group',
    taskType: 'MICROSCOPE_INGEST_FROM_NODE_REQUEST',
    queue: REQUEST_QUEUE,
    payload: {
      user_id: userId,
      node_id: string('note-7'),
      node_type: regex('^(note|conversation)$', 'note'),
      group_id: string('group-1'),
    },
  },
];
