// Test wiring of the reference stack on real parts: the in-process AWS emulator (real SDK clients
// over HTTP), queues and bucket applied by the same code as `npm start`, a store (in-memory SQLite
// unless a test passes another) and the in-process notifier. Each test file starts its own.

import { composeProducer } from '../../src/app/compose.ts';
import type { WorkerServerOptions } from '../../src/app/worker-server.ts';
import { silentLog } from '../../src/core/ports/log.ts';
import type { Notifier } from '../../src/core/ports/notifier.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { OutboxRelay } from '../../src/core/services/outbox-relay.ts';
import type { TaskSubmission } from '../../src/core/services/task-submission.ts';
import { EmulatorControlClient } from '../../src/emulator/control/client.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { type AwsClients, createAwsClients } from '../../src/infra/aws/clients.ts';
import { S3PayloadStore } from '../../src/infra/aws/s3-payloads.ts';
import { applyInfrastructure, type Infrastructure } from '../../src/infra/aws/setup.ts';
import { SqsRequestQueue } from '../../src/infra/aws/sqs-request-queue.ts';
import { InProcessNotifier } from '../../src/infra/notifiers/in-process.ts';
import { SqliteStore } from '../../src/infra/store/sqlite/sqlite-store.ts';
import { ManualClock } from '../../src/kernel/clock.ts';
import { ulidSource } from '../../src/kernel/ids.ts';

export const BUCKET = 'graphnode-test-payloads';

export interface TestStack {
  emulator: RunningEmulator;
  control: EmulatorControlClient;
  clients: AwsClients;
  infra: Infrastructure;
  store: Store;
  hub: InProcessNotifier;
  clock: ManualClock;
  ids: () => string;
  payloads: S3PayloadStore;
  relay: OutboxRelay;
  submission: TaskSubmission;
  stop(): Promise<void>;
}

export async function startTestStack(
  options: { notifier?: Notifier; store?: Store } = {},
): Promise<TestStack> {
  // Frozen virtual time: only the test moves the emulator's clock.
  const emulator = await startEmulator({ port: 0, timeScale: 0, seed: 7 });
  const clients = createAwsClients({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // The code under test owns retries; SDK retries would wait in real time.
    maxAttempts: 1,
  });
  const infra = await applyInfrastructure(clients, {
    queues: { requestUrl: undefined, resultUrl: undefined },
    bucket: BUCKET,
    aws: { endpoint: emulator.url, region: 'us-east-1' },
  });
  const store = options.store ?? new SqliteStore({ path: ':memory:' });
  const hub = new InProcessNotifier();
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const ids = ulidSource(clock);
  const payloads = new S3PayloadStore({ s3: clients.s3, bucket: BUCKET });
  const { relay, submission } = composeProducer({
    store,
    payloads,
    requestQueue: new SqsRequestQueue(clients.sqs, infra.request.url),
    notifier: options.notifier ?? hub,
    clock,
    ids,
    relay: { maxAttempts: 3, baseDelayMs: 1000 },
  });
  return {
    emulator,
    control: new EmulatorControlClient(emulator.url),
    clients,
    infra,
    store,
    hub,
    clock,
    ids,
    payloads,
    relay,
    submission,
    async stop() {
      clients.destroy();
      await store.close();
      await emulator.stop();
    },
  };
}

/** A worker wired to the stack's queue, store and clock: silent, no grace period, no health port. */
export function testWorkerOptions(
  stack: TestStack,
  overrides: Partial<WorkerServerOptions> = {},
): WorkerServerOptions {
  return {
    sqs: stack.clients.sqs,
    queueUrl: stack.infra.result.url,
    store: stack.store,
    payloads: stack.payloads,
    notifier: stack.hub,
    clock: stack.clock,
    ids: stack.ids,
    log: silentLog,
    visibilityTimeoutSeconds: 300,
    heartbeatSeconds: 100,
    healthPort: null,
    shutdownGraceMs: 0,
    ...overrides,
  };
}
