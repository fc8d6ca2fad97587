// Handles one request received from the request queue, the way the AI server does — validate,
// work (sending progress), write result objects, send one result, then delete the request — with
// the behaviour profile chosen for it deciding what goes wrong on the way. Every step is journaled.

import type { S3Client } from '@aws-sdk/client-s3';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  type Message,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Logger } from 'pino';
import {
  buildGraphGenerationProgress,
  buildMessage,
  CONTRACT_VERSION_ATTRIBUTE,
  type ContractMessage,
  ContractViolationError,
  contractMessageAttributes,
  encodeForSqs,
  isCompatibleContractVersion,
  isRequestTaskType,
  parseMessageBody,
  type RequestMessage,
  validateGraphOutputStrict,
  validateSummary,
} from '../../src/contracts/index.ts';
import { type Clock, SleepAborted, sleep } from '../clock.ts';
import { hashSeed, seededRandom } from '../graph/random.ts';
import type { Journal, JournalInput } from '../journal.ts';
import { type BehaviourProfile, DEFAULT_PROFILE, drawLatency } from '../profiles/profile.ts';
import { PROFILE_ATTRIBUTE, type ProfileStore } from '../profiles/store.ts';
import { encodeResult } from './encode.ts';
import { RESULT_TYPE_OF } from './result-types.ts';
import { putText, TaskError } from './storage.ts';
import { type OutputObject, runTask, STAGE_COUNT } from './tasks.ts';

export interface HandlerDeps {
  sqs: SQSClient;
  s3: S3Client;
  requestQueueUrl: string;
  resultQueueUrl: string;
  defaultBucket: string | undefined;
  clock: Clock;
  journal: Journal;
  profiles: ProfileStore;
  logger: Logger;
  /** Aborted when the fake AI stops: work in progress ends as if the process died. */
  signal: AbortSignal;
  /** Runs `fn` `ms` later on the clock, tracked so stopping cancels it (delayed duplicates). */
  later: (ms: number, fn: () => Promise<void>) => void;
}

type Outcome =
  | { status: 'COMPLETED'; objects: OutputObject[]; fields: Record<string, string | boolean> }
  | { status: 'FAILED'; error: string };

/** Settings of `profile` that differ from the well-behaved default: what is being injected. */
export function injectedBehaviour(profile: BehaviourProfile): Record<string, unknown> {
  const injected: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(profile)) {
    if (key === 'name') continue;
    const normal = DEFAULT_PROFILE[key as keyof BehaviourProfile];
    if (JSON.stringify(value) !== JSON.stringify(normal)) injected[key] = value;
  }
  return injected;
}

