// The pipeline benchmark's verdict: every submitted task COMPLETED exactly once, one graph stored
// per task, one terminal event recorded, delivered and received per task, its result applied once,
// the outbox empty, and the queues and their DLQs drained. Read from the database through a store
// of its own (a fresh connection, not the stack's) so SQLite, MySQL and MongoDB are checked alike,
// and from SQS — not from what the components say about themselves.

import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Store } from '../../src/core/ports/store.ts';

export interface Accounting {
  /** Human-readable failures; empty when every check holds. */
  problems: string[];
  completed: number;
  graphs: number;
  terminalEvents: number;
}

const TERMINAL = new Set(['task.completed', 'task.failed']);

/** Checks the database against the submitted tasks (one user each) and the feed's terminal events. */
export async function accountStore(
  store: Store,
  submitted: readonly { taskId: string; userId: string }[],
  feedTerminals: ReadonlyMap<string, number>,
  now: number,
): Promise<Accounting> {
  const problems: string[] = [];
  const expected = submitted.length;
  const byStatus = new Map<string, number>();
  let completed = 0;
  let notStored = 0;
  let unknown = 0;
  let graphs = 0;
  let terminalEvents = 0;
  let repeated = 0;
  let undelivered = 0;
  let appliedResults = 0;
  for (const { taskId, userId } of submitted) {
    const stored = await store.listTasks(userId, 10);
    const task = stored.find((t) => t.taskId === taskId);
    unknown += stored.length - (task ? 1 : 0);
    if (!task) {
      notStored++;
      continue;
    }
    byStatus.set(task.status, (byStatus.get(task.status) ?? 0) + 1);
    if (task.status === 'COMPLETED') completed++;
    if ((await store.getGraph(userId))?.taskId === taskId) graphs++;
    const events = await store.listEvents(taskId);
    const terminal = events.filter((e) => TERMINAL.has(e.event.type)).length;
    terminalEvents += terminal;
    if (terminal > 1) repeated++;
    undelivered += events.filter((e) => e.deliveredAt === null).length;
    // A result whose inbox key is recorded answers `duplicate`; the probe decides to write nothing.
    const probe = await store.applyEffect({
      taskId,
      inbox: { taskId, messageType: 'GRAPH_GENERATION_RESULT', discriminator: '' },
      now,
      decide: () => ({ kind: 'reject', reason: 'accounting probe' }),
    });
    if (probe.kind === 'duplicate') appliedResults++;
  }
  if (notStored > 0) problems.push(`${notStored} submitted tasks are not stored`);
  if (unknown > 0) problems.push(`${unknown} stored tasks were never submitted`);
  if (completed !== expected) {
    problems.push(
      `${completed}/${expected} COMPLETED (${JSON.stringify(Object.fromEntries(byStatus))})`,
    );
  }
  if (graphs !== expected) problems.push(`${graphs} graphs stored for ${expected} tasks`);
  if (terminalEvents !== expected || repeated > 0) {
    problems.push(`${terminalEvents} terminal events recorded (${repeated} tasks with several)`);
  }
  if (undelivered > 0) problems.push(`${undelivered} events recorded but not delivered`);
  if (appliedResults !== expected) {
    problems.push(`${appliedResults} results applied for ${expected} tasks`);
  }
  // Leasing every entry due until the far future finds any left; the stack has stopped by now.
  const outbox = (await store.claimOutbox(Number.MAX_SAFE_INTEGER / 2, 1_000_000, 1)).length;
  if (outbox > 0) problems.push(`${outbox} request messages still in the outbox`);

  const notNotified = submitted.filter((s) => feedTerminals.get(s.taskId) !== 1).length;
  if (notNotified > 0) {
    problems.push(`${notNotified} tasks did not reach the event feed exactly once as terminal`);
  }
  return { problems, completed, graphs, terminalEvents };
}

const DEPTH = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
] as const;

/** Messages (visible, in flight, delayed) in each queue, by URL. */
export async function queueDepths(
  sqs: SQSClient,
  urls: readonly string[],
): Promise<Map<string, number>> {
  const depths = new Map<string, number>();
  for (const url of urls) {
    const out = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [...DEPTH] }),
    );
    depths.set(
      url,
      DEPTH.reduce((sum, name) => sum + Number(out.Attributes?.[name] ?? 0), 0),
    );
  }
  return depths;
}

/**
 * Waits (up to `timeoutMs`) for every queue to be empty: the worker deletes a message just after
 * it has notified, so the last deletes trail the last completion slightly.
 */
export async function waitDrained(
  sqs: SQSClient,
  urls: readonly string[],
  timeoutMs: number,
): Promise<string[]> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const depths = await queueDepths(sqs, urls);
    const left = [...depths].filter(([, n]) => n > 0);
    if (left.length === 0) return [];
    if (performance.now() > deadline) {
      return left.map(([url, n]) => `${n} messages left in ${url.split('/').at(-1)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
