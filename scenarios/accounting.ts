// Verdicts as accounting (SQS-SEMANTICS "what nothing lost means"): after the system settled,
// count per task — final status, result parked in the DLQ (with its receive count), terminal
// transitions, graph writes, notifications — and compare with what the scenario expected. Pure:
// takes the observations, returns task accounts, counters and verdicts.
import { MANIFEST } from '../src/contracts/manifest.ts';
import type { AppliedEffect } from '../src/infra/recording/recorder.ts';
import type { Counters, Observations, TaskAccount, Verdict } from './model.ts';

export type { DlqMessage, Observations } from './model.ts';

/** Receives after which SQS parks a message, as the contract manifest (and production) define it. */
export const EXPECTED_RECEIVE_COUNT = MANIFEST.redrive.maxReceiveCount;

const TERMINAL = new Set(['COMPLETED', 'FAILED']);

/** COMPLETED or FAILED: a task in it never moves again. */
export function isTerminal(status: string | null | undefined): boolean {
  return TERMINAL.has(status ?? '');
}

/** Tasks the worker has applied a terminal transition to, from the recorder's effects. */
export function terminalTaskIds(effects: readonly AppliedEffect[]): Set<string> {
  return new Set(
    effects.filter((e) => e.outcome === 'applied' && isTerminal(e.status)).map((e) => e.taskId),
  );
}

