// The verdicts on one request an AI server was sent, each saying what it saw: a terminal result
// arrived (of the expected status), results agree, every message it sent is accepted by the
// contracts (findings listed), its result objects are accepted, the request was deleted only
// after its result was sent, progress never went backwards, nothing is left in flight.

import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type ObjectKind, validateObject } from '../../src/contracts/index.ts';
import { stageNumber } from '../../src/contracts/stage.ts';
import type { JournalEvent, MessageInspection } from '../../src/emulator/control/client.ts';
import type { TimelineEntry } from '../../src/infra/recording/recorder.ts';
import type { RequestAccount, Verdict } from '../model.ts';
import { type Observed, taskIdIn } from '../observer.ts';
import type { PlannedRequest } from './requests.ts';

export interface JudgeInput {
  plan: PlannedRequest;
  /** What the server sent to the result queue about this task, in arrival order. */
  observed: Observed[];
  /** The journal (undefined when the target is not our emulator). */
  journal: JournalEvent[] | undefined;
  /** Request-queue messages still there at the end (undefined: cannot inspect). */
  leftOnQueue: MessageInspection[] | undefined;
  /** Messages in the request DLQ at the end (undefined: cannot inspect). */
  inDlq: MessageInspection[] | undefined;
  requestQueue: string;
  resultQueue: string;
  s3: S3Client;
  bucket: string;
  failOnFindings: boolean;
}

const TERMINAL = /"status"\s*:\s*"(COMPLETED|FAILED)"/;

function isResult(m: Observed): boolean {
  return (m.taskType ?? '').endsWith('_RESULT');
}

function statusOf(m: Observed): string | undefined {
  const s = m.payload?.status;
  return typeof s === 'string' ? s : undefined;
}

export async function judgeRequest(input: JudgeInput): Promise<RequestAccount> {
  const { plan, observed } = input;
  const verdicts: Verdict[] = [];
  const results = observed.filter(isResult);
  const terminal = results.filter((m) => ['COMPLETED', 'FAILED'].includes(statusOf(m) ?? ''));
  const statuses = terminal.map((m) => statusOf(m));
  const ownEvents = (input.journal ?? []).filter(
    (e) =>
      e.queue === input.requestQueue &&
      (plan.taskId === undefined ? e.body === plan.body : taskIdIn(e.body) === plan.taskId),
  );
  const stillThere = (input.leftOnQueue ?? []).filter((m) =>
    plan.taskId === undefined ? m.body === plan.body : taskIdIn(m.body) === plan.taskId,
  );
  const parked = (input.inDlq ?? []).filter((m) => m.body === plan.body);

  if (plan.expect === 'UNREADABLE') {
    const receives = ownEvents.filter((e) => e.kind === 'received').length;
    const deleted = ownEvents.some((e) => e.kind === 'deleted');
    const fate =
      terminal.length > 0
        ? `answered ${statuses.join(', ')}`
        : parked.length > 0
          ? 'left to the dead-letter queue'
          : deleted
            ? 'deleted without an answer'
            : stillThere.length > 0
              ? `left on the queue (${stillThere[0]!.state}, received ${stillThere[0]!.receiveCount} times; it reaches the DLQ after 5)`
              : input.journal
                ? 'not seen again'
                : 'not observable on this target';
    verdicts.push({
      name: 'unreadable request handled',
      status: 'reported',
      saw: `${plan.label}: ${fate}${input.journal ? `; received ${receives} times` : ''}`,
    });
  } else {
    verdicts.push(terminalVerdict(plan, terminal, results));
    verdicts.push({
      name: 'results agree',
      status: new Set(statuses).size <= 1 ? 'pass' : 'fail',
      saw:
        terminal.length === 0
          ? 'no terminal result'
          : `${terminal.length} terminal result(s): ${statuses.join(', ')}`,
    });
  }
  verdicts.push(contractVerdict(observed, input.failOnFindings));
  if (plan.expect !== 'UNREADABLE') {
    verdicts.push(await objectsVerdict(terminal, input));
    verdicts.push(deleteOrderVerdict(input, ownEvents));
    verdicts.push(progressVerdict(observed, ownEvents));
    verdicts.push(inFlightVerdict(input, stillThere));
  }
  return {
    taskId: plan.taskId,
    taskType: plan.taskType,
    label: plan.label,
    verdicts,
    findings: observed.flatMap((m) => m.findings.map((f) => `${m.taskType ?? '?'}: ${f}`)),
    timeline: timeline(input, ownEvents),
  };
}

