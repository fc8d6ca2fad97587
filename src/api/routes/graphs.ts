// Graph routes: generation, add-node and summary requests (202 + task id), and the user's graph.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../../core/ports/store.ts';
import type {
  SubmitOutcome,
  SubmitRequest,
  TaskSubmission,
} from '../../core/services/task-submission.ts';
import { presentGraph } from '../presenters.ts';
import { sendProblem } from '../problems.ts';
import {
  type AddNodeBody,
  addNodeBody,
  type GenerateBody,
  generateBody,
  type MicroscopeFileBody,
  type MicroscopeNodeBody,
  microscopeFileBody,
  microscopeNodeBody,
  type SummaryBody,
  summaryBody,
} from '../schemas.ts';

export interface GraphRouteDeps {
  store: Store;
  submission: TaskSubmission;
  userOf(request: FastifyRequest): string;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

/** SubmitRequest without the caller's identity, kept as a union (plain Omit would flatten it). */
type Spec = SubmitRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'userId' | 'idempotencyKey'>
    : never
  : never;

export function graphRoutes(app: FastifyInstance, deps: GraphRouteDeps): void {
  async function accept(request: FastifyRequest, reply: FastifyReply, spec: Spec) {
    const header = request.headers['idempotency-key'];
    if (header !== undefined && (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header))) {
      return sendProblem(reply, 'invalid-idempotency-key', {
        detail: 'Idempotency-Key must be 1–255 visible ASCII characters, sent once',
      });
    }
    const userId = deps.userOf(request);
    let outcome: SubmitOutcome;
    try {
      outcome = await deps.submission.submit({
        ...spec,
        userId,
        idempotencyKey: header ?? null,
        // Spreading a union member and adding the shared fields gives that member back; TypeScript
        // cannot see it through the spread.
      } as SubmitRequest);
    } catch (error) {
      request.log.error({ err: error, userId }, 'task submission failed');
      return sendProblem(reply, 'dependency-failed', {
        detail:
          'The task could not be recorded; nothing was queued. Retry with the same Idempotency-Key.',
      });
    }
    switch (outcome.kind) {
      case 'accepted': {
        const { task } = outcome;
        request.log.info({ taskId: task.taskId, replayed: outcome.replayed }, 'task accepted');
        if (outcome.replayed) reply.header('idempotent-replayed', 'true');
        return reply
          .code(202)
          .header('location', `/v1/tasks/${task.taskId}`)
          .send({
            taskId: task.taskId,
            status: task.status,
            links: { task: `/v1/tasks/${task.taskId}` },
          });
      }
      case 'idempotency-key-reused':
        return sendProblem(reply, 'idempotency-key-reused', {
          detail: 'Use a new Idempotency-Key for a different request',
          taskId: outcome.taskId,
        });
      case 'no-graph':
        return sendProblem(reply, 'no-graph', {
          detail: 'Generate a graph (POST /v1/graphs/generate) before asking for a summary',
        });
      case 'invalid-input':
        return sendProblem(reply, 'invalid-input', {
          detail: spec.kind.startsWith('MICROSCOPE_')
            ? 'the ingest request is not one the AI server accepts'
            : 'conversations must be chat-export conversations (title, create_time, mapping)',
          violations: outcome.violations,
        });
    }
  }

  app.post<{ Body: GenerateBody }>(
    '/v1/graphs/generate',
    { schema: { body: generateBody } },
    async (request, reply) => {
      const options = request.body.options ?? {};
      if (
        options.minClusters !== undefined &&
        options.maxClusters !== undefined &&
        options.minClusters > options.maxClusters
      ) {
        return sendProblem(reply, 'invalid-request', {
          detail: 'options.minClusters must not exceed options.maxClusters',
          violations: [{ path: '/options/minClusters', message: 'must be ≤ maxClusters' }],
        });
      }
      return accept(request, reply, {
        kind: 'GRAPH_GENERATION',
        conversations: request.body.conversations,
        options,
      });
    },
  );

  app.post<{ Body: AddNodeBody }>(
    '/v1/graphs/nodes',
    { schema: { body: addNodeBody } },
    async (request, reply) =>
      accept(request, reply, {
        kind: 'ADD_NODE',
        conversations: request.body.conversations,
        options: request.body.options ?? {},
      }),
  );

  app.post<{ Body: SummaryBody }>(
    '/v1/graphs/summary',
    { schema: { body: summaryBody } },
    async (request, reply) =>
      accept(request, reply, { kind: 'GRAPH_SUMMARY', options: request.body.options ?? {} }),
  );

  // Microscope ingests: a file the user uploaded under microscope/{userId}/, or one of their
  // notes or conversations, into a microscope group.
  app.post<{ Body: MicroscopeFileBody }>(
    '/v1/microscope/files',
    { schema: { body: microscopeFileBody } },
    async (request, reply) =>
      accept(request, reply, { kind: 'MICROSCOPE_INGEST', options: request.body }),
  );

  app.post<{ Body: MicroscopeNodeBody }>(
    '/v1/microscope/nodes',
    { schema: { body: microscopeNodeBody } },
    async (request, reply) =>
      accept(request, reply, { kind: 'MICROSCOPE_INGEST_FROM_NODE', options: request.body }),
  );

  app.get('/v1/graphs', async (request, reply) => {
    const graph = await deps.store.getGraph(deps.userOf(request));
    if (!graph) {
      return sendProblem(reply, 'graph-not-found', {
        detail: 'No graph has been generated for this user yet',
      });
    }
    return reply.send(presentGraph(graph));
  });
}