function group<T>(items: T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export function account(o: Observations): {
  tasks: TaskAccount[];
  counters: Counters;
  verdicts: Verdict[];
} {
  const effectsBy = group(o.effects, (e) => e.taskId);
  const notesBy = group(o.notifications, (n) => n.taskId);
  const dlqBy = group(o.resultDlq, (m) => m.taskId);
  const receiptsBy = group(o.receipts, (r) => r.taskId);

  const tasks: TaskAccount[] = [];
  for (const [taskId, { user, expected }] of o.submitted) {
    const status = o.statuses.get(taskId) ?? 'MISSING';
    const effects = effectsBy.get(taskId) ?? [];
    const notes = notesBy.get(taskId) ?? [];
    const dlq = dlqBy.get(taskId) ?? [];
    const receipts = receiptsBy.get(taskId) ?? [];
    const terminal = isTerminal(status);
    const inDlq = dlq.length > 0;
    const outcome: TaskAccount['outcome'] =
      terminal && inDlq
        ? 'MULTIPLE'
        : terminal
          ? (status as 'COMPLETED' | 'FAILED')
          : inDlq
            ? 'DLQ'
            : 'NONE';
    tasks.push({
      taskId,
      user,
      expected,
      status,
      error: o.errors.get(taskId) ?? null,
      inDlq,
      dlqReceiveCount: dlq[0]?.receiveCount ?? null,
      outcome,
      terminalTransitions: effects.filter((e) => e.outcome === 'applied' && isTerminal(e.status))
        .length,
      graphWrites: effects.filter((e) => e.graph).length,
      // Distinct events: a re-published event (same eventId) is deduplicated by receivers.
      terminalNotifications: new Set(
        notes.filter((n) => n.type !== 'task.progress').map((n) => n.eventId),
      ).size,
      deliveries: receipts.filter((r) => r.actor === 'worker').length,
      aiReceives: receipts.filter((r) => r.actor === 'ai').length,
      aiRedeliveries: receipts.filter((r) => r.actor === 'ai' && r.receiveCount > 1).length,
      rejections: effects.filter((e) => e.outcome === 'rejected').map((e) => e.reason ?? ''),
      timeline: [],
    });
  }

  const verdicts: Verdict[] = [];
  const verdict = (name: string, bad: string[], ok: string, fail: (n: number) => string) =>
    verdicts.push(
      bad.length === 0
        ? { name, status: 'pass', detail: ok }
        : { name, status: 'fail', detail: fail(bad.length), tasks: bad },
    );

  verdict('settled', o.settled.ok ? [] : ['(system)'], o.settled.detail, () => o.settled.detail);

  const none = tasks.filter((t) => t.outcome === 'NONE');
  verdict(
    'lost = 0',
    none.map((t) => t.taskId),
    `all ${tasks.length} tasks reached a terminal state or the DLQ`,
    (n) =>
      `${n} task(s) with no committed effect and nothing in the DLQ (status: ${[...new Set(none.map((t) => t.status))].join(', ')})`,
  );

  const multiple = tasks.filter((t) => t.outcome === 'MULTIPLE');
  verdict(
    'exactly one terminal state per task',
    multiple.map((t) => t.taskId),
    'no task both applied and parked',
    (n) => `${n} task(s) are ${multiple[0]?.status} and also have a result in the DLQ`,
  );

  const submittedIds = new Set(o.submitted.keys());
  const strayEffects = [
    ...new Set(
      o.effects
        .filter((e) => e.outcome === 'applied' && !submittedIds.has(e.taskId))
        .map((e) => e.taskId),
    ),
  ];
  const wrong = tasks.filter(
    (t) => t.outcome !== 'NONE' && t.outcome !== 'MULTIPLE' && t.outcome !== t.expected,
  );
  verdict(
    'unexpected = 0',
    [...wrong.map((t) => t.taskId), ...strayEffects],
    'every task ended as its scenario expects; no effect for an unknown task',
    () =>
      [
        ...wrong.slice(0, 3).map((t) => `${t.taskId}: expected ${t.expected}, got ${t.outcome}`),
        ...(strayEffects.length
          ? [`${strayEffects.length} effect(s) for tasks nobody submitted`]
          : []),
        ...(wrong.length > 3 ? [`… ${wrong.length - 3} more`] : []),
      ].join('; '),
  );

  const duplicated: string[] = [];
  const duplicateLines: string[] = [];
  let duplicateEffects = 0;
  for (const t of tasks) {
    const extra = {
      'state transitions': Math.max(0, t.terminalTransitions - 1),
      'graph writes': Math.max(0, t.graphWrites - 1),
      'terminal notifications': Math.max(0, t.terminalNotifications - 1),
      'progress notifications': 0,
    };
    const progress = group(
      (notesBy.get(t.taskId) ?? []).filter((n) => n.type === 'task.progress'),
      (n) => `${n.status}/${n.progressPercent}/${n.currentStage}`,
    );
    for (const list of progress.values()) {
      extra['progress notifications'] += new Set(list.map((n) => n.eventId)).size - 1;
    }
    const sum = Object.values(extra).reduce((a, b) => a + b, 0);
    if (sum > 0) {
      duplicateEffects += sum;
      duplicated.push(t.taskId);
      if (duplicateLines.length < 3) {
        duplicateLines.push(
          `${t.taskId}: ${Object.entries(extra)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => `${n} extra ${k}`)
            .join(', ')}`,
        );
      }
    }
  }
  verdict(
    'duplicate effects = 0',
    duplicated,
    'each task changed state, wrote its graph and notified at most once',
    () =>
      `${duplicateEffects} duplicate effect(s) in ${duplicated.length} task(s): ${duplicateLines.join('; ')}`,
  );

  const silent = tasks.filter((t) => isTerminal(t.status) && t.terminalNotifications === 0);
  verdict(
    'each terminal transition notified',
    silent.map((t) => t.taskId),
    'every finished task notified its user',
    (n) => `${n} finished task(s) never notified`,
  );

  const expectedDlq = new Set(tasks.filter((t) => t.expected === 'DLQ').map((t) => t.taskId));
  const dlqTasks = new Set(o.resultDlq.map((m) => m.taskId ?? '(no task id)'));
  const missingFromDlq = [...expectedDlq].filter((id) => !dlqTasks.has(id));
  const notPoison = [...dlqTasks].filter((id) => !expectedDlq.has(id));
  const wrongCount = o.resultDlq.filter((m) => m.receiveCount !== EXPECTED_RECEIVE_COUNT);
  verdict(
    'DLQ holds exactly the poison',
    [...missingFromDlq, ...notPoison, ...wrongCount.map((m) => m.taskId ?? '(no task id)')],
    expectedDlq.size === 0
      ? 'result DLQ empty, as expected'
      : `result DLQ holds the ${expectedDlq.size} poison message(s), each after ${EXPECTED_RECEIVE_COUNT} receives`,
    () =>
      [
        missingFromDlq.length ? `${missingFromDlq.length} poison message(s) not in the DLQ` : '',
        notPoison.length ? `${notPoison.length} non-poison message(s) in the DLQ` : '',
        wrongCount.length
          ? `receive counts ${wrongCount.map((m) => m.receiveCount).join(',')} instead of ${EXPECTED_RECEIVE_COUNT}`
          : '',
      ]
        .filter(Boolean)
        .join('; '),
  );
  const allowed = new Set(o.requestDlqAllowed);
  const parkedRequests = o.requestDlq.map((m) => m.taskId ?? '(no task id)');
  const unexpectedRequests = parkedRequests.filter(
    (id) => !allowed.has(o.submitted.get(id)?.user ?? ''),
  );
  verdict(
    'request DLQ holds only allowed requests',
    unexpectedRequests,
    parkedRequests.length === 0
      ? 'no request was parked'
      : `${parkedRequests.length} request(s) parked, all from users whose AI never deletes in time (${[...allowed].join(', ')})`,
    (n) => `${n} request(s) parked in the request DLQ`,
  );
  verdict(
    'queues drained',
    o.leftInQueues.request + o.leftInQueues.result > 0 ? ['(queues)'] : [],
    'request and result queues empty at the end',
    () =>
      `${o.leftInQueues.request} request and ${o.leftInQueues.result} result message(s) left behind`,
  );
  if (o.redrive) {
    const notDone = o.redrive.tasks.filter((id) => o.statuses.get(id) !== 'COMPLETED');
    verdict(
      'redrive after the fix completes the poison',
      notDone,
      `${o.redrive.tasks.length} redriven task(s) COMPLETED`,
      (n) => `${n} redriven task(s) not COMPLETED`,
    );
  }

  const workerReceipts = o.receipts.filter((r) => r.actor === 'worker');
  const aiReceipts = o.receipts.filter((r) => r.actor === 'ai');
  const counters: Counters = {
    tasks: tasks.length,
    completed: tasks.filter((t) => t.status === 'COMPLETED').length,
    failed: tasks.filter((t) => t.status === 'FAILED').length,
    parkedInDlq: o.resultDlq.length,
    poisonTasks: expectedDlq.size,
    tasksInDlq: dlqTasks.size,
    lost: none.length,
    unexpected: wrong.length + strayEffects.length,
    duplicateEffects,
    workerDeliveries: workerReceipts.length,
    workerRedeliveries: workerReceipts.filter((r) => r.receiveCount > 1).length,
    aiReceives: aiReceipts.length,
    aiRedeliveries: aiReceipts.filter((r) => r.receiveCount > 1).length,
    resultsSent: o.resultsSent,
    notificationRepeats:
      o.notifications.length - new Set(o.notifications.map((n) => n.eventId)).size,
    duplicatesIgnored: o.effects.filter(
      (e) => e.outcome === 'duplicate' || (e.outcome === 'ignored' && e.reason === 'terminal'),
    ).length,
    rejections: o.rejections,
    failures: o.failures,
    faultHits: o.faultHits,
    findings: o.findings,
  };
  return { tasks, counters, verdicts };
}