export async function handleRequest(message: Message, deps: HandlerDeps): Promise<void> {
  const { journal, clock } = deps;
  const receiveCount = Number(message.Attributes?.ApproximateReceiveCount ?? '1');
  const base = { requestMessageId: message.MessageId, receiveCount };
  const log = (entry: JournalInput) => journal.record({ ...base, ...entry });

  const parsed = parseMessageBody(message.Body);
  const version = message.MessageAttributes?.[CONTRACT_VERSION_ATTRIBUTE]?.StringValue;
  let problem: string | undefined;
  if (!parsed.ok) problem = parsed.error.message;
  else if (!isRequestTaskType(parsed.message.taskType)) {
    problem = `${parsed.message.taskType} is not a request type; the request queue carries only requests`;
  } else if (!isCompatibleContractVersion(version)) {
    problem = `contract version ${version} is not compatible with this server's major version`;
  }
  if (problem !== undefined || !parsed.ok) {
    await reject(message, problem ?? 'invalid request', deps, log);
    return;
  }
  const request = parsed.message as RequestMessage;
  const { taskId, taskType } = request;
  const userId = request.payload.userId;
  const logger = deps.logger.child({ taskId, taskType, receiveCount });
  const attribute = message.MessageAttributes?.[PROFILE_ATTRIBUTE]?.StringValue;
  const { profile, reason } = deps.profiles.select({ userId, taskType, attribute });
  const task = { taskId, taskType, profile: profile.name };
  log({ kind: 'received', ...task, detail: { userId, reason } });
  const injected = injectedBehaviour(profile);
  if (Object.keys(injected).length > 0) log({ kind: 'behaviour', ...task, detail: injected });

  const random = seededRandom(hashSeed(`${taskId}#${receiveCount}`, deps.profiles.seed));
  const latency = drawLatency(profile.latency, random);
  const crashes = profile.crash.stage !== 'none' && receiveCount <= profile.crash.receives;
  const startedAt = clock.now();
  const isGraph = taskType === 'GRAPH_GENERATION_REQUEST';
  const stopHeartbeat = startHeartbeat(message, profile, deps, (e) => log({ ...task, ...e }));

  const sendBody = async (
    body: string,
    kind: 'result-sent' | 'progress-sent',
    detail: Record<string, unknown>,
  ) => {
    try {
      const out = await deps.sqs.send(
        new SendMessageCommand({
          QueueUrl: deps.resultQueueUrl,
          MessageBody: body,
          MessageAttributes: contractMessageAttributes(),
        }),
      );
      log({ kind, ...task, sentMessageId: out.MessageId, detail });
      return true;
    } catch (error) {
      log({
        kind: 'send-failed',
        ...task,
        detail: { ...detail, of: kind, error: describe(error) },
      });
      logger.warn({ err: error }, `sending ${kind} failed`);
      return false;
    }
  };
  const sendProgress = (currentStage: string, progressPercent: number, etaSeconds: number | null) =>
    sendBody(
      encodeForSqs(
        buildGraphGenerationProgress(
          taskId,
          { userId, currentStage, progressPercent, etaSeconds },
          () => clock.now(),
        ),
      ).body,
      'progress-sent',
      { currentStage, progressPercent },
    );

  try {
    const stage = async (name: string, percent: number) => {
      const remaining = Math.max(0, startedAt + latency - clock.now());
      // Like the AI server, no estimate before the input has been looked at.
      const eta = percent <= 10 ? null : Math.ceil(remaining / 1000);
      if (isGraph && profile.progress.enabled) await sendProgress(name, percent, eta);
      await sleep(clock, latency / STAGE_COUNT[taskType], deps.signal);
    };
    let outcome: Outcome;
    if (profile.outcome === 'FAILED') {
      for (let i = 0; i < STAGE_COUNT[taskType]; i++) await stage('working', 10 + i * 30);
      outcome = { status: 'FAILED', error: profile.error };
    } else {
      try {
        const ctx = {
          s3: deps.s3,
          defaultBucket: deps.defaultBucket,
          now: () => clock.now(),
          seed: deps.profiles.seed,
          stage,
        };
        outcome = { status: 'COMPLETED', ...(await runTask(request, ctx)) };
      } catch (error) {
        if (!(error instanceof TaskError)) throw error;
        outcome = { status: 'FAILED', error: error.message.slice(0, 4096) };
      }
    }
    if (crashes && profile.crash.stage === 'before-result') {
      log({ kind: 'crashed', ...task, detail: { stage: 'before-result' } });
      return;
    }
    if (outcome.status === 'COMPLETED')
      await writeObjects(outcome.objects, profile, deps, (e) => log({ ...task, ...e }));

    const resultType = RESULT_TYPE_OF[request.taskType];
    const payload =
      outcome.status === 'COMPLETED'
        ? { userId, status: 'COMPLETED' as const, ...outcome.fields }
        : { userId, status: 'FAILED' as const, error: outcome.error };
    // Strictly validated here whatever the profile: malformations are applied to a valid message.
    const result = buildMessage(resultType, taskId, payload as never, () =>
      clock.now(),
    ) as ContractMessage;
    const body = encodeResult(result, profile);
    const detail = {
      status: outcome.status,
      resultType,
      bytes: Buffer.byteLength(body, 'utf8'),
      malformed: profile.malformed,
      ...(outcome.status === 'FAILED' ? { error: outcome.error } : {}),
    };
    if (!(await sendBody(body, 'result-sent', { ...detail, copy: 0 }))) {
      // Like a server whose send raised: the request is left to come back after its timeout.
      return;
    }
    for (let copy = 1; copy <= profile.duplicates.copies; copy++) {
      const sendCopy = async () => {
        await sendBody(body, 'result-sent', { ...detail, copy });
      };
      if (profile.duplicates.delayMs === 0) await sendCopy();
      else deps.later(profile.duplicates.delayMs * copy, sendCopy);
    }
    if (profile.progress.afterResult && isGraph) await sendProgress('finalizing', 100, 0);
    if (crashes && profile.crash.stage === 'after-result') {
      log({ kind: 'crashed', ...task, detail: { stage: 'after-result' } });
      return;
    }
    try {
      await deps.sqs.send(
        new DeleteMessageCommand({
          QueueUrl: deps.requestQueueUrl,
          ReceiptHandle: message.ReceiptHandle,
        }),
      );
      log({ kind: 'deleted', ...task });
    } catch (error) {
      log({ kind: 'error', ...task, detail: { during: 'delete', error: describe(error) } });
    }
  } catch (error) {
    if (error instanceof SleepAborted || deps.signal.aborted) {
      log({ kind: 'crashed', ...task, detail: { stage: 'stopped' } });
      return;
    }
    log({ kind: 'error', ...task, detail: { error: describe(error) } });
    logger.error({ err: error }, 'request handling failed');
  } finally {
    stopHeartbeat();
  }
}

