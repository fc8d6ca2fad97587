// The worker side of a back-end process: the composed result worker, started, with its health
// endpoint. Used by `npm start`, the stand-alone worker process and the worker tests.

import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { Log } from '../core/ports/log.ts';
import { type HealthServer, startHealthServer } from '../workers/health-server.ts';
import type { WorkerMetrics } from '../workers/metrics.ts';
import type { ResultWorker } from '../workers/result-worker.ts';
import { composeWorker, type WorkerPorts } from './compose.ts';
import type { Runtime } from './runtime.ts';

export interface WorkerServerOptions extends WorkerPorts {
  /** Health endpoint port (0: any free port); null: no endpoint. */
  healthPort: number | null;
  healthHost?: string;
  /** Extra readiness checks for `/ready` (the result queue answers). */
  readiness?: () => Promise<void>;
}

export interface RunningWorker {
  worker: ResultWorker;
  metrics: WorkerMetrics;
  health: HealthServer | null;
  stop(): Promise<void>;
}

export async function startWorker(options: WorkerServerOptions): Promise<RunningWorker> {
  const { worker, metrics } = composeWorker(options);
  worker.start();
  let health: HealthServer | null = null;
  try {
    health =
      options.healthPort === null
        ? null
        : await startHealthServer({
            worker,
            metrics,
            store: options.store,
            ...(options.readiness ? { readiness: options.readiness } : {}),
            port: options.healthPort,
            ...(options.healthHost ? { host: options.healthHost } : {}),
          });
  } catch (error) {
    // The health port is taken (or the like): a consumer nobody can reach or stop is not left polling.
    await worker.stop();
    throw error;
  }
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
    // Ready means results can be received: the result queue answers (a missing one is re-made).
    readiness: async () => {
      await runtime.clients.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: runtime.infra.result.url,
          AttributeNames: ['QueueArn'],
        }),
        { abortSignal: AbortSignal.timeout(2000) },
      );
    },
  });
}
