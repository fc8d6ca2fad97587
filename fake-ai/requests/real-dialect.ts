// The real AI server's dialect, for the fake AI's `dialect: real` profiles: what the GraphNode AI
// server puts on the result queue and in S3 today (facts from the contract catalogue, not its
// code). pydantic's envelope key order, datetime.utcnow().isoformat() timestamps (microseconds,
// no zone), every result key present with nulls, errorCode and chatId, a FAILED summary sent with
// the graph result's nine keys, `[N단계]` stages with per-stage percent, no message attributes;
// graph edges typed `semantic` with a confidence, epoch-second node times, richer subclusters and
// metadata. All of it is accepted by the contract, with findings; none of it is conformant.
import {
  type GraphOutput,
  type GraphSummary,
  parseMessageBody,
  type RequestMessage,
  type ResultTaskType,
  validateObject,
} from '../../src/contracts/index.ts';

/** datetime.utcnow().isoformat() at `epochMs`: microseconds (no fraction at all on a whole second). */
export function pythonTimestamp(epochMs: number): string {
  const iso = new Date(epochMs).toISOString().slice(0, -1); // drop the Z
  return iso.endsWith('.000') ? iso.slice(0, -4) : `${iso}000`;
}

/** The AI server's Korean stage text for the fake's stage names. */
const STAGE_TEXT: Record<string, string> = {
  loading_input: '입력 데이터 로드',
  building_graph: '그래프 생성',
  writing_results: '결과 저장',
  loading_graph: '그래프 로드',
  summarising: '요약 생성',
  placing_nodes: '노드 배치',
  loading_source: '원본 로드',
  standardizing: '표준화',
  working: '처리 중',
  finalizing: '마무리',
};

export function realStage(index: number, name: string): string {
  return `[${index}단계] ${STAGE_TEXT[name] ?? name}`;
}

type Outcome =
  | { status: 'COMPLETED'; fields: Record<string, string | number | boolean> }
  | { status: 'FAILED'; error: string };

const FAILURE_CODE = 'PROCESSING_FAILED';

function nineKeys(
  userId: string,
  chatId: string | null,
  outcome: Outcome,
): Record<string, unknown> {
  const fields = outcome.status === 'COMPLETED' ? outcome.fields : {};
  return {
    userId,
    status: outcome.status,
    resultS3Key: fields.resultS3Key ?? null,
    featuresS3Key: fields.featuresS3Key ?? null,
    error: outcome.status === 'FAILED' ? outcome.error : null,
    errorCode: outcome.status === 'FAILED' ? FAILURE_CODE : null,
    chatId,
    summaryS3Key: fields.summaryS3Key ?? null,
    summaryIncluded: fields.summaryIncluded ?? false,
  };
}

function realPayload(request: RequestMessage, outcome: Outcome): Record<string, unknown> {
  const failed = outcome.status === 'FAILED';
  const error = failed ? outcome.error : null;
  const fields = outcome.status === 'COMPLETED' ? outcome.fields : {};
  if (!('userId' in request.payload)) {
    const { user_id, group_id } = request.payload;
    return {
      user_id,
      group_id,
      status: outcome.status,
      source_id: fields.source_id ?? null,
      chunks_count: fields.chunks_count ?? null,
      schema_name: fields.schema_name ?? null,
      ingest_stats: failed ? null : { chunks_stored: fields.chunks_count ?? 0 },
      standardized_s3_key: fields.standardized_s3_key ?? null,
      block_graph_s3_key: null,
      images_s3_prefix: null,
      error,
      errorCode: failed ? FAILURE_CODE : null,
    };
  }
  const { userId } = request.payload;
  const chatId = 'chatId' in request.payload ? (request.payload.chatId ?? null) : null;
  if (request.taskType === 'GRAPH_SUMMARY_REQUEST' && !failed) {
    return {
      userId,
      status: 'COMPLETED',
      summaryS3Key: fields.summaryS3Key ?? null,
      chatId,
      error: null,
      errorCode: null,
    };
  }
  // Graph and add-node results; and a FAILED summary, which the AI sends in this shape too.
  return nineKeys(userId, chatId, outcome);
}

/** Checks the fake's own output: accepted by the contract, or a bug in the fake. */
function accepted(body: string): string {
  const verdict = parseMessageBody(body);
  if (!verdict.ok) throw verdict.error;
  return body;
}