function describe(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e.name ?? 'Error'}: ${e.message ?? String(error)}`;
}

/**
 * An invalid request. If it still names a task and user, the back end gets a FAILED result and
 * the request is deleted; otherwise it is left alone to reach the dead-letter queue.
 */
async function reject(
  message: Message,
  problem: string,
  deps: HandlerDeps,
  log: (entry: JournalInput) => void,
): Promise<void> {
  let raw: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(message.Body ?? '');
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      raw = value as Record<string, unknown>;
  } catch {
    // Not JSON: nothing to salvage.
  }
  const taskId = typeof raw.taskId === 'string' ? raw.taskId : undefined;
  const taskType = typeof raw.taskType === 'string' ? raw.taskType : undefined;
  const payload = raw.payload as Record<string, unknown> | undefined;
  const userId = typeof payload?.userId === 'string' ? payload.userId : undefined;
  const error = `invalid request: ${problem}`.slice(0, 4096);
  if (taskId && userId && isRequestTaskType(taskType)) {
    try {
      const result = buildMessage(
        RESULT_TYPE_OF[taskType],
        taskId,
        { userId, status: 'FAILED', error } as never,
        () => deps.clock.now(),
      ) as ContractMessage;
      const out = await deps.sqs.send(
        new SendMessageCommand({
          QueueUrl: deps.resultQueueUrl,
          MessageBody: encodeForSqs(result).body,
          MessageAttributes: contractMessageAttributes(),
        }),
      );
      log({
        kind: 'rejected',
        taskId,
        taskType,
        sentMessageId: out.MessageId,
        detail: { problem, answered: 'FAILED' },
      });
      await deps.sqs.send(
        new DeleteMessageCommand({
          QueueUrl: deps.requestQueueUrl,
          ReceiptHandle: message.ReceiptHandle,
        }),
      );
      log({ kind: 'deleted', taskId, taskType });
      return;
    } catch (error) {
      if (!(error instanceof ContractViolationError)) {
        log({
          kind: 'error',
          taskId,
          taskType,
          detail: { during: 'reject', error: describe(error) },
        });
        return;
      }
    }
  }
  log({ kind: 'rejected', taskId, taskType, detail: { problem, answered: false } });
}

async function writeObjects(
  objects: OutputObject[],
  profile: BehaviourProfile,
  deps: HandlerDeps,
  log: (entry: JournalInput) => void,
): Promise<void> {
  if (profile.resultObject === 'missing') {
    log({
      kind: 'behaviour',
      detail: { resultObject: 'missing', skipped: objects.map((o) => o.key) },
    });
    return;
  }
  for (const object of objects) {
    checkObject(object);
    let body = JSON.stringify(object.value);
    if (profile.resultObject === 'corrupt') body = body.slice(0, Math.floor(body.length / 2));
    if (profile.oversize.target === 'object' && object.role === 'graph') {
      const padding = profile.oversize.bytes - Buffer.byteLength(body, 'utf8');
      if (padding > 0) body += ' '.repeat(padding);
    }
    await putText(deps.s3, object.bucket, object.key, body);
    log({
      kind: 'object-written',
      detail: {
        role: object.role,
        bucket: object.bucket,
        key: object.key,
        bytes: Buffer.byteLength(body, 'utf8'),
        corrupt: profile.resultObject === 'corrupt',
      },
    });
  }
}

/** The fake AI validates what it writes: a failure here is a bug in the fake, not an injection. */
function checkObject(object: OutputObject): void {
  const verdict =
    object.role === 'summary'
      ? validateSummary(object.value)
      : object.role === 'features'
        ? { ok: true as const }
        : validateGraphOutputStrict(object.value);
  if (!verdict.ok) throw verdict.error;
}

function startHeartbeat(
  message: Message,
  profile: BehaviourProfile,
  deps: HandlerDeps,
  log: (entry: JournalInput) => void,
): () => void {
  const { heartbeat } = profile;
  if (!heartbeat) return () => {};
  let timer: { cancel(): void } | undefined;
  let stopped = false;
  const tick = () => {
    timer = deps.clock.schedule(deps.clock.now() + heartbeat.everyMs, () => {
      if (stopped) return;
      deps.sqs
        .send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: deps.requestQueueUrl,
            ReceiptHandle: message.ReceiptHandle,
            VisibilityTimeout: heartbeat.extendSeconds,
          }),
        )
        .then(
          () => log({ kind: 'visibility-extended', detail: { seconds: heartbeat.extendSeconds } }),
          (error: unknown) =>
            log({ kind: 'error', detail: { during: 'heartbeat', error: describe(error) } }),
        );
      tick();
    });
  };
  tick();
  return () => {
    stopped = true;
    timer?.cancel();
  };
}
