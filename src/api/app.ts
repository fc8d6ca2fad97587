// The HTTP API as a fastify app factory, separate from listening so tests use `inject()`.
// Every /v1 route needs a bearer token; every error is application/problem+json from PROBLEMS.

import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { TaskEventFeed } from '../core/ports/notifier.ts';
import type { Store } from '../core/ports/store.ts';
import type { TaskSubmission } from '../core/services/task-submission.ts';
import { guardRequest, type OriginPolicy } from '../kernel/origin-guard.ts';
import { bearerAuth } from './auth.ts';
import { type ProblemCode, rawProblem, sendProblem } from './problems.ts';
import { eventRoutes } from './routes/events.ts';
import { graphRoutes } from './routes/graphs.ts';
import { healthRoutes } from './routes/health.ts';
import { taskRoutes } from './routes/tasks.ts';

export interface ApiOptions {
  store: Store;
  submission: TaskSubmission;
  feed: TaskEventFeed;
  /** Bearer token → user id. */
  tokens: ReadonlyMap<string, string>;
  logger?: Logger;
  /** Largest accepted request body; default 5 MiB. */
  bodyLimitBytes?: number;
  /** Extra readiness checks (queues, bucket) beyond the store's ping. */
  readiness?: () => Promise<void>;
  sseHeartbeatMs?: number;
  /** Open event streams allowed per user; default 5. */
  maxStreamsPerUser?: number;
  /** Browser origins and Host names answered besides loopback; default none. */
  origins?: OriginPolicy;
}

export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

const FASTIFY_CODES: Record<string, ProblemCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid-request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-json',
};

export async function build(options: ApiOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
    // Reject unknown fields and wrong types instead of silently stripping or coercing them.
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: false,
        useDefaults: false,
        allErrors: true,
      },
    },
    return503OnClosing: true,
    // Errors raised before routing (a bad URL, an over-long path parameter) as problem details.
    frameworkErrors: (error, _request, reply) =>
      sendProblem(
        reply,
        error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'uri-too-long' : 'invalid-request',
        {
          detail: error.message,
        },
      ),
    // Node's HTTP parser refuses an over-long request line or header block before fastify sees
    // it; the answer is written to the socket, as problem details like every other error.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket) => {
      if (socket.destroyed || error.code === 'ECONNRESET') return;
      const overflow = error.code === 'HPE_HEADER_OVERFLOW';
      socket.end(
        overflow
          ? rawProblem(
              'headers-too-large',
              'The request line and headers together exceed the server limit (16 KiB by default)',
            )
          : rawProblem('invalid-request', `Malformed HTTP request: ${error.message}`),
      );
    },
  }) as unknown as FastifyInstance; // the logger generic differs only by the pino instance type

  // The API speaks JSON only; fastify's built-in text/plain parser would let text reach the schema.
  app.removeContentTypeParser('text/plain');

  const origins = options.origins ?? { allowedOrigins: [], allowedHosts: [] };
  app.addHook('onRequest', async (request, reply) => {
    const verdict = guardRequest(
      {
        host: request.headers.host,
        origin: request.headers.origin,
        fetchSite: request.headers['sec-fetch-site'] as string | undefined,
      },
      origins,
    );
    if (!verdict.ok) {
      return sendProblem(
        reply,
        verdict.refused === 'host' ? 'forbidden-host' : 'forbidden-origin',
        {
          detail: verdict.detail,
        },
      );
    }
    // Bodies are JSON as sent; a compressed body would reach the parser as bytes it cannot read.
    const encoding = request.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      return sendProblem(reply, 'unsupported-content-encoding', {
        detail: `Content-Encoding "${encoding}" is not supported; send the JSON body uncompressed`,
      });
    }
  });

  const authenticate = bearerAuth(options.tokens);
  const users = new WeakMap<FastifyRequest, string>();
  const userOf = (request: FastifyRequest): string => {
    const user = users.get(request);
    if (user === undefined) throw new Error('route reached without authentication');
    return user;
  };

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      return sendProblem(reply, 'invalid-request', {
        detail:
          `${error.validationContext ?? 'request'} ${error.message.replace(/^(body|querystring|params|headers)\s*/, '')}`.trim(),
        violations: error.validation.map((v) => ({
          path: v.instancePath || '/',
          rule: v.keyword,
          message:
            v.keyword === 'additionalProperties'
              ? `unknown field "${String((v.params as { additionalProperty?: unknown }).additionalProperty)}"`
              : (v.message ?? 'is invalid'),
        })),
      });
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return sendProblem(reply, mapped, { detail: error.message });
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, 'invalid-request', { detail: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, 'internal', { detail: 'The error was logged' });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 'not-found', {
      detail: `${request.method} ${request.url} is not an API route`,
    }),
  );

  healthRoutes(app, async () => {
    await options.store.ping();
    await options.readiness?.();
  });

  await app.register(async (v1) => {
    v1.addHook('onRequest', async (request, reply) => {
      const userId = authenticate(request.headers.authorization);
      if (userId === null) {
        reply.header('www-authenticate', 'Bearer realm="graphnode"');
        return sendProblem(reply, 'unauthorized', {
          detail: 'Send Authorization: Bearer <token> with a token issued for your user',
        });
      }
      users.set(request, userId);
    });
    graphRoutes(v1, { store: options.store, submission: options.submission, userOf });
    taskRoutes(v1, { store: options.store, userOf });
    eventRoutes(v1, {
      feed: options.feed,
      store: options.store,
      userOf,
      heartbeatMs: options.sseHeartbeatMs ?? 15_000,
      maxStreamsPerUser: options.maxStreamsPerUser ?? 5,
    });
  });

  return app;
}
