// What the fake AI computes for each request type: reads the input from S3, builds the graph,
// summary or added nodes, and returns the objects to write and the result fields pointing at them.
// Writing, progress, timing and faults are the request handler's business, not the task's.
import type { S3Client } from '@aws-sdk/client-s3';
import {
  type AddNodeRequest,
  type GraphGenerationRequest,
  type GraphSummaryRequest,
  type MicroscopeIngestFromNodeRequest,
  type MicroscopeIngestRequest,
  type RequestMessage,
  validateGraphOutput,
} from '../../src/contracts/index.ts';
import { buildGraph } from '../graph/build-graph.ts';
import { buildFeatures, buildSummary } from '../graph/summary.ts';
import { getText, readConversations, TaskError } from './storage.ts';

export interface TaskContext {
  s3: S3Client;
  /** Bucket when the request names none (S3_PAYLOAD_BUCKET). */
  defaultBucket: string | undefined;
  now: () => number;
  seed: number;
  /** Called at each stage; the handler sends progress and spends the profile's latency there. */
  stage: (name: string, percent: number) => Promise<void>;
}

export interface OutputObject {
  role: 'graph' | 'features' | 'summary' | 'nodes' | 'standardized';
  bucket: string;
  key: string;
  value: unknown;
}

export interface TaskOutput {
  objects: OutputObject[];
  /** Result payload fields of a COMPLETED result, besides userId and status. */
  fields: Record<string, string | number | boolean>;
}

/** The user a request belongs to: userId, or user_id in the snake_case microscope requests. */
export function userIdOf(request: RequestMessage): string {
  return 'userId' in request.payload ? request.payload.userId : request.payload.user_id;
}

/** The payload of the result answering `request`, in that request type's spelling. */
export function resultPayload(
  request: RequestMessage,
  outcome:
    | { status: 'COMPLETED'; fields: TaskOutput['fields'] }
    | { status: 'FAILED'; error: string },
): Record<string, unknown> {
  const done = outcome.status === 'COMPLETED' ? outcome.fields : { error: outcome.error };
  if ('userId' in request.payload) {
    return { userId: request.payload.userId, status: outcome.status, ...done };
  }
  const { user_id, group_id } = request.payload;
  return { user_id, group_id, status: outcome.status, ...done };
}

function bucketOf(
  payload: { bucket?: string | undefined },
  ctx: TaskContext,
  taskId: string,
): string {
  const bucket = payload.bucket ?? ctx.defaultBucket;
  if (!bucket) {
    throw new TaskError(`task ${taskId} names no bucket and S3_PAYLOAD_BUCKET is not set`);
  }
  return bucket;
}

/** How many times each task calls `stage`: the profile's latency is spread evenly over them. */
export const STAGE_COUNT: Record<RequestMessage['taskType'], number> = {
  GRAPH_GENERATION_REQUEST: 3,
  GRAPH_SUMMARY_REQUEST: 2,
  ADD_NODE_REQUEST: 2,
  MICROSCOPE_INGEST_REQUEST: 2,
  MICROSCOPE_INGEST_FROM_NODE_REQUEST: 2,
};

export function runTask(request: RequestMessage, ctx: TaskContext): Promise<TaskOutput> {
  switch (request.taskType) {
    case 'GRAPH_GENERATION_REQUEST':
      return generateGraph(request, ctx);
    case 'GRAPH_SUMMARY_REQUEST':
      return summarise(request, ctx);
    case 'ADD_NODE_REQUEST':
      return addNodes(request, ctx);
    case 'MICROSCOPE_INGEST_REQUEST':
    case 'MICROSCOPE_INGEST_FROM_NODE_REQUEST':
      return ingest(request, ctx);
  }
}

