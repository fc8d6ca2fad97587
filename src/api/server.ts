// The API process: the fastify app on a listening socket, the outbox relay's first attempts and its
// periodic sweep. `startApiServer` is used by the single-process stack; run this file on its own
// (`node src/api/server.ts`) for a separate API process configured from the environment.

import { randomBytes } from 'node:crypto';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { FastifyInstance } from 'fastify';
import { redeliverStaleEvents } from '../core/services/event-delivery.ts';
import { OutboxRelay } from '../core/services/outbox-relay.ts';
import { startPeriodic } from '../core/services/periodic.ts';
import { TaskSubmission } from '../core/services/task-submission.ts';
import { SqsRequestQueue } from '../infra/aws/sqs-request-queue.ts';
import { loadConfig } from '../infra/config.ts';
import { openRuntime, type Runtime } from '../infra/runtime.ts';
import { isMain } from '../kernel/is-main.ts';
import { build } from './app.ts';

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
  },
): Promise<ApiServer> {
  const log = runtime.log.child({ component: 'api' });
  const relay = new OutboxRelay({
    store: runtime.store,
    queue: new SqsRequestQueue(runtime.clients.sqs, runtime.infra.request.url),
    notifier: runtime.notifications.notifier,
    clock: runtime.clock,
    ids: runtime.ids,
    log,
  });
  const submission = new TaskSubmission({
    store: runtime.store,
    payloads: runtime.payloads,
    relay,
    clock: runtime.clock,
    ids: runtime.ids,
    log,
  });
  const app = await build({
    store: runtime.store,
    submission,
    feed: runtime.notifications.feed,
    tokens: options.tokens,
    logger: log,
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
    },
  };
}

/** A random demo token for a stack started without API_TOKENS. */
export function demoTokens(): Map<string, string> {
  return new Map([[`demo-${randomBytes(18).toString('base64url')}`, 'demo']]);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await openRuntime(config);
  const tokens = config.api.tokens.size > 0 ? config.api.tokens : demoTokens();
  const server = await startApiServer(runtime, {
    host: config.api.host,
    port: config.api.port,
    tokens,
  });
  if (config.api.tokens.size === 0) {
    runtime.log.warn(
      { token: [...tokens.keys()][0] },
      'API_TOKENS not set; using a demo token for user "demo"',
    );
  }
  runtime.log.info({ url: server.url }, 'API listening');
  const shutdown = async () => {
    await server.close();
    await runtime.close();
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`API failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