function envelope(taskId: string, taskType: string, payload: unknown, epochMs: number): string {
  // The AI server's envelope model: its field order, timestamp last.
  return accepted(
    JSON.stringify({ taskId, taskType, payload, timestamp: pythonTimestamp(epochMs) }),
  );
}

export function realResultBody(
  request: RequestMessage,
  resultType: ResultTaskType,
  outcome: Outcome,
  epochMs: number,
): string {
  return envelope(request.taskId, resultType, realPayload(request, outcome), epochMs);
}

export function realProgressBody(
  task: { taskId: string; userId: string },
  currentStage: string,
  progressPercent: number,
  etaSeconds: number | null,
  epochMs: number,
): string {
  return envelope(
    task.taskId,
    'GRAPH_GENERATION_PROGRESS',
    { userId: task.userId, currentStage, progressPercent, etaSeconds },
    epochMs,
  );
}

const CONFIDENCE_HIGH = 0.3;
const CONFIDENCE_MEDIUM = 0.18;

/** graph_postprocessed.json as the AI pipeline writes it, from the fake's graph. */
export function realGraph(graph: GraphOutput, epochMs: number): GraphOutput {
  const subclusterOf = new Map<number, string>();
  for (const sub of graph.subclusters) for (const id of sub.node_ids) subclusterOf.set(id, sub.id);
  const epochSeconds = (iso: string | null | undefined) =>
    iso ? Date.parse(iso) / 1000 : epochMs / 1000;
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  return {
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      orig_id: n.orig_id,
      cluster_id: n.cluster_id,
      cluster_name: n.cluster_name,
      cluster_confidence: 0.9,
      keywords: n.keywords,
      top_keywords: n.top_keywords,
      num_messages: 2 * (n.num_sections ?? 1),
      create_time: epochSeconds(n.timestamp),
      update_time: epochSeconds(n.timestamp),
      subcluster_id: subclusterOf.get(n.id) ?? null,
    })),
    edges: graph.edges.map((e) => ({
      source: e.source,
      target: e.target,
      weight: e.weight,
      type: 'semantic',
      confidence:
        e.weight >= CONFIDENCE_HIGH ? 'high' : e.weight >= CONFIDENCE_MEDIUM ? 'medium' : 'low',
      is_intra_cluster: e.is_intra_cluster ?? null,
    })),
    subclusters: graph.subclusters.map((s) => {
      const members = new Set(s.node_ids);
      const internal = graph.edges.filter((e) => members.has(e.source) && members.has(e.target));
      const pairs = (s.node_ids.length * (s.node_ids.length - 1)) / 2;
      return {
        ...s,
        size: s.node_ids.length,
        density: pairs === 0 ? 0 : Math.round((internal.length / pairs) * 10_000) / 10_000,
        internal_edges: internal.length,
        cohesion_score: 0.8,
      };
    }),
    metadata: {
      ...graph.metadata,
      // The pipeline's own format: microseconds and Z.
      generated_at: `${new Date(epochMs).toISOString().slice(0, -1)}000Z`,
      edge_statistics: { semantic: graph.edges.length },
      subcluster_statistics: { count: graph.subclusters.length },
      timing: {},
      time_range: null,
      pipeline_params: { node_count: nodeIds.size },
      source_files: [],
      post_processing: {},
      total_subclusters: graph.subclusters.length,
    },
  };
}

/** summary.json as the AI writes it: the fake's summary with a utcnow().isoformat() time. */
export function realSummary(summary: GraphSummary, epochMs: number): GraphSummary {
  return { ...summary, generated_at: pythonTimestamp(epochMs) };
}

/** The real-dialect form of an object the fake writes, checked as accepted by the contract. */
export function realObject(role: string, value: unknown, epochMs: number): unknown {
  if (role === 'graph' || role === 'nodes') {
    const graph = realGraph(value as GraphOutput, epochMs);
    const verdict = validateObject('graphOutput', graph);
    if (!verdict.ok) throw verdict.error;
    return graph;
  }
  if (role === 'summary') {
    const summary = realSummary(value as GraphSummary, epochMs);
    const verdict = validateObject('summary', summary);
    if (!verdict.ok) throw verdict.error;
    return summary;
  }
  return value;
}
