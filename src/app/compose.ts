// The one wiring of the reference back end from its ports: the producer side (outbox relay, task
// submission, the fastify API) and the consumer side (the result worker). `npm start`, the
// stand-alone API and worker processes, the scenario stack, the crash-test worker process and the
// test stack all build their parts here, each handing in its own adapters, clock and ids.

import type { SQSClient } from '@aws-sdk/client-sqs';
import type { FastifyInstance } from 'fastify';
import { type ApiOptions, build } from '../api/app.ts';
import type { Log } from '../core/ports/log.ts';
import type { Notifier } from '../core/ports/notifier.ts';
import type { PayloadStore } from '../core/ports/payloads.ts';
import type { RequestQueue } from '../core/ports/request-queue.ts';
import type { Store } from '../core/ports/store.ts';
import { OutboxRelay, type OutboxRelayOptions } from '../core/services/outbox-relay.ts';
import { TaskSubmission } from '../core/services/task-submission.ts';
import type { Clock } from '../kernel/clock.ts';
import type { IdSource } from '../kernel/ids.ts';
import { WorkerMetrics } from '../workers/metrics.ts';
import { ResultWorker, type ResultWorkerOptions } from '../workers/result-worker.ts';

/** What both sides share: the database, the claim-check bucket, notifications, time and ids. */
export interface BackEndPorts {
  store: Store;
  payloads: PayloadStore;
  notifier: Notifier;
  clock: Clock;
  ids: IdSource;
  log?: Log;
}

export interface ProducerPorts extends BackEndPorts {
  requestQueue: RequestQueue;
  /** Relay tuning (attempts, backoff, lease); the defaults suit a real-time process. */
  relay?: Omit<OutboxRelayOptions, 'store' | 'queue' | 'notifier' | 'clock' | 'ids' | 'log'>;
}

export interface Producer {
  relay: OutboxRelay;
  submission: TaskSubmission;
}

/** The producer side without HTTP: what a test drives directly. */
export function composeProducer(ports: ProducerPorts): Producer {
  const { store, notifier, clock, ids, log } = ports;
  const relay = new OutboxRelay({
    ...ports.relay,
    store,
    queue: ports.requestQueue,
    notifier,
    clock,
    ids,
    ...(log ? { log } : {}),
  });
  const submission = new TaskSubmission({
    store,
    payloads: ports.payloads,
    relay,
    clock,
    ids,
    ...(log ? { log } : {}),
  });
  return { relay, submission };
}

export interface ApiPorts extends ProducerPorts {
  feed: ApiOptions['feed'];
  tokens: ReadonlyMap<string, string>;
  logger?: ApiOptions['logger'];
  readiness?: ApiOptions['readiness'];
  origins?: ApiOptions['origins'];
}

/** The producer side behind the fastify API (not listening: callers `listen` or `inject`). */
export async function composeApi(ports: ApiPorts): Promise<Producer & { app: FastifyInstance }> {
  const producer = composeProducer(ports);
  const app = await build({
    store: ports.store,
    submission: producer.submission,
    feed: ports.feed,
    tokens: ports.tokens,
    ...(ports.logger ? { logger: ports.logger } : {}),
    ...(ports.readiness ? { readiness: ports.readiness } : {}),
    ...(ports.origins ? { origins: ports.origins } : {}),
  });
  return { ...producer, app };
}

export interface WorkerPorts extends BackEndPorts {
  sqs: SQSClient;
  queueUrl: string;
  log: Log;
  visibilityTimeoutSeconds: number;
  heartbeatSeconds: number;
  waitTimeSeconds?: number;
  batchSize?: number;
  shutdownGraceMs?: number;
  onSettled?: ResultWorkerOptions['onSettled'];
}

/** The result worker and its counters, not yet started. */
export function composeWorker(ports: WorkerPorts): {
  worker: ResultWorker;
  metrics: WorkerMetrics;
} {
  const metrics = new WorkerMetrics();
  const { sqs, queueUrl, visibilityTimeoutSeconds, heartbeatSeconds } = ports;
  const worker = new ResultWorker({
    sqs,
    queueUrl,
    deps: {
      store: ports.store,
      payloads: ports.payloads,
      notifier: ports.notifier,
      clock: ports.clock,
      ids: ports.ids,
      log: ports.log,
      metrics,
    },
    visibilityTimeoutSeconds,
    heartbeatSeconds,
    ...(ports.waitTimeSeconds !== undefined ? { waitTimeSeconds: ports.waitTimeSeconds } : {}),
    ...(ports.batchSize !== undefined ? { batchSize: ports.batchSize } : {}),
    ...(ports.shutdownGraceMs !== undefined ? { shutdownGraceMs: ports.shutdownGraceMs } : {}),
    ...(ports.onSettled ? { onSettled: ports.onSettled } : {}),
  });
  return { worker, metrics };
}
