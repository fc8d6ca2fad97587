// The API side of a back-end process: the composed API on a listening socket, plus the outbox
// relay's periodic sweep, the redelivery of stale events and the reconciliation of stalled tasks. Used by `npm start` and by the
// stand-alone API process.

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { FastifyInstance } from 'fastify';
import { redeliverStaleEvents } from '../core/services/event-delivery.ts';
import type { OutboxRelay } from '../core/services/outbox-relay.ts';
import { startPeriodic } from '../core/services/periodic.ts';
import { TaskReconciler } from '../core/services/task-reconciler.ts';
import { SqsRequestQueue } from '../infra/aws/sqs-request-queue.ts';
import { composeApi } from './compose.ts';
import type { Runtime } from './runtime.ts';

export interface ApiServer {
  app: FastifyInstance;
  url: string;
  relay: OutboxRelay;
  close(): Promise<void>;
}

export async function startApiServer(
  runtime: Runtime,
  options: {
    host: string;
    port: number;
    tokens: ReadonlyMap<string, string>;
    sweepIntervalMs?: number;
    /** Extra routes to add before the API listens (the stack's task view). */
    routes?: (app: FastifyInstance) => void;
  },
): Promise<ApiServer> {
  const log = runtime.log.child({ component: 'api' });
  const { app, relay } = await composeApi({
    store: runtime.store,
    payloads: runtime.payloads,
    notifier: runtime.notifications.notifier,
    requestQueue: new SqsRequestQueue(runtime.clients.sqs, runtime.infra.request.url),
    clock: runtime.clock,
    ids: runtime.ids,
    log,
    logger: log,
    feed: runtime.notifications.feed,
    tokens: options.tokens,
    origins: {
      allowedOrigins: runtime.config.api.origins.allowedOrigins,
      // The address the API is bound to is one of its own names.
      allowedHosts: [...runtime.config.api.origins.allowedHosts, options.host],
    },
    // Ready means requests can be queued: the request queue answers.
    readiness: async () => {
      await runtime.clients.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: runtime.infra.request.url,
          AttributeNames: ['QueueArn'],
        }),
        { abortSignal: AbortSignal.timeout(2000) },
      );
    },
  });
  options.routes?.(app);
  const url = await app.listen({ host: options.host, port: options.port });
  const interval = options.sweepIntervalMs ?? 1000;
  const outboxSweep = startPeriodic(
    'outbox sweep',
    interval,
    async () => {
      const report = await relay.drainOnce();
      if (report.sent + report.retried + report.failed > 0) log.info(report, 'outbox sweep');
    },
    log,
  );
  // Tasks whose request or result went missing are dispatched again, and failed in the end.
  const reconciler = new TaskReconciler({
    store: runtime.store,
    notifier: runtime.notifications.notifier,
    clock: runtime.clock,
    ids: runtime.ids,
    log,
    stallMs: runtime.config.reconcile.stallSeconds * 1000,
    maxRedispatches: runtime.config.reconcile.maxRedispatches,
  });
  const reconcileSweep = startPeriodic(
    'reconcile sweep',
    interval * 60,
    async () => {
      const report = await reconciler.sweepOnce();
      if (report.redispatched + report.failed > 0) log.warn(report, 'reconcile sweep');
    },
    log,
  );
  // Events left undelivered for a minute (notifier outage, crash after commit) go out again.
  const eventSweep = startPeriodic(
    'event sweep',
    interval * 15,
    () => redeliverStaleEvents({ ...runtime, notifier: runtime.notifications.notifier }, 60_000),
    log,
  );
  return {
    app,
    url,
    relay,
    async close() {
      await app.close();
      await outboxSweep.stop();
      await eventSweep.stop();
      await reconcileSweep.stop();
    },
  };
}

/**
 * The demo token for a stack started without API_TOKENS: random, and kept in `dir/demo-token`
 * (owner-only) when a directory is given, so restarts on the same data directory keep it.
 */
export function demoTokens(dir?: string): Map<string, string> {
  const fresh = () => `demo-${randomBytes(18).toString('base64url')}`;
  if (dir === undefined) return new Map([[fresh(), 'demo']]);
  const file = join(dir, 'demo-token');
  let token: string | undefined;
  try {
    token = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (token === undefined || !/^demo-[A-Za-z0-9_-]{16,}$/.test(token)) {
    token = fresh();
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
  }
  return new Map([[token, 'demo']]);
}
