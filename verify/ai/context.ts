// What an AI case works with: the target's queues and bucket, the process under test (when the
// harness started it), the observer, the request factory, and helpers to send requests, wait for
// their results, add fault rules and move the emulator's clock.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { FaultRule, FaultRuleSpec } from '../../src/emulator/control/client.ts';
import type { ProcessUnderTest } from '../child.ts';
import type { Verdict } from '../model.ts';
import { pause, type QueueObserver } from '../observer.ts';
import type { Target } from '../target.ts';
import type { PlannedRequest, RequestFactory } from './requests.ts';

export interface AiOptions {
  failOnFindings: boolean;
  /** Real ms a case waits for its terminal results. */
  caseTimeoutMs: number;
  /** Real ms the server gets to start reading the request queue. */
  readyTimeoutMs: number;
}

export interface AiContext {
  target: Target;
  /** Undefined with --running: the server is not the harness's to start, stop or kill. */
  child: ProcessUnderTest | undefined;
  observer: QueueObserver;
  factory: RequestFactory;
  options: AiOptions;
  say(text: string): void;
  send(plans: PlannedRequest[]): Promise<void>;
  /** Waits until every readable request has a terminal result; false on timeout. */
  waitFor(plans: PlannedRequest[], timeoutMs?: number): Promise<boolean>;
  fault(spec: FaultRuleSpec): Promise<FaultRule>;
  /** (Re)starts the server and waits until it reads the request queue. */
  restart(): Promise<void>;
}

export interface CaseOutcome {
  plans: PlannedRequest[];
  verdicts: Verdict[];
  /** The case stopped or killed the server on purpose: "alive" is not judged. */
  stoppedOnPurpose?: boolean;
}

export interface AiCase {
  name: string;
  title: string;
  /** `faults`: our emulator's fault rules and clock; `process`: the harness started the server. */
  needs: ('faults' | 'process')[];
  run(ctx: AiContext): Promise<CaseOutcome>;
}

export function hasTerminal(ctx: AiContext, taskId: string): boolean {
  return ctx.observer
    .forTask(taskId)
    .some(
      (m) =>
        (m.taskType ?? '').endsWith('_RESULT') &&
        /^(COMPLETED|FAILED)$/.test(String(m.payload?.status)),
    );
}

export async function sendPlans(target: Target, plans: PlannedRequest[]): Promise<void> {
  for (const plan of plans) {
    for (const input of plan.inputs) {
      await target.s3.send(
        new PutObjectCommand({
          Bucket: target.bucket,
          Key: input.key,
          Body: input.body,
          ContentType: 'application/json',
        }),
      );
    }
  }
  for (const plan of plans) {
    // As the real back end: the body only, no message attributes.
    await target.sqs.send(
      new SendMessageCommand({ QueueUrl: target.request.url, MessageBody: plan.body }),
    );
  }
}

export async function waitForTerminal(
  ctx: Pick<AiContext, 'observer'>,
  plans: PlannedRequest[],
  timeoutMs: number,
  isAlive: () => boolean = () => true,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const ids = plans
    .filter((p) => p.expect !== 'UNREADABLE' && p.taskId)
    .map((p) => p.taskId as string);
  while (Date.now() < deadline) {
    if (ids.every((id) => hasTerminal(ctx as AiContext, id))) return true;
    // A dead server answers nothing more: stop waiting (the verdicts say it died).
    if (!isAlive()) return false;
    await pause(100);
  }
  return false;
}
