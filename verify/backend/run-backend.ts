// Runs the back-end cases: the harness plays the AI server, answering the requests the back end
// sends (or task ids it is given, or tasks of its own), and judges at the queue level — every
// result deleted, or parked after exactly maxReceiveCount receives; poison parked; the result
// queue drained — and, with a status probe, per task: one terminal state, never regressed.
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { MAX_RECEIVE_COUNT } from '../../src/contracts/index.ts';
import type { ProcessUnderTest } from '../child.ts';
import type { VerifyOptions } from '../cli.ts';
import { type CaseResult, caseStatus, type Verdict } from '../model.ts';
import { pause, type QueueObserver, taskIdIn } from '../observer.ts';
import { RunAborted, waitReady } from '../ready.ts';
import type { Target } from '../target.ts';
import { BACKEND_CASES, type BackendCase, newTask, playTask, type SentMessage } from './cases.ts';
import { commandProbe, httpProbe, type StatusProbe } from './status-probe.ts';

export { BACKEND_CASES } from './cases.ts';

export interface BackendRun {
  target: Target;
  child: ProcessUnderTest | undefined;
  /** Unused in this mode (the harness reads the request queue itself); kept for the journal. */
  observer: QueueObserver;
  options: VerifyOptions;
  say(text: string): void;
  onCase(result: CaseResult): void;
}

/** A task to answer: a request the back end sent, a task id the user gave, or one of ours. */
async function nextTask(
  run: BackendRun,
  index: number,
): Promise<{ taskId: string; userId: string; from: string }> {
  const given = run.options.taskIds[index];
  if (given !== undefined) {
    const userId = /^task_([0-9a-f-]{36})_/.exec(given)?.[1] ?? 'unknown-user';
    return { taskId: given, userId, from: 'given with --task-ids' };
  }
  const out = await run.target.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: run.target.request.url,
      WaitTimeSeconds: 0,
      MaxNumberOfMessages: 1,
    }),
  );
  const message = out.Messages?.[0];
  if (message) {
    try {
      const request = JSON.parse(message.Body ?? '') as {
        taskId?: unknown;
        payload?: { userId?: unknown };
      };
      if (typeof request.taskId === 'string' && typeof request.payload?.userId === 'string') {
        await run.target.sqs.send(
          new DeleteMessageCommand({
            QueueUrl: run.target.request.url,
            ReceiptHandle: message.ReceiptHandle,
          }),
        );
        return {
          taskId: request.taskId,
          userId: request.payload.userId,
          from: 'a request the back end sent',
        };
      }
    } catch {
      // not a request we can answer: leave it, and answer a task of our own
    }
  }
  return { ...newTask(), from: 'made up by the harness (the back end sent no request)' };
}

export async function runBackendCases(run: BackendRun): Promise<void> {
  const { target, child, options } = run;
  const control = target.control;
  if (!control) {
    throw new RunAborted(
      'verify backend judges at the queue level through our emulator (journal, dead-letter queue, clock); ' +
        `${target.endpoint ?? 'AWS'} is not our emulator`,
    );
  }
  const probe: StatusProbe | undefined = options.statusUrl
    ? httpProbe(options.statusUrl, options.statusPointer)
    : options.statusCommand
      ? commandProbe(options.statusCommand, { ...process.env, ...target.env })
      : undefined;
  if (child) {
    run.say(`starting: ${child.command}`);
    child.start();
  }
  await waitReady(target, target.result, child, options.readyTimeoutMs);
  run.say('the back end reads the result queue');
  const selected = BACKEND_CASES.filter(
    (c) => options.cases === undefined || options.cases.includes(c.name),
  );
  for (const [index, kase] of selected.entries()) {
    const startedAt = Date.now();
    run.say(`case ${kase.name}: ${kase.title}`);
    const startsBefore = child?.starts ?? 0;
    const task = await nextTask(run, index);
    const samples: string[] = [];
    let sampledAt = 0;
    let probing: Promise<void> | undefined;
    let probeError: unknown;
    const sample = async (force = false) => {
      if (!probe) return;
      if (probeError !== undefined) throw probeError;
      // A probe may be slow (a command per call, seconds on a loaded machine): while driving it
      // runs beside the loop, at most one at a time and once a second, so it never holds up the
      // redeliveries the case waits for. A forced sample waits for its answer.
      if (probing) {
        if (!force) return;
        await probing;
      }
      if (!force && Date.now() - sampledAt < 1000) return;
      sampledAt = Date.now();
      probing = probe(task.taskId).then(
        (status) => {
          if (status !== undefined && samples.at(-1) !== status) samples.push(status);
        },
        (error: unknown) => {
          probeError = error;
        },
      );
      const current = probing;
      void current.finally(() => {
        if (probing === current) probing = undefined;
      });
      if (force) {
        await current;
        if (probeError !== undefined) throw probeError;
      }
    };
    await sample(true);
    const { sent, terminal } = await playTask(target, kase, task);
    const settledAt = await drive(run, sent, sample);
    await sample(true);
    const verdicts = await judgeQueues(run, kase, sent, settledAt);
    if (probe) verdicts.push(statusVerdict(samples, terminal));
    verdicts.push(aliveVerdict(child, startsBefore));
    const result: CaseResult = {
      name: kase.name,
      title: kase.title,
      status: caseStatus(verdicts),
      wallMs: Date.now() - startedAt,
      verdicts,
      requests: [
        {
          taskId: task.taskId,
          taskType: 'GRAPH_GENERATION_RESULT',
          label: `${kase.title} (task ${task.from})`,
          verdicts: [],
          findings: [],
          timeline: [],
        },
      ],
    };
    run.onCase(result);
  }
}

