// The composition root of the single-process stack behind `npm start`: the AWS emulator (unless
// AWS_ENDPOINT_URL points elsewhere), queues and bucket, the store, notifications, the API with its
// outbox relay, the worker and the fake AI server — started in dependency order and stopped in
// reverse. The fake AI server runs on its own worker thread (see fake-ai-thread.ts).

import type { Logger } from 'pino';
import { type RunningEmulator, startEmulator } from '../emulator/index.ts';
import type { Config } from '../infra/config.ts';
import { Recorder } from '../infra/recording/recorder.ts';
import { type ApiServer, demoTokens, startApiServer } from './api-server.ts';
import { startFakeAiThread } from './fake-ai-thread.ts';
import { openRuntime, type Runtime } from './runtime.ts';
import { registerTaskView } from './task-view/page.ts';
import { type RunningWorker, startRuntimeWorker } from './worker-server.ts';

export interface StackOptions {
  config: Config;
  log: Logger;
  /** Port for the embedded emulator when AWS_ENDPOINT_URL is not set (0: any free port). */
  emulatorPort: number;
  /** Start the fake AI server (default true). */
  fakeAi?: boolean;
  /** Requests the fake AI server handles at once (default 8, like an AI server with workers). */
  fakeAiConcurrency?: number;
  /** Where the stack keeps its own state (the demo token); none: nothing is kept. */
  dataDir?: string;
  /** Tasks whose timelines the task view keeps in memory (default 200). */
  recordedTasks?: number;
  /** Where the embedded emulator keeps queues, messages and objects; none: in memory only. */
  emulatorDataDir?: string;
}

export interface Stack {
  emulator: RunningEmulator | null;
  runtime: Runtime;
  api: ApiServer;
  worker: RunningWorker;
  tokens: ReadonlyMap<string, string>;
  fakeAiRunning: boolean;
  /** What the task view (`{api.url}/_stack/tasks`) shows: recent tasks' timelines. */
  recorder: Recorder;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const { log } = options;
  const stops: { name: string; stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    for (const { name, stop } of stops.reverse()) {
      await stop().catch((error: unknown) =>
        log.error({ err: error, component: name }, 'stop failed'),
      );
    }
    stops.length = 0;
  };
  try {
    let config = options.config;
    let emulator: RunningEmulator | null = null;
    if (config.aws.endpoint === undefined) {
      emulator = await startEmulator({
        port: options.emulatorPort,
        region: config.aws.region,
        ...(options.emulatorDataDir !== undefined ? { dataDir: options.emulatorDataDir } : {}),
        onNotice: (message) => log.warn({ component: 'emulator' }, message),
        onInternalError: (error) =>
          log.error({ err: error, component: 'emulator' }, 'emulator error'),
      });
      stops.push({ name: 'emulator', stop: () => emulator?.stop() ?? Promise.resolve() });
      config = { ...config, aws: { ...config.aws, endpoint: emulator.url } };
    }
    const opened = await openRuntime(config, log);
    stops.push({ name: 'runtime', stop: () => opened.close() });
    // The same recorder the scenario runner uses, bounded, watching the API's and worker's shared
    // SQS client, the store and the notifier: the task view draws what it saw.
    const recorder = new Recorder(() => opened.clock.now(), {
      maxTasks: options.recordedTasks ?? 200,
    });
    recorder.watchSqs(opened.clients.sqs, 'backend');
    const runtime: Runtime = {
      ...opened,
      store: recorder.wrapStore(opened.store),
      notifications: {
        ...opened.notifications,
        notifier: recorder.wrapNotifier(opened.notifications.notifier),
      },
    };

    const tokens = config.api.tokens.size > 0 ? config.api.tokens : demoTokens(options.dataDir);
    const api = await startApiServer(runtime, {
      host: config.api.host,
      port: config.api.port,
      tokens,
      routes: (app) => registerTaskView(app, recorder),
    });
    stops.push({ name: 'api', stop: () => api.close() });

    const worker = await startRuntimeWorker(runtime, log);
    stops.push({ name: 'worker', stop: () => worker.stop() });

    let fakeAiRunning = false;
    if (options.fakeAi !== false) {
      const fakeAi = await startFakeAiThread({
        requestQueueUrl: runtime.infra.request.url,
        resultQueueUrl: runtime.infra.result.url,
        bucket: runtime.infra.bucket,
        endpoint: config.aws.endpoint,
        region: config.aws.region,
        concurrency: options.fakeAiConcurrency ?? 8,
        log: log.child({ component: 'fake-ai' }),
      });
      stops.push({ name: 'fake-ai', stop: () => fakeAi.stop() });
      fakeAiRunning = true;
    }

    return { emulator, runtime, api, worker, tokens, fakeAiRunning, recorder, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
