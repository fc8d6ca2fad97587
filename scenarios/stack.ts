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
import { type Log, silentLog } from '../src/core/ports/log.ts';
import type { Notifier } from '../src/core/ports/notifier.ts';
import type { Store } from '../src/core/ports/store.ts';
import { TaskReconciler } from '../src/core/services/task-reconciler.ts';
import { EmulatorControlClient } from '../src/emulator/control/client.ts';
import {
  type ControllableClock,
  type RunningEmulator,
  startEmulator,
  VirtualClock,
} from '../src/emulator/index.ts';
import { ensureBucket } from '../src/infra/aws/bucket.ts';
import { type AwsClients, createAwsClients } from '../src/infra/aws/clients.ts';
import {
  DEFAULT_QUEUE_NAMES,
  type EnsuredQueue,
  ensureQueue,
  queueDefinitions,
} from '../src/infra/aws/queues.ts';
import { type InfrastructureRepair, repairMissingInfrastructure } from '../src/infra/aws/repair.ts';
import { S3PayloadStore } from '../src/infra/aws/s3-payloads.ts';
import { SqsRequestQueue } from '../src/infra/aws/sqs-request-queue.ts';
import { InProcessNotifier } from '../src/infra/notifiers/in-process.ts';
import { Recorder } from '../src/infra/recording/recorder.ts';
import { openStore } from '../src/infra/store/open-store.ts';
import { ulidSource } from '../src/kernel/ids.ts';
import type {
  ReconcileSetup,
  ScenarioDefinition,
  ScenarioSetup,
  StackContext,
  WorkerHandle,
} from './model.ts';
import { OutageSwitch } from './store-decorators.ts';
import { type EmulatorProcess, startEmulatorProcess } from './targets/emulator-process.ts';
import { Teardown } from './teardown.ts';

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
  const teardown = new Teardown();
  return teardown.guard(() => composeStack(options, teardown));
}

/** The clock of the parties: the embedded emulator's, or one running beside the emulator's. */
async function startEmulatorPart(
  options: StackOptions,
  teardown: Teardown,
  emulatorErrors: string[],
): Promise<{
  emulator: RunningEmulator | undefined;
  emulatorProcess: EmulatorProcess | undefined;
  clock: ControllableClock;
  endpoint: string;
  control: EmulatorControlClient | undefined;
}> {
  const { setup } = options;
  if (options.endpoint) {
    const clock = new VirtualClock({ start: Date.now(), scale: 1 });
    return {
      emulator: undefined,
      emulatorProcess: undefined,
      clock,
      endpoint: options.endpoint,
      control: undefined,
    };
  }
  if (setup.emulator === 'process') {
    const child = await startEmulatorProcess({ timeScale: setup.timeScale, seed: options.seed });
    teardown.add('emulator process', () => child.stop());
    // The parties' clock starts where the emulator's is and runs at its speed. The emulator's
    // resumes after a restart where it would have been (its data directory keeps the instant),
    // so the two stay within a request's round trip of each other.
    const clock = new VirtualClock({
      start: (await child.control.clock()).now,
      scale: setup.timeScale,
    });
    return {
      emulator: undefined,
      emulatorProcess: child,
      clock,
      endpoint: child.url,
      control: child.control,
    };
  }
  const emulator = await startEmulator({
    port: 0,
    timeScale: setup.timeScale,
    seed: options.seed,
    onInternalError: (error) => emulatorErrors.push(String((error as Error)?.stack ?? error)),
  });
  teardown.add('emulator', () => emulator.stop());
  return {
    emulator,
    emulatorProcess: undefined,
    clock: emulator.clock,
    endpoint: emulator.url,
    control: new EmulatorControlClient(emulator.url),
  };
}

/** The reconciliation sweep on the virtual clock, each re-dispatch and failure noted per task. */
function startReconcileSweep(
  reconcile: ReconcileSetup,
  parts: { store: Store; notifier: Notifier; clock: ControllableClock; ids: () => string },
  recorder: Recorder,
): () => void {
  const noting = (bindings: Record<string, unknown>): Log => {
    const taskId = typeof bindings.taskId === 'string' ? bindings.taskId : undefined;
    const note = (obj: object, msg?: string) =>
      recorder.note(taskId, {
        actor: 'api',
        kind: 'redispatched',
        text: `reconciler: ${msg ?? ''} ${JSON.stringify(obj)}`,
      });
    return {
      debug: () => {},
      info: () => {},
      warn: note,
      error: note,
      child: (more) => noting({ ...bindings, ...more }),
    };
  };
  const reconciler = new TaskReconciler({
    ...parts,
    ids: parts.ids,
    log: noting({}),
    stallMs: reconcile.stallSeconds * 1000,
    maxRedispatches: reconcile.maxRedispatches,
  });
  // A sweep that fails (the store refused) is tried again at the next tick.
  return everyVirtual(parts.clock, reconcile.sweepSeconds * 1000, () => reconciler.sweepOnce());
}

/**
 * Runs `work` every `ms` of virtual time, the next run scheduled once the last one finished
 * (failed or not: the next one tries again); returns the function that stops it.
 */
function everyVirtual(clock: ControllableClock, ms: number, work: () => Promise<unknown>) {
  let running = true;
  const tick = () => {
    if (!running) return;
    work()
      .catch(() => {})
      .finally(() => {
        if (running) clock.schedule(clock.now() + ms, tick);
      });
  };
  clock.schedule(clock.now() + ms, tick);
  return () => {
    running = false;
  };
}