/** Waits until each sent message is deleted or parked, moving the clock past visibility timeouts. */
async function drive(
  run: BackendRun,
  sent: SentMessage[],
  sample: () => Promise<void>,
): Promise<boolean> {
  const control = run.target.control!;
  const deadline = Date.now() + run.options.caseTimeoutMs;
  let lastAdvance = Date.now();
  while (Date.now() < deadline) {
    await run.observer.catchUp();
    await sample();
    const onQueue = (await control.queue(run.target.result.name)).messages;
    const ids = new Set(sent.map((m) => m.messageId));
    const left = onQueue.filter((m) => ids.has(m.messageId));
    if (left.length === 0) return true;
    // A message the worker did not delete comes back after its visibility timeout: go there.
    // (A minute at least: a worker may back off redelivery beyond the queue's timeout.)
    if (left.every((m) => m.state !== 'visible') && Date.now() - lastAdvance > 300) {
      await control.advance(Math.max(run.target.visibilitySeconds + 1, 60) * 1000);
      lastAdvance = Date.now();
    }
    await pause(100);
  }
  return false;
}

async function judgeQueues(
  run: BackendRun,
  kase: BackendCase,
  sent: SentMessage[],
  settled: boolean,
): Promise<Verdict[]> {
  const control = run.target.control!;
  const journal = run.observer.journal.filter((e) => e.queue === run.target.result.name);
  const parked = (await control.queue(run.target.resultDlq.name)).messages;
  const verdicts: Verdict[] = [];
  const fates = sent.map((m) => {
    const receives = journal.filter(
      (e) => e.messageId === m.messageId && e.kind === 'received',
    ).length;
    const deleted = journal.some((e) => e.messageId === m.messageId && e.kind === 'deleted');
    const inDlq = parked.find((p) => p.messageId === m.messageId);
    return { m, receives, deleted, inDlq };
  });
  const bad = fates.filter(
    (f) => !f.m.poison && !(f.deleted || (f.inDlq && f.inDlq.receiveCount === MAX_RECEIVE_COUNT)),
  );
  verdicts.push({
    name: 'every result deleted or parked',
    status: bad.length === 0 && settled ? 'pass' : 'fail',
    saw:
      bad.length === 0
        ? fates
            .filter((f) => !f.m.poison)
            .map((f) =>
              f.deleted
                ? `deleted after ${f.receives} receive(s)`
                : `parked after ${f.inDlq?.receiveCount}`,
            )
            .join('; ') || 'no results in this case'
        : bad
            .map(
              (f) =>
                `${describe(f.m)}: ${f.inDlq ? `parked after ${f.inDlq.receiveCount} receives, not ${MAX_RECEIVE_COUNT}` : `neither deleted nor parked (received ${f.receives} times)`}`,
            )
            .join('; '),
  });
  if (kase.poison) {
    const wrong = fates.filter((f) => !(f.inDlq && f.inDlq.receiveCount === MAX_RECEIVE_COUNT));
    verdicts.push({
      name: 'poison parked',
      status: wrong.length === 0 ? 'pass' : 'fail',
      saw:
        wrong.length === 0
          ? `${fates.length} poison message(s) in the DLQ, each after exactly ${MAX_RECEIVE_COUNT} receives`
          : wrong
              .map(
                (f) =>
                  `${describe(f.m)}: ${f.deleted ? 'deleted by the worker' : f.inDlq ? `parked after ${f.inDlq.receiveCount} receives` : `still on the queue after ${f.receives} receives`}`,
              )
              .join('; '),
    });
  }
  const left = (await control.queue(run.target.result.name)).messages.length;
  verdicts.push({
    name: 'queues drained',
    status: left === 0 ? 'pass' : 'fail',
    saw: left === 0 ? 'the result queue is empty' : `${left} message(s) left on the result queue`,
  });
  return verdicts;
}

function describe(m: SentMessage): string {
  return `${taskIdIn(m.body) ? 'message' : 'body'} ${m.body.slice(0, 60)}…`;
}

const TERMINAL = new Set(['COMPLETED', 'FAILED']);

function statusVerdict(samples: string[], expected: string | undefined): Verdict {
  const name = 'one terminal state, never regressed';
  const firstTerminal = samples.findIndex((s) => TERMINAL.has(s.toUpperCase()));
  const seen =
    samples.length === 0 ? 'the probe never found the task' : `status went ${samples.join(' → ')}`;
  if (expected === undefined) return { name, status: 'reported', saw: seen };
  if (firstTerminal < 0) return { name, status: 'fail', saw: `${seen}; never terminal` };
  const after = samples.slice(firstTerminal);
  if (after.length > 1)
    return {
      name,
      status: 'fail',
      saw: `${seen}: changed after reaching ${samples[firstTerminal]}`,
    };
  if (samples[firstTerminal]?.toUpperCase() !== expected) {
    return { name, status: 'fail', saw: `${seen}; expected ${expected}` };
  }
  return { name, status: 'pass', saw: seen };
}

function aliveVerdict(child: ProcessUnderTest | undefined, startsBefore: number): Verdict {
  const name = 'process alive';
  if (!child)
    return {
      name,
      status: 'not-applicable',
      saw: '--running: the harness does not watch the process',
    };
  if (child.alive() && child.starts === startsBefore)
    return { name, status: 'pass', saw: `running (pid ${child.pid})` };
  return {
    name,
    status: 'fail',
    saw: `exited (code ${child.exit?.code ?? '?'}); last output: ${child.tail(3).replace(/\n/g, ' | ')}`,
  };
}
