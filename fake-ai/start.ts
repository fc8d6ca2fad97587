// Composition root of the fake AI server: AWS clients, clock, profiles, journal, receive loops and
// the optional control API. `startFakeAi` is what tests and `npm start` call; the CLI's `serve`
// command calls it with the environment's settings.
import { readFileSync } from 'node:fs';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { type Logger, pino } from 'pino';
import { SqsDeleteBatcher, SqsSendBatcher } from '../src/kernel/sqs-batch.ts';
import { realTimeClock, type TimerClock } from '../src/kernel/virtual-clock.ts';
import { type ControlServer, startControlServer } from './control/server.ts';
import { Journal } from './journal.ts';
import { ProfileError } from './profiles/profile.ts';
import { ProfileRegistry } from './profiles/registry.ts';
import { type AwsClients, createAwsClients } from './requests/aws.ts';
import type { FakeAiConfig } from './requests/config.ts';
import type { HandlerDeps } from './requests/deps.ts';
import { handleRequest } from './requests/handle-request.ts';
import { pollRequests } from './requests/poller.ts';

export interface FakeAiOptions {
  requestQueueUrl: string;
  resultQueueUrl: string;
  /** Bucket for requests that name none (S3_PAYLOAD_BUCKET). */
  bucket?: string | undefined;
  endpoint?: string | undefined;
  region?: string | undefined;
  /** Clients to use instead of building them from endpoint/region. */
  sqs?: SQSClient;
  s3?: S3Client;
  /** Default: real time. Tests pass the emulator's clock so one `advance` moves both. */
  clock?: TimerClock;
  /** Profile settings: `{seed?, profiles?, default?, rules?}` (see ProfileRegistry.configure). */
  profiles?: unknown;
  /** Requests handled at once; default 1. */
  concurrency?: number;
  /** Long-poll wait; default 20 seconds, as the AI server uses. */
  waitTimeSeconds?: number;
  /** Serve the control API on 127.0.0.1 at this port (0 = any free port). */
  controlPort?: number | undefined;
  logger?: Logger;
}

export interface FakeAi {
  journal: Journal;
  profiles: ProfileRegistry;
  /** Base URL of the control API, when one was asked for. */
  controlUrl: string | undefined;
  /** Stops receiving, abandons work in progress (journaled as crashed), cancels delayed sends. */
  stop(): Promise<void>;
}

export async function startFakeAi(options: FakeAiOptions): Promise<FakeAi> {
  const clock = options.clock ?? realTimeClock();
  const logger = options.logger ?? pino({ name: 'fake-ai' });
  // Profiles first: a bad setting fails before anything is started.
  const profiles = new ProfileRegistry();
  if (options.profiles !== undefined) profiles.configure(options.profiles);
  // Clients of our own only for what the caller did not pass; stop() destroys only those.
  let own: AwsClients | undefined;
  const made = () =>
    (own ??= createAwsClients({ endpoint: options.endpoint, region: options.region }));
  const clients = { sqs: options.sqs ?? made().sqs, s3: options.s3 ?? made().s3 };
  const journal = new Journal(() => clock.now());
  const stopping = new AbortController();
  const timers = new Set<{ cancel(): void }>();
  const background = new Set<Promise<void>>();

  const later = (ms: number, fn: () => Promise<void>) => {
    const timer = clock.schedule(clock.now() + ms, () => {
      timers.delete(timer);
      if (stopping.signal.aborted) return;
      const run = fn().finally(() => background.delete(run));
      background.add(run);
    });
    timers.add(timer);
  };
  const deps: HandlerDeps = {
    ...clients,
    requestQueueUrl: options.requestQueueUrl,
    resultQueueUrl: options.resultQueueUrl,
    results: new SqsSendBatcher(clients.sqs, options.resultQueueUrl),
    requests: new SqsDeleteBatcher(clients.sqs, options.requestQueueUrl),
    defaultBucket: options.bucket,
    clock,
    journal,
    profiles,
    logger,
    signal: stopping.signal,
    later,
  };
  const loop = pollRequests({
    sqs: clients.sqs,
    queueUrl: options.requestQueueUrl,
    clock,
    journal,
    signal: stopping.signal,
    waitTimeSeconds: options.waitTimeSeconds ?? 20,
    concurrency: options.concurrency ?? 1,
    handle: (message) => handleRequest(message, deps),
  });
  let control: ControlServer | undefined;
  if (options.controlPort !== undefined) {
    control = await startControlServer({ port: options.controlPort, journal, profiles });
  }
  logger.info(
    { requestQueueUrl: options.requestQueueUrl, controlUrl: control?.url },
    'fake AI server polling',
  );
  let stopped: Promise<void> | undefined;
  return {
    journal,
    profiles,
    controlUrl: control?.url,
    stop() {
      stopped ??= (async () => {
        stopping.abort();
        for (const timer of timers) timer.cancel();
        timers.clear();
        await Promise.allSettled([loop, ...background]);
        await control?.close();
        own?.sqs.destroy();
        own?.s3.destroy();
      })();
      return stopped;
    },
  };
}

/** Options from the environment config, with the profile file and FAKE_AI_PROFILE applied. */
export function optionsFromConfig(config: FakeAiConfig): FakeAiOptions {
  const profiles: Record<string, unknown> = {};
  if (config.configFile) {
    let text: string;
    try {
      text = readFileSync(config.configFile, 'utf8');
    } catch (error) {
      throw new ProfileError(
        `cannot read FAKE_AI_CONFIG ${config.configFile}: ${(error as Error).message}`,
      );
    }
    try {
      Object.assign(profiles, JSON.parse(text));
    } catch (error) {
      throw new ProfileError(
        `FAKE_AI_CONFIG ${config.configFile} is not valid JSON: ${(error as Error).message}`,
      );
    }
  }
  if (config.profile) {
    const inline = config.profile.trimStart().startsWith('{');
    if (inline) {
      try {
        profiles.default = JSON.parse(config.profile);
      } catch (error) {
        throw new ProfileError(
          `FAKE_AI_PROFILE is not a profile name or valid JSON: ${(error as Error).message}`,
        );
      }
    } else {
      profiles.default = config.profile;
    }
  }
  if (config.seed !== undefined) profiles.seed = config.seed;
  return {
    requestQueueUrl: config.requestQueueUrl,
    resultQueueUrl: config.resultQueueUrl,
    bucket: config.bucket,
    endpoint: config.endpoint,
    region: config.region,
    concurrency: config.concurrency,
    controlPort: config.controlPort,
    profiles,
  };
}
