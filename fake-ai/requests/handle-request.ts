// Handles one request received from the request queue, the way the AI server does — validate,
// work (sending progress), write result objects, send one result, then delete the request — with
// the behaviour profile chosen for it deciding what goes wrong on the way. Every step is journaled.
import type { Message } from '@aws-sdk/client-sqs';
import {
  buildMessage,
  CONTRACT_VERSION_ATTRIBUTE,
  type ContractMessage,
  isCompatibleContractVersion,
  isRequestTaskType,
  parseMessageBody,
  type RequestMessage,
} from '../../src/contracts/index.ts';
import { hashSeed, seededRandom } from '../../src/kernel/random.ts';
import { SleepAborted, sleep } from '../../src/kernel/virtual-clock.ts';
import type { JournalInput } from '../journal.ts';
import { type BehaviourProfile, DEFAULT_PROFILE, drawLatency } from '../profiles/profile.ts';
import { PROFILE_ATTRIBUTE } from '../profiles/registry.ts';
import { describeError, type HandlerDeps } from './deps.ts';
import { encodeResult } from './encode.ts';
import { startHeartbeat } from './heartbeat.ts';
import { writeObjects } from './objects.ts';
import { realResultBody, realStage } from './real-dialect.ts';
import { reject } from './reject.ts';
import { RESULT_TYPE_OF } from './result-types.ts';
import { createSender } from './sender.ts';
import { TaskError } from './storage.ts';
import { type OutputObject, resultPayload, runTask, STAGE_COUNT, userIdOf } from './tasks.ts';

type Outcome =
  | {
      status: 'COMPLETED';
      objects: OutputObject[];
      fields: Record<string, string | number | boolean>;
    }
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

/** Decodes and checks a request: contract, request type, contract version. */
export function readRequest(
  message: Message,
): { ok: true; request: RequestMessage } | { ok: false; problem: string } {
  const parsed = parseMessageBody(message.Body);
  if (!parsed.ok) return { ok: false, problem: parsed.error.message };
  const { taskType } = parsed.message;
  if (!isRequestTaskType(taskType)) {
    return {
      ok: false,
      problem: `${taskType} is not a request type; the request queue carries only requests`,
    };
  }
  const version = message.MessageAttributes?.[CONTRACT_VERSION_ATTRIBUTE]?.StringValue;
  if (!isCompatibleContractVersion(version)) {
    return {
      ok: false,
      problem: `contract version ${version} is not compatible with this server's major version`,
    };
  }
  return { ok: true, request: parsed.message as RequestMessage };
}

export async function handleRequest(message: Message, deps: HandlerDeps): Promise<void> {
  const { journal, clock } = deps;
  const receiveCount = Number(message.Attributes?.ApproximateReceiveCount ?? '1');
  const base = { requestMessageId: message.MessageId, receiveCount };
  const log = (entry: JournalInput) => journal.record({ ...base, ...entry });

  const read = readRequest(message);
  if (!read.ok) {
    await reject(message, read.problem, deps, log);
    return;
  }
  const { request } = read;
  const { taskId, taskType } = request;
  const userId = userIdOf(request);
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

  const sender = createSender(
    deps,
    { taskId, userId },
    (e) => log({ ...task, ...e }),
    logger,
    profile.dialect,
  );
  const real = profile.dialect === 'real';
  let stageIndex = 0;

  try {
    const stage = async (name: string, percent: number) => {
      const remaining = Math.max(0, startedAt + latency - clock.now());
      // Like the AI server, no estimate before the input has been looked at.
      const eta = percent <= 10 ? null : Math.ceil(remaining / 1000);
      const reported = profile.progress.outOfOrder ? 90 - percent : percent;
      // The real AI server numbers its stages and restarts the percent in each.
      stageIndex++;
      const label = real ? realStage(stageIndex, name) : name;
      if (isGraph && profile.progress.enabled)
        await sender.progress(label, real ? 0 : reported, eta);
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
    const payload = resultPayload(request, outcome);
    // Strictly validated here whatever the profile: malformations are applied to a valid message.
    // (`as never`: the payload matches the result type chosen at run time, which buildMessage
    // checks against the schema; the static types cannot follow that choice.)
    const result = buildMessage(resultType, taskId, payload as never, () =>
      clock.now(),
    ) as ContractMessage;
    // The real dialect replaces the well-formed body; injected malformations still apply to ours.
    const body =
      real && profile.malformed === 'none' && profile.oversize.target !== 'message'
        ? realResultBody(request, resultType, outcome, clock.now())
        : encodeResult(result, profile);
    const detail = {
      status: outcome.status,
      resultType,
      bytes: Buffer.byteLength(body, 'utf8'),
      malformed: profile.malformed,
      ...(outcome.status === 'FAILED' ? { error: outcome.error } : {}),
    };
    if (!(await sender.send(body, 'result-sent', { ...detail, copy: 0 }))) {
      // Like a server whose send raised: the request is left to come back after its timeout.
      return;
    }
    for (let copy = 1; copy <= profile.duplicates.copies; copy++) {
      const sendCopy = async () => {
        await sender.send(body, 'result-sent', { ...detail, copy });
      };
      if (profile.duplicates.delayMs === 0) await sendCopy();
      else deps.later(profile.duplicates.delayMs * copy, sendCopy);
    }
    if (profile.progress.afterResult && isGraph) {
      await sender.progress(real ? realStage(stageIndex + 1, 'finalizing') : 'finalizing', 100, 0);
    }
    if (crashes && profile.crash.stage === 'after-result') {
      log({ kind: 'crashed', ...task, detail: { stage: 'after-result' } });
      return;
    }
    try {
      await deps.requests.delete(message.ReceiptHandle ?? '');
      log({ kind: 'deleted', ...task });
    } catch (error) {
      log({ kind: 'error', ...task, detail: { during: 'delete', error: describeError(error) } });
    }
  } catch (error) {
    if (error instanceof SleepAborted || deps.signal.aborted) {
      log({ kind: 'crashed', ...task, detail: { stage: 'stopped' } });
      return;
    }
    log({ kind: 'error', ...task, detail: { error: describeError(error) } });
    logger.error({ err: error }, 'request handling failed');
  } finally {
    stopHeartbeat();
  }
}
