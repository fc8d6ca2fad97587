// Runs the AI cases against a server: starts it (unless --running), waits until it reads the
// request queue, runs each applicable case, judges each request and the case, and restarts a
// server that died so later cases still run (the death fails the case it happened in).
import type { EmulatorControlClient } from '../../src/emulator/control/client.ts';
import type { ProcessUnderTest } from '../child.ts';
import { allVerdicts, type CaseResult, caseStatus, type Verdict } from '../model.ts';
import { pause, type QueueObserver, taskIdIn } from '../observer.ts';
import { RunAborted, waitReady } from '../ready.ts';
import type { Target } from '../target.ts';
import { AI_CASES } from './cases.ts';
import {
  type AiCase,
  type AiContext,
  type AiOptions,
  sendPlans,
  waitForTerminal,
} from './context.ts';
import { judgeRequest } from './judge.ts';
import { type PlannedRequest, RequestFactory } from './requests.ts';

export interface AiRun {
  target: Target;
  child: ProcessUnderTest | undefined;
  observer: QueueObserver;
  options: AiOptions;
  cases: string[] | undefined;
  say(text: string): void;
  onCase(result: CaseResult): void;
}

function notApplicable(kase: AiCase, run: AiRun): string | undefined {
  if (kase.needs.includes('faults') && !run.target.control) {
    return `needs our emulator's fault rules and clock; ${run.target.endpoint ?? 'AWS'} is not our emulator`;
  }
  if (kase.needs.includes('process') && !run.child) {
    return '--running: the harness did not start the server, so it does not stop, kill or restart it';
  }
  return undefined;
}

export async function runAiCases(run: AiRun): Promise<CaseResult[]> {
  const { target, child, observer, options } = run;
  const factory = new RequestFactory(target.bucket);
  const restart = async () => {
    if (!child) return;
    if (child.alive()) return;
    child.start();
    await waitReady(target, target.request, child, options.readyTimeoutMs);
  };
  if (child) {
    run.say(`starting: ${child.command}`);
    await restart();
    run.say('the server reads the request queue');
  } else {
    await waitReady(target, target.request, undefined, options.readyTimeoutMs);
  }
  const sentBodies = new Set<string>();
  const knownTasks = new Set<string>();
  const results: CaseResult[] = [];
  const selected = AI_CASES.filter((c) => run.cases === undefined || run.cases.includes(c.name));
  for (const kase of selected) {
    const startedAt = Date.now();
    const reason = notApplicable(kase, run);
    if (reason) {
      const result: CaseResult = {
        name: kase.name,
        title: kase.title,
        status: 'not-applicable',
        reason,
        wallMs: 0,
        verdicts: [],
        requests: [],
      };
      results.push(result);
      run.onCase(result);
      continue;
    }
    run.say(`case ${kase.name}: ${kase.title}`);
    const firstMessage = observer.messages.length;
    const firstEvent = observer.journal.length;
    const startsBefore = child?.starts ?? 0;
    const ctx: AiContext = {
      target,
      child,
      observer,
      factory,
      options,
      say: run.say,
      send: async (plans) => {
        for (const p of plans) {
          sentBodies.add(p.body);
          if (p.taskId) knownTasks.add(p.taskId);
        }
        await sendPlans(target, plans);
      },
      waitFor: (plans, timeoutMs = options.caseTimeoutMs) =>
        waitForTerminal(ctx, plans, timeoutMs, () => !child || child.alive()),
      fault: (spec) => (target.control as EmulatorControlClient).addFault(spec),
      restart,
    };
    let outcome: Awaited<ReturnType<AiCase['run']>>;
    try {
      outcome = await kase.run(ctx);
    } catch (error) {
      if (error instanceof RunAborted) throw error;
      outcome = {
        plans: [],
        verdicts: [{ name: 'case ran', status: 'fail', saw: (error as Error).message }],
      };
    }
    await settle(target, outcome.plans, options.caseTimeoutMs);
    await observer.catchUp();
    const verdicts: Verdict[] = [...outcome.verdicts];
    const control = target.control;
    const inspect = async (name: string) =>
      control ? (await control.queue(name)).messages : undefined;
    const leftOnQueue = await inspect(target.request.name);
    const inDlq = await inspect(target.requestDlq.name);
    const requests = [];
    for (const plan of outcome.plans) {
      requests.push(
        await judgeRequest({
          plan,
          observed: plan.taskId ? observer.forTask(plan.taskId) : [],
          journal: control ? observer.journal : undefined,
          leftOnQueue,
          inDlq,
          requestQueue: target.request.name,
          resultQueue: target.result.name,
          s3: target.s3,
          bucket: target.bucket,
          failOnFindings: options.failOnFindings,
        }),
      );
    }
    verdicts.push(aliveVerdict(child, startsBefore, outcome.stoppedOnPurpose === true));
    verdicts.push(unexpectedVerdict(run, firstMessage, firstEvent, knownTasks, sentBodies));
    const result: CaseResult = {
      name: kase.name,
      title: kase.title,
      status: 'pass',
      wallMs: Date.now() - startedAt,
      verdicts,
      requests,
    };
    result.status = caseStatus(allVerdicts(result));
    results.push(result);
    run.onCase(result);
    if (control) await control.clearFaults();
    if (observer.flooded) {
      throw new RunAborted(
        'the server flooded the result queue (more than 5000 messages); stopping',
      );
    }
    // A server that died is started again so the next case has one (its death failed this case).
    if (child && !child.alive()) {
      run.say('the server is not running: starting it again for the next case');
      await restart();
    }
  }
  return results;
}

