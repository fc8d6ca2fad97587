// What the fake AI computes for each request type: reads the input from S3, builds the graph,
// summary or added nodes, and returns the objects to write and the result fields pointing at them.
// Writing, progress, timing and faults are the request handler's business, not the task's.
import type { S3Client } from '@aws-sdk/client-s3';
import {
  type AddNodeRequest,
  type GraphGenerationRequest,
  type GraphSummaryRequest,
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
  role: 'graph' | 'features' | 'summary' | 'nodes';
  bucket: string;
  key: string;
  value: unknown;
}

export interface TaskOutput {
  objects: OutputObject[];
  /** Result payload fields of a COMPLETED result, besides userId and status. */
  fields: Record<string, string | boolean>;
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
};

export function runTask(request: RequestMessage, ctx: TaskContext): Promise<TaskOutput> {
  switch (request.taskType) {
    case 'GRAPH_GENERATION_REQUEST':
      return generateGraph(request, ctx);
    case 'GRAPH_SUMMARY_REQUEST':
      return summarise(request, ctx);
    case 'ADD_NODE_REQUEST':
      return addNodes(request, ctx);
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