function terminalVerdict(plan: PlannedRequest, terminal: Observed[], results: Observed[]): Verdict {
  const name = 'terminal result arrives';
  if (terminal.length === 0) {
    const other =
      results.length > 0 ? ` (${results.length} result(s) without a COMPLETED/FAILED status)` : '';
    return { name, status: 'fail', saw: `no terminal result: the request is lost${other}` };
  }
  const first = terminal[0]!;
  const status = statusOf(first);
  const error = first.payload?.error;
  const errorText = typeof error === 'string' && error.trim() !== '' ? error : undefined;
  if (plan.expect === 'FAILED') {
    if (status !== 'FAILED') {
      return { name, status: 'fail', saw: `${status} for a request whose input cannot be read` };
    }
    return errorText
      ? { name, status: 'pass', saw: `FAILED with error "${errorText.slice(0, 160)}"` }
      : { name, status: 'fail', saw: 'FAILED without an error saying why' };
  }
  if (plan.expect === 'COMPLETED' && status !== 'COMPLETED') {
    return { name, status: 'fail', saw: `FAILED: "${String(error ?? '').slice(0, 160)}"` };
  }
  return {
    name,
    status: 'pass',
    saw: `${status}${errorText ? ` ("${errorText.slice(0, 120)}")` : ''} as ${first.taskType}`,
  };
}

function contractVerdict(observed: Observed[], failOnFindings: boolean): Verdict {
  const name = 'messages accepted by the contracts';
  if (observed.length === 0) return { name, status: 'pass', saw: 'nothing sent for this request' };
  const rejected = observed.filter((m) => m.level === 'rejected');
  const withFindings = observed.filter((m) => m.findings.length > 0);
  if (rejected.length > 0) {
    const first = rejected[0]!;
    return {
      name,
      status: 'fail',
      saw: `${rejected.length} of ${observed.length} rejected; first (${first.taskType ?? 'no type'}): ${first.violations.slice(0, 3).join('; ')}`,
    };
  }
  if (withFindings.length > 0) {
    const rules = [
      ...new Set(withFindings.flatMap((m) => m.findings.map((f) => f.split(' at ')[0]))),
    ];
    return {
      name,
      status: failOnFindings ? 'fail' : 'pass',
      saw: `${observed.length} accepted, ${withFindings.length} with findings: ${rules.join(', ')}${failOnFindings ? ' (--fail-on-findings)' : ''}`,
    };
  }
  return { name, status: 'pass', saw: `${observed.length} message(s), all conformant` };
}

/** Result fields naming S3 objects, and the schema each is held to (undefined: must exist). */
const OBJECT_FIELDS: [string, (taskType: string) => ObjectKind | undefined][] = [
  ['resultS3Key', (t) => (t === 'GRAPH_GENERATION_RESULT' ? 'graphOutput' : undefined)],
  ['summaryS3Key', () => 'summary'],
  ['featuresS3Key', () => undefined],
  ['standardized_s3_key', () => undefined],
  ['block_graph_s3_key', () => undefined],
];

async function objectsVerdict(terminal: Observed[], input: JudgeInput): Promise<Verdict> {
  const name = 'result objects accepted';
  const completed = terminal.filter((m) => statusOf(m) === 'COMPLETED');
  if (completed.length === 0) return { name, status: 'not-applicable', saw: 'no COMPLETED result' };
  const problems: string[] = [];
  let checked = 0;
  for (const m of completed.slice(0, 2)) {
    for (const [field, kindOf] of OBJECT_FIELDS) {
      const key = m.payload?.[field];
      if (typeof key !== 'string') continue;
      checked++;
      let text: string;
      try {
        const out = await input.s3.send(new GetObjectCommand({ Bucket: input.bucket, Key: key }));
        text = (await out.Body?.transformToString('utf8')) ?? '';
      } catch (error) {
        problems.push(
          `${field} s3://${input.bucket}/${key}: ${(error as { name?: string }).name ?? 'cannot read'}`,
        );
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        problems.push(`${field} ${key}: not JSON`);
        continue;
      }
      const kind = kindOf(m.taskType ?? '');
      if (kind === undefined) continue;
      const verdict = validateObject(kind, value);
      if (!verdict.ok) {
        problems.push(
          `${field} ${key}: ${verdict.error.violations
            .slice(0, 2)
            .map((v) => `${v.rule} at ${v.path}`)
            .join('; ')}`,
        );
      }
    }
  }
  if (problems.length > 0) return { name, status: 'fail', saw: problems.join('; ') };
  return {
    name,
    status: 'pass',
    saw: checked === 0 ? 'the result names no objects' : `${checked} object(s) read and accepted`,
  };
}

