// The worker's composition: result-queue consumer + health endpoint, wired from ports. Run it on
// its own with `node src/workers/index.ts` (reads the environment, see src/infra/config.ts); the
// single-process stack (src/start.ts) calls startWorker directly.

import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Log } from '../core/ports/log.ts';
import type { Notifier } from '../core/ports/notifier.ts';
import type { PayloadStore } from '../core/ports/payloads.ts';
import type { Store } from '../core/ports/store.ts';
import { loadConfig } from '../infra/config.ts';
import { openRuntime, type Runtime } from '../infra/runtime.ts';
import type { Clock } from '../kernel/clock.ts';
import type { IdSource } from '../kernel/ids.ts';
import { isMain } from '../kernel/is-main.ts';
import { type HealthServer, startHealthServer } from './health-server.ts';
import { WorkerMetrics } from './metrics.ts';
import { ResultWorker, type ResultWorkerOptions } from './result-worker.ts';

export { WorkerMetrics } from './metrics.ts';
export { processMessage } from './process-message.ts';
export { ResultWorker } from './result-worker.ts';

export interface WorkerOptions {
  sqs: SQSClient;
  queueUrl: string;
  store: Store;
  payloads: PayloadStore;
  notifier: Notifier;
  clock: Clock;
  ids: IdSource;
  log: Log;
  visibilityTimeoutSeconds: number;
  heartbeatSeconds: number;
  /** Health endpoint port (0: any free port); null: no endpoint. */
  healthPort: number | null;
  healthHost?: string;
  waitTimeSeconds?: number;
  shutdownGraceMs?: number;
  onSettled?: ResultWorkerOptions['onSettled'];
}

export interface RunningWorker {
  worker: ResultWorker;
  metrics: WorkerMetrics;
  health: HealthServer | null;
  stop(): Promise<void>;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const metrics = new WorkerMetrics();
  const worker = new ResultWorker({
    sqs: options.sqs,
    queueUrl: options.queueUrl,
    deps: {
      store: options.store,
      payloads: options.payloads,
      notifier: options.notifier,
      clock: options.clock,
      ids: options.ids,
      log: options.log,
      metrics,
    },
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
    heartbeatSeconds: options.heartbeatSeconds,
    ...(options.waitTimeSeconds !== undefined ? { waitTimeSeconds: options.waitTimeSeconds } : {}),
    ...(options.shutdownGraceMs !== undefined ? { shutdownGraceMs: options.shutdownGraceMs } : {}),
    ...(options.onSettled ? { onSettled: options.onSettled } : {}),
  });
  worker.start();
  const health =
    options.healthPort === null
      ? null
      : await startHealthServer({
          worker,
          metrics,
          store: options.store,
          port: options.healthPort,
          ...(options.healthHost ? { host: options.healthHost } : {}),
        });
  let stopping: Promise<void> | undefined;
  return {
    worker,
    metrics,
    health,
    stop() {
      stopping ??= (async () => {
        await worker.stop();
        await health?.close();
      })();
      return stopping;
    },
  };
}

/** The worker wired to an opened runtime's clients, store, notifier and configuration. */
export function startRuntimeWorker(runtime: Runtime, log: Log): Promise<RunningWorker> {
  const { config } = runtime;
  return startWorker({
    sqs: runtime.clients.sqs,
    queueUrl: runtime.infra.result.url,
    store: runtime.store,
    payloads: runtime.payloads,
    notifier: runtime.notifications.notifier,
    clock: runtime.clock,
    ids: runtime.ids,
    log: log.child({ component: 'worker' }),
    visibilityTimeoutSeconds: config.worker.visibilityTimeoutSeconds,
    heartbeatSeconds: config.worker.heartbeatSeconds,
    healthPort: config.worker.healthPort,
    healthHost: config.api.host,
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await openRuntime(config);
  const running = await startRuntimeWorker(runtime, runtime.log);
  runtime.log.info({ health: running.health?.url }, 'worker running');
  const shutdown = async () => {
    await running.stop();
    await runtime.close();
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`worker failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