async function composeStack(options: StackOptions, teardown: Teardown): Promise<StackContext> {
  const { setup, definition } = options;
  const emulatorErrors: string[] = [];
  const bucket = options.bucket ?? DEFAULT_BUCKET;
  const region = options.region ?? 'us-east-1';
  const { emulator, emulatorProcess, clock, endpoint, control } = await startEmulatorPart(
    options,
    teardown,
    emulatorErrors,
  );
  const target = { endpoint, region };
  const recorder = new Recorder(() => clock.now());
  const ids = ulidSource(clock);
  const silent = pino({ level: 'silent' });
  const destroyOnTeardown = (name: string, made: AwsClients) =>
    teardown.add(name, () => {
      made.sqs.destroy();
      made.s3.destroy();
    });

  const operator = clients(target, recorder, 'operator');
  destroyOnTeardown('operator clients', operator);
  // On a shared endpoint every run gets its own queue names.
  const suffix = options.endpoint
    ? `-${definition.name}-${options.seed}-${Date.now().toString(36)}`
    : '';
  const applyInfrastructure = async () => {
    const made = await createQueues(operator.sqs, setup, suffix);
    await ensureBucket(operator.s3, bucket, region);
    return made;
  };
  const queues = await applyInfrastructure();
  if (options.endpoint) {
    // Queues made for this run on a shared target are removed again (the bucket is kept).
    teardown.add('queues on the shared target', async () => {
      for (const url of [
        queues.request.url,
        queues.request.dlqUrl,
        queues.result.url,
        queues.result.dlqUrl,
      ]) {
        await operator.sqs.send(new DeleteQueueCommand({ QueueUrl: url })).catch(() => {});
      }
    });
  }
  if (emulator) for (const spec of definition.faults?.emulator ?? []) emulator.faults.add(spec);
  // The back end's clients put queues and bucket back when a call finds them gone (a reset, an
  // emulator that lost its state), as the reference runtime does (src/infra/aws/repair.ts).
  const repairs: InfrastructureRepair[] = [];
  const backEndClients = (actor: 'api' | 'worker'): AwsClients => {
    const made = clients(target, recorder, actor);
    repairs.push(repairMissingInfrastructure(made, applyInfrastructure, silentLog));
    return made;
  };

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
    const databaseDir = await mkdtemp(join(tmpdir(), 'graphnode-scenario-'));
    teardown.add('database directory', () => rm(databaseDir, { recursive: true, force: true }));
    databaseUrl = `sqlite:${join(databaseDir, 'graphnode.db')}`;
  }
  const baseStore = await openStore(databaseUrl, { clock });
  teardown.add('store', () => baseStore.close());
  const store = recorder.wrapStore(baseStore);
  const outage = new OutageSwitch();
  const notifier = new InProcessNotifier();
  const recordedNotifier = recorder.wrapNotifier(notifier);

  // Producer side: API → submission → outbox relay → request queue.
  const apiClients = backEndClients('api');
  destroyOnTeardown('API clients', apiClients);
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
  teardown.add('API', () => api.close());
  // The relay's sweeper, on the virtual clock: sends whatever the API's first attempt could not.
  // A failed sweep leaves its entries due; the next sweep retries them (that is the relay's
  // contract), and a task it finally gives up on shows as FAILED in the accounting.
  teardown.add(
    'outbox sweep',
    everyVirtual(clock, 10_000, () => relay.drainOnce()),
  );
  if (setup.reconcile) {
    const stop = startReconcileSweep(
      setup.reconcile,
      { store, notifier: recordedNotifier, clock, ids },
      recorder,
    );
    teardown.add('reconcile sweep', stop);
  }

  // Fake AI replicas, each with its own clients; profiles picked per user.
  const rules = definition.load
    .filter((g) => g.profile !== undefined)
    .map((g) => ({ userId: g.user, profile: g.profile }));
  const fakeAis: FakeAi[] = [];
  for (let i = 0; i < setup.aiReplicas; i++) {
    const ai = clients(target, recorder, 'ai');
    destroyOnTeardown(`fake AI ${i} clients`, ai);
    const fakeAi = await startFakeAi({
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
    });
    teardown.add(`fake AI ${i}`, () => fakeAi.stop());
    fakeAis.push(fakeAi);
  }

  // Result workers: recording → outage switch → (variant) around the one store.
  const workerStoreBase = outage.wrap(store);
  const workerStore = options.workerStore
    ? options.workerStore(workerStoreBase, { ids })
    : workerStoreBase;
  const workers: WorkerHandle[] = [];
  // Every worker started so far, however many the steps add, stops before the fake AI and API.
  teardown.add('workers', async () => {
    const results = await Promise.allSettled(workers.map((w) => w.stop()));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  });
  const addWorker = (): WorkerHandle => {
    const own = backEndClients('worker');
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

  return {
    setup,
    databaseUrl,
    endpoint,
    bucket,
    emulatorErrors,
    emulator,
    emulatorProcess,
    control,
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
    expectFor: new Map(),
    infrastructureRepairs: () => repairs.reduce((n, r) => n + r.repairs, 0),
    addWorker,
    redriveResults,
    waitFor,
    // Every part is stopped, whatever another part's stop did; failures are reported together.
    close: () => teardown.run(),
  };
}