async function generateGraph(
  request: GraphGenerationRequest,
  ctx: TaskContext,
): Promise<TaskOutput> {
  const { payload, taskId } = request;
  const bucket = bucketOf(payload, ctx, taskId);
  await ctx.stage('loading_input', 10);
  const docs = await readConversations(ctx.s3, bucket, payload.s3Key);
  for (const extra of payload.extraS3Keys ?? []) {
    docs.push(...(await readConversations(ctx.s3, bucket, extra)));
  }
  await ctx.stage('building_graph', 40);
  const graph = buildGraph(docs, {
    seed: ctx.seed,
    now: ctx.now(),
    minClusters: payload.minClusters,
    maxClusters: payload.maxClusters,
    sourceType: payload.inputType,
  });
  await ctx.stage('writing_results', 80);
  const prefix = `graph-generation/${taskId}/`;
  const objects: OutputObject[] = [
    { role: 'graph', bucket, key: `${prefix}graph.json`, value: graph },
    {
      role: 'features',
      bucket,
      key: `${prefix}features.json`,
      value: buildFeatures(graph, ctx.now()),
    },
  ];
  const fields: TaskOutput['fields'] = {
    resultS3Key: `${prefix}graph.json`,
    featuresS3Key: `${prefix}features.json`,
    summaryIncluded: payload.includeSummary === true,
  };
  if (payload.includeSummary) {
    const summary = buildSummary(graph, {
      now: ctx.now(),
      language: payload.summaryLanguage ?? payload.language,
    });
    objects.push({ role: 'summary', bucket, key: `${prefix}summary.json`, value: summary });
    fields.summaryS3Key = `${prefix}summary.json`;
  }
  return { objects, fields };
}

async function summarise(request: GraphSummaryRequest, ctx: TaskContext): Promise<TaskOutput> {
  const { payload, taskId } = request;
  await ctx.stage('loading_graph', 20);
  const text = await getText(ctx.s3, payload.bucket, payload.graphS3Key);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TaskError(
      `graph s3://${payload.bucket}/${payload.graphS3Key} is not valid JSON: ${(error as Error).message}`,
    );
  }
  const graph = validateGraphOutput(parsed);
  if (!graph.ok) {
    throw new TaskError(
      `graph s3://${payload.bucket}/${payload.graphS3Key}: ${graph.error.message}`,
    );
  }
  await ctx.stage('summarising', 60);
  const key = `graph-summary/${taskId}/summary.json`;
  const summary = buildSummary(graph.message, { now: ctx.now(), language: payload.language });
  return {
    objects: [{ role: 'summary', bucket: payload.bucket, key, value: summary }],
    fields: { summaryS3Key: key },
  };
}

async function addNodes(request: AddNodeRequest, ctx: TaskContext): Promise<TaskOutput> {
  const { payload, taskId } = request;
  const bucket = bucketOf(payload, ctx, taskId);
  await ctx.stage('loading_input', 20);
  const docs = await readConversations(ctx.s3, bucket, payload.s3Key);
  await ctx.stage('placing_nodes', 60);
  const graph = buildGraph(docs, { seed: ctx.seed, now: ctx.now(), sourceType: payload.inputType });
  const key = `add-node/${taskId}/result.json`;
  return {
    objects: [{ role: 'nodes', bucket, key, value: graph }],
    fields: { resultS3Key: key },
  };
}

/**
 * A microscope ingest: reads the raw file (a from-node ingest has none to read), splits it into
 * paragraph chunks and writes a standardized graph naming each chunk, the shape's minimum.
 */
async function ingest(
  request: MicroscopeIngestRequest | MicroscopeIngestFromNodeRequest,
  ctx: TaskContext,
): Promise<TaskOutput> {
  const { payload, taskId } = request;
  const fromNode = request.taskType === 'MICROSCOPE_INGEST_FROM_NODE_REQUEST';
  const bucket = bucketOf(fromNode ? {} : request.payload, ctx, taskId);
  await ctx.stage('loading_source', 20);
  const text = fromNode
    ? `${request.payload.node_type} ${request.payload.node_id}`
    : await getText(ctx.s3, bucket, request.payload.s3_key);
  const chunks = text.split(/\n\s*\n/).filter((chunk) => chunk.trim() !== '');
  await ctx.stage('standardizing', 60);
  const key = `microscope/${taskId}/standardized.json`;
  const sourceId = fromNode ? request.payload.node_id : `file_${taskId}`;
  const standardized = {
    standardized_graphs: chunks.map((chunk, i) => ({
      nodes: [
        { name: `chunk ${i}`, type: 'Chunk', description: chunk.slice(0, 200), source_chunk_id: i },
      ],
      edges: [],
    })),
    source_id: sourceId,
    user_id: payload.user_id,
    group_id: payload.group_id,
  };
  return {
    objects: [{ role: 'standardized', bucket, key, value: standardized }],
    fields: {
      source_id: sourceId,
      chunks_count: chunks.length,
      ...(payload.schema_name ? { schema_name: payload.schema_name } : {}),
      standardized_s3_key: key,
    },
  };
}