function deleteOrderVerdict(input: JudgeInput, own: JournalEvent[]): Verdict {
  const name = 'request deleted only after its result';
  if (!input.journal) {
    return { name, status: 'not-applicable', saw: "needs our emulator's message journal" };
  }
  const firstResult = input.journal.find(
    (e) =>
      e.queue === input.resultQueue &&
      e.kind === 'sent' &&
      taskIdIn(e.body) === input.plan.taskId &&
      TERMINAL.test(e.body),
  );
  const deletes = own.filter((e) => e.kind === 'deleted');
  if (deletes.length === 0) {
    return {
      name,
      status: 'pass',
      saw: 'the request was not deleted (see: nothing left in flight)',
    };
  }
  const early = deletes.filter((d) => firstResult === undefined || d.seq < firstResult.seq);
  if (early.length > 0) {
    return {
      name,
      status: 'fail',
      saw: firstResult
        ? `deleted ${firstResult.at - early[0]!.at} ms before its result was sent`
        : 'deleted and no result was ever sent',
    };
  }
  return {
    name,
    status: 'pass',
    saw: `deleted ${deletes[0]!.at - firstResult!.at} ms after the result was sent`,
  };
}

function progressVerdict(observed: Observed[], own: JournalEvent[]): Verdict {
  const name = 'progress never goes backwards';
  const progress = observed.filter((m) => (m.taskType ?? '').endsWith('_PROGRESS'));
  if (progress.length === 0) return { name, status: 'not-applicable', saw: 'no progress sent' };
  // Progress restarts legitimately when the request is received again: judge each attempt.
  const receives = own.filter((e) => e.kind === 'received').map((e) => e.at);
  const attemptOf = (m: Observed) => receives.filter((at) => at <= m.sentAt).length;
  const byAttempt = new Map<number, Observed[]>();
  for (const m of [...progress].sort((a, b) => a.sentAt - b.sentAt || a.index - b.index)) {
    const list = byAttempt.get(attemptOf(m)) ?? [];
    list.push(m);
    byAttempt.set(attemptOf(m), list);
  }
  for (const [attempt, list] of byAttempt) {
    const seen = new Map<string, number>();
    let last: { rank: number; percent: number; stage: string } | undefined;
    for (const m of list) {
      const stage = String(m.payload?.currentStage ?? '');
      const percent = Number(m.payload?.progressPercent ?? 0);
      if (!seen.has(stage)) seen.set(stage, seen.size);
      // A stage's rank: its `[N단계]` number when it has one, else the order it first appeared.
      const rank = stageNumber(stage) ?? (seen.get(stage) as number);
      if (last && (rank < last.rank || (rank === last.rank && percent < last.percent))) {
        return {
          name,
          status: 'fail',
          saw: `attempt ${attempt}: "${stage}" ${percent}% after "${last.stage}" ${last.percent}%`,
        };
      }
      last = { rank, percent, stage };
    }
  }
  return { name, status: 'pass', saw: `${progress.length} progress message(s) in order` };
}

function inFlightVerdict(input: JudgeInput, stillThere: MessageInspection[]): Verdict {
  const name = 'nothing left in flight';
  if (input.leftOnQueue === undefined) {
    return { name, status: 'not-applicable', saw: 'needs our emulator to inspect the queue' };
  }
  if (stillThere.length === 0) return { name, status: 'pass', saw: 'the request is off the queue' };
  const m = stillThere[0]!;
  return {
    name,
    status: 'fail',
    saw: `still on the request queue (${m.state}, received ${m.receiveCount} times)`,
  };
}

function timeline(input: JudgeInput, own: JournalEvent[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const e of own) {
    if (e.kind === 'sent')
      entries.push({
        at: e.at,
        actor: 'api',
        kind: 'request-sent',
        text: `request sent (${e.messageId.slice(0, 8)})`,
      });
    if (e.kind === 'received')
      entries.push({
        at: e.at,
        actor: 'ai',
        kind: e.receiveCount > 1 ? 'duplicate-delivery' : 'ai-received',
        text: `received #${e.receiveCount}`,
      });
    if (e.kind === 'deleted')
      entries.push({ at: e.at, actor: 'ai', kind: 'ai-deleted', text: 'request deleted' });
  }
  for (const m of input.observed) {
    const status = statusOf(m);
    const progress = (m.taskType ?? '').endsWith('_PROGRESS');
    entries.push({
      at: m.sentAt,
      actor: 'result-queue',
      kind: progress ? 'progress-sent' : m.level === 'rejected' ? 'rejected' : 'result-sent',
      text: progress
        ? `${String(m.payload?.currentStage ?? '')} ${String(m.payload?.progressPercent ?? '')}%`
        : `${m.taskType ?? 'message'} ${status ?? ''} (${m.level})${typeof m.payload?.error === 'string' ? `: ${m.payload.error.slice(0, 200)}` : ''}`,
    });
  }
  return entries.sort((a, b) => a.at - b.at);
}