function aliveVerdict(
  child: ProcessUnderTest | undefined,
  startsBefore: number,
  onPurpose: boolean,
): Verdict {
  const name = 'process alive';
  if (!child)
    return {
      name,
      status: 'not-applicable',
      saw: '--running: the harness does not watch the process',
    };
  if (onPurpose) {
    return child.alive()
      ? { name, status: 'pass', saw: 'running again after the case stopped it' }
      : { name, status: 'fail', saw: 'not running after the restart' };
  }
  if (child.alive() && child.starts === startsBefore)
    return { name, status: 'pass', saw: `running (pid ${child.pid})` };
  const exit = child.exit;
  return {
    name,
    status: 'fail',
    saw: `exited (code ${exit?.code ?? '?'}, signal ${exit?.signal ?? 'none'}) during the case; last output: ${child.tail(3).replace(/\n/g, ' | ')}`,
  };
}

function unexpectedVerdict(
  run: AiRun,
  first: number,
  firstEvent: number,
  known: Set<string>,
  sent: Set<string>,
): Verdict {
  const name = 'no unexpected messages';
  const strays = run.observer.messages
    .slice(first)
    .filter((m) => !m.taskId || !known.has(m.taskId));
  const foreignRequests = run.observer.journal
    .slice(firstEvent)
    .filter(
      (e) =>
        e.kind === 'sent' &&
        e.queue === run.target.request.name &&
        !sent.has(e.body) &&
        !(taskIdIn(e.body) && known.has(taskIdIn(e.body) as string)),
    );
  if (strays.length === 0 && foreignRequests.length === 0) {
    return { name, status: 'pass', saw: 'every message was about a request the harness sent' };
  }
  const parts = [];
  if (strays.length > 0)
    parts.push(
      `${strays.length} result-queue message(s) about no request sent (first: ${strays[0]!.body.slice(0, 120)})`,
    );
  if (foreignRequests.length > 0)
    parts.push(`${foreignRequests.length} message(s) put on the request queue by the server`);
  return { name, status: 'fail', saw: parts.join('; ') };
}

/** Gives the server a moment to delete what it answered (retries, backoff) before judging. */
async function settle(target: Target, plans: PlannedRequest[], timeoutMs: number): Promise<void> {
  await pause(300);
  const control = target.control;
  if (!control) return;
  const bodies = new Set(plans.filter((p) => p.expect !== 'UNREADABLE').map((p) => p.body));
  const deadline = Date.now() + Math.min(timeoutMs, 5000);
  while (Date.now() < deadline) {
    const left = (await control.queue(target.request.name)).messages.filter((m) =>
      bodies.has(m.body),
    );
    if (left.length === 0) return;
    await pause(100);
  }
}
