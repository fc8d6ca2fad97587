// One scenario's running system, in-process: the emulator (or an external AWS_ENDPOINT_URL), the
// queues and bucket as code, the API (fastify `build`, driven with inject), the outbox relay, the
// result workers, the fake AI replicas and the store — all on one virtual clock, each party with
// its own SDK clients, every seam observed by the recorder. Scenario steps steer it through the
// StackContext (workers, outages, redrive, faults).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { pino } from 'pino';
import { type FakeAi, startFakeAi } from '../fake-ai/index.ts';
import { composeApi, composeWorker } from '../src/app/compose.ts';
import type { Store } from '../src/core/ports/store.ts';
import { type ControllableClock, startEmulator, VirtualClock } from '../src/emulator/index.ts';
import { ensureBucket } from '../src/infra/aws/bucket.ts';
import { type AwsClients, createAwsClients } from '../src/infra/aws/clients.ts';
import {
  DEFAULT_QUEUE_NAMES,
  type EnsuredQueue,
  ensureQueue,
  queueDefinitions,
} from '../src/infra/aws/queues.ts';
import { S3PayloadStore } from '../src/infra/aws/s3-payloads.ts';
import { SqsRequestQueue } from '../src/infra/aws/sqs-request-queue.ts';
import { InProcessNotifier } from '../src/infra/notifiers/in-process.ts';
import { Recorder } from '../src/infra/recording/recorder.ts';
import { openStore } from '../src/infra/store/open-store.ts';
import { ulidSource } from '../src/kernel/ids.ts';
import type { ScenarioDefinition, ScenarioSetup, StackContext, WorkerHandle } from './model.ts';
import { OutageSwitch } from './store-decorators.ts';

/** Payload bucket unless the target names one (S3_PAYLOAD_BUCKET): bucket names are global on AWS. */
export const DEFAULT_BUCKET = 'graphnode-payloads';
/** Queue names on the embedded emulator, for fault rules that name a queue. */
export const RESULT_QUEUE = DEFAULT_QUEUE_NAMES.result;
export const REQUEST_QUEUE = DEFAULT_QUEUE_NAMES.request;

/** Replaces the worker's store (after recording and outage wrapping), e.g. with a sabotaged one. */
export type WorkerStoreVariant = (store: Store, ctx: { ids: () => string }) => Store;

export interface StackOptions {
  setup: ScenarioSetup;
  definition: ScenarioDefinition;
  seed: number;
  /** External endpoint (LocalStack, AWS); undefined runs the embedded emulator. */
  endpoint?: string | undefined;
  /** Region and bucket on an external target; default us-east-1 and graphnode-payloads. */
  region?: string | undefined;
  bucket?: string | undefined;
  workerStore?: WorkerStoreVariant | undefined;
}

/** SDK clients of one party, observed by the recorder; credentials as the reference stack does it. */
function clients(
  target: { endpoint: string; region: string },
  recorder: Recorder,
  actor: 'api' | 'ai' | 'worker' | 'operator',
): AwsClients {
  const made = createAwsClients(target);
  recorder.watchSqs(made.sqs, actor);
  return made;
}

async function createQueues(
  sqs: SQSClient,
  setup: ScenarioSetup,
  suffix: string,
): Promise<StackContext['queues']> {
  const names = {
    request: `${DEFAULT_QUEUE_NAMES.request}${suffix}`,
    result: `${DEFAULT_QUEUE_NAMES.result}${suffix}`,
  };
  const defs = queueDefinitions(names);
  const adjust = <
    T extends {
      visibilityTimeoutSeconds: number;
      maxReceiveCount: number;
      receiveWaitTimeSeconds: number;
    },
  >(
    d: T,
  ): T => ({
    ...d,
    visibilityTimeoutSeconds: setup.visibilityTimeoutSeconds,
    maxReceiveCount: setup.maxReceiveCount,
    receiveWaitTimeSeconds: setup.waitTimeSeconds,
  });
  const request = await ensureQueue(sqs, adjust(defs.request));
  if (setup.redrive) {
    return { request, result: await ensureQueue(sqs, adjust(defs.result)), names };
  }
  // The broken setup: a result queue with no RedrivePolicy (and an unused DLQ beside it).
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: defs.result.dlqName }));
  const main = await sqs.send(
    new CreateQueueCommand({
      QueueName: names.result,
      Attributes: {
        VisibilityTimeout: String(setup.visibilityTimeoutSeconds),
        ReceiveMessageWaitTimeSeconds: String(setup.waitTimeSeconds),
      },
    }),
  );
  const arnOf = async (url: string) =>
    (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] })))
      .Attributes?.QueueArn ?? '';
  const result: EnsuredQueue = {
    url: main.QueueUrl ?? '',
    arn: await arnOf(main.QueueUrl ?? ''),
    dlqUrl: dlq.QueueUrl ?? '',
    dlqArn: await arnOf(dlq.QueueUrl ?? ''),
  };
  return { request, result, names };
}

export async function startStack(options: StackOptions): Promise<StackContext> {
  const { setup, definition } = options;
  const emulatorErrors: string[] = [];
  const bucket = options.bucket ?? DEFAULT_BUCKET;
  const region = options.region ?? 'us-east-1';
  const emulator = options.endpoint
    ? undefined
    : await startEmulator({
        port: 0,
        timeScale: setup.timeScale,
        seed: options.seed,
        onInternalError: (error) => emulatorErrors.push(String((error as Error)?.stack ?? error)),
      });
  const clock: ControllableClock =
    emulator?.clock ?? new VirtualClock({ start: Date.now(), scale: 1 });
  const endpoint = options.endpoint ?? emulator?.url ?? '';
  const target = { endpoint, region };
  const recorder = new Recorder(() => clock.now());
  const ids = ulidSource(clock);
  const silent = pino({ level: 'silent' });

  const operator = clients(target, recorder, 'operator');
  // On a shared endpoint every run gets its own queue names.
  const suffix = options.endpoint
    ? `-${definition.name}-${options.seed}-${Date.now().toString(36)}`
    : '';
  const queues = await createQueues(operator.sqs, setup, suffix);
  await ensureBucket(operator.s3, bucket, region);
  if (emulator) for (const spec of definition.faults?.emulator ?? []) emulator.faults.add(spec);

  let databaseDir: string | undefined;
  let databaseUrl = 'sqlite::memory:';
  // SCENARIO_DATABASE_URL puts the run on another store, e.g.
  // `mongodb://127.0.0.1:27017/scenario_{run}?maxPoolSize=1`; `{run}` becomes a fresh name per run.
  const shared = process.env.SCENARIO_DATABASE_URL;
  if (shared) {
    databaseUrl = shared.replaceAll(
      '{run}',
      `${definition.name}_${randomBytes(4).toString('hex')}`,
    );
  } else if (setup.database === 'file') {
    databaseDir = await mkdtemp(join(tmpdir(), 'graphnode-scenario-'));
    databaseUrl = `sqlite:${join(databaseDir, 'graphnode.db')}`;
  }
  const baseStore = await openStore(databaseUrl, { clock });
  const store = recorder.wrapStore(baseStore);
  const outage = new OutageSwitch();
  const notifier = new InProcessNotifier();
  const recordedNotifier = recorder.wrapNotifier(notifier);

  // Producer side: API → submission → outbox relay → request queue.
  const apiClients = clients(target, recorder, 'api');
  const tokens = new Map(definition.load.map((g) => [`token-${g.user}`, g.user] as const));
  const { app: api, relay } = await composeApi({
    store,
    payloads: new S3PayloadStore({ s3: apiClients.s3, bucket }),
    requestQueue: new SqsRequestQueue(apiClients.sqs, queues.request.url),
    notifier: recordedNotifier,
    feed: notifier,
    tokens,
    clock,
    ids,
    // The sweeper takes over an entry only once the API's own send is clearly abandoned. With the
    // clock running 100-400x, a send that takes 200 real ms on a busy machine already outlasts
    // the default 30 s lease and gets sent twice; five virtual minutes keep that an exception.
    relay: { leaseMs: 300_000 },
  });
  // The relay's sweeper, on the virtual clock: sends whatever the API's first attempt could not.
  let sweeping = true;
  const sweep = () => {
    if (!sweeping) return;
    relay
      .drainOnce()
      // A failed sweep leaves its entries due; the next sweep retries them (that is the relay's
      // contract), and a task it finally gives up on shows as FAILED in the accounting.
      .catch(() => {})
      .finally(() => {
        if (sweeping) clock.schedule(clock.now() + 10_000, sweep);
      });
  };
  clock.schedule(clock.now() + 10_000, sweep);

  // Fake AI replicas, each with its own clients; profiles picked per user.
  const rules = definition.load
    .filter((g) => g.profile !== undefined)
    .map((g) => ({ userId: g.user, profile: g.profile }));
  const fakeAis: FakeAi[] = [];
  const aiClients: ReturnType<typeof clients>[] = [];
  for (let i = 0; i < setup.aiReplicas; i++) {
    const ai = clients(target, recorder, 'ai');
    aiClients.push(ai);
    fakeAis.push(
      await startFakeAi({
        requestQueueUrl: queues.request.url,
        resultQueueUrl: queues.result.url,
        bucket,
        sqs: ai.sqs,
        s3: ai.s3,
        clock,
        profiles: { seed: options.seed, profiles: definition.faults?.aiProfiles ?? {}, rules },
        concurrency: setup.aiConcurrency,
        waitTimeSeconds: setup.waitTimeSeconds,
        logger: silent,
      }),
    );
  }

  // Result workers: recording → outage switch → (variant) around the one store.
  const workerStoreBase = outage.wrap(store);
  const workerStore = options.workerStore
    ? options.workerStore(workerStoreBase, { ids })
    : workerStoreBase;
  const workers: WorkerHandle[] = [];
  const addWorker = (): WorkerHandle => {
    const own = clients(target, recorder, 'worker');
    const { worker, metrics } = composeWorker({
      sqs: own.sqs,
      queueUrl: queues.result.url,
      store: workerStore,
      payloads: new S3PayloadStore({ s3: own.s3, bucket }),
      clock,
      ids,
      log: recorder.workerLog(),
      notifier: recordedNotifier,
      visibilityTimeoutSeconds: setup.visibilityTimeoutSeconds,
      // sqs-consumer's heartbeat runs on real timers: convert the virtual interval.
      heartbeatSeconds: setup.workerHeartbeatSeconds / Math.max(1, clock.scale()),
      waitTimeSeconds: setup.waitTimeSeconds,
      batchSize: setup.workerBatchSize,
      shutdownGraceMs: 2_000,
    });
    worker.start();
    const handle: WorkerHandle = {
      worker,
      metrics,
      stop: async () => {
        await worker.stop();
        own.sqs.destroy();
        own.s3.destroy();
      },
    };
    workers.push(handle);
    return handle;
  };
  for (let i = 0; i < setup.workers; i++) addWorker();

  // Conditions are re-checked on a short real-time interval (a check reads the store and the
  // queues, so it is not run per recorded event); the bound is the deadline.
  const waitFor: StackContext['waitFor'] = (what, check, timeoutMs = 30_000) =>
    new Promise<void>((resolve, reject) => {
      let done = false;
      let checking = false;
      const finish = (error?: Error) => {
        if (done) return;
        done = true;
        clearInterval(poll);
        clearTimeout(deadline);
        if (error) reject(error);
        else resolve();
      };
      const run = async () => {
        if (done || checking) return;
        checking = true;
        try {
          if (await check()) finish();
        } catch (error) {
          finish(error as Error);
        } finally {
          checking = false;
        }
      };
      const poll = setInterval(() => void run(), 20);
      const deadline = setTimeout(
        () => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)),
        timeoutMs,
      );
      void run();
    });

  const redriveResults = async () => {
    await operator.sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: queues.result.dlqArn,
        DestinationArn: queues.result.arn,
      }),
    );
    await waitFor('the redrive to finish', async () => {
      const tasks = await operator.sqs.send(
        new ListMessageMoveTasksCommand({ SourceArn: queues.result.dlqArn }),
      );
      return (tasks.Results ?? []).every((t) => t.Status !== 'RUNNING');
    });
  };

  const close = async () => {
    sweeping = false;
    await Promise.allSettled(workers.map((w) => w.stop()));
    await Promise.allSettled(fakeAis.map((a) => a.stop()));
    for (const ai of aiClients) {
      ai.sqs.destroy();
      ai.s3.destroy();
    }
    await api.close();
    await baseStore.close();
    if (databaseDir) await rm(databaseDir, { recursive: true, force: true });
    if (options.endpoint) {
      // Queues made for this run on a shared target are removed again (the bucket is kept).
      for (const url of [
        queues.request.url,
        queues.request.dlqUrl,
        queues.result.url,
        queues.result.dlqUrl,
      ]) {
        await operator.sqs.send(new DeleteQueueCommand({ QueueUrl: url })).catch(() => {});
      }
    }
    apiClients.sqs.destroy();
    apiClients.s3.destroy();
    operator.sqs.destroy();
    operator.s3.destroy();
    await emulator?.stop();
  };

  return {
    setup,
    databaseUrl,
    endpoint,
    bucket,
    emulatorErrors,
    emulator,
    clock,
    recorder,
    sqs: operator.sqs,
    s3: operator.s3,
    queues,
    store,
    outage,
    api,
    workers,
    fakeAis,
    submitted: new Map(),
    addWorker,
    redriveResults,
    waitFor,
    close,
  };
}
