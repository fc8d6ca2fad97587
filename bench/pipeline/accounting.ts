// The pipeline benchmark's verdict: every submitted task COMPLETED exactly once, one graph stored
// per task, one terminal event recorded, delivered and received per task, the outbox empty, and the
// queues and their DLQs drained. Read from the SQLite file itself (read-only) and from SQS, not
// from what the components say about themselves.

import { DatabaseSync } from 'node:sqlite';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface Accounting {
  /** Human-readable failures; empty when every check holds. */
  problems: string[];
  completed: number;
  graphs: number;
  terminalEvents: number;
}

type Row = Record<string, unknown>;

function count(db: DatabaseSync, sql: string, ...params: string[]): number {
  const row = db.prepare(sql).get(...params) as Row | undefined;
  return Number(row?.n ?? 0);
}

/** Checks the database against the submitted task ids and the terminal events the feed saw. */
export function accountStore(
  databasePath: string,
  taskIds: ReadonlySet<string>,
  feedTerminals: ReadonlyMap<string, number>,
): Accounting {
  const problems: string[] = [];
  const expected = taskIds.size;
  const db = new DatabaseSync(databasePath, { readOnly: true });
  try {
    const tasks = db.prepare('SELECT task_id, status FROM tasks').all() as Row[];
    const status = new Map(tasks.map((t) => [String(t.task_id), String(t.status)]));
    const byStatus = new Map<string, number>();
    for (const t of tasks) {
      byStatus.set(String(t.status), (byStatus.get(String(t.status)) ?? 0) + 1);
    }
    const completed = [...taskIds].filter((id) => status.get(id) === 'COMPLETED').length;
    const notStored = [...taskIds].filter((id) => !status.has(id)).length;
    if (notStored > 0) problems.push(`${notStored} submitted tasks are not stored`);
    const unknown = tasks.filter((t) => !taskIds.has(String(t.task_id))).length;
    if (unknown > 0) problems.push(`${unknown} stored tasks were never submitted`);
    if (completed !== expected) {
      problems.push(
        `${completed}/${expected} COMPLETED (${JSON.stringify(Object.fromEntries(byStatus))})`,
      );
    }

    const graphs = count(
      db,
      'SELECT count(*) AS n FROM graphs g JOIN tasks t ON t.task_id = g.task_id AND t.user_id = g.user_id',
    );
    if (graphs !== expected) problems.push(`${graphs} graphs stored for ${expected} tasks`);

    const terminal = `json_extract(payload, '$.type') IN ('task.completed', 'task.failed')`;
    const terminalEvents = count(db, `SELECT count(*) AS n FROM task_events WHERE ${terminal}`);
    const repeated = count(
      db,
      `SELECT count(*) AS n FROM (SELECT task_id FROM task_events WHERE ${terminal} GROUP BY task_id HAVING count(*) > 1)`,
    );
    if (terminalEvents !== expected || repeated > 0) {
      problems.push(`${terminalEvents} terminal events recorded (${repeated} tasks with several)`);
    }
    const undelivered = count(
      db,
      'SELECT count(*) AS n FROM task_events WHERE delivered_at IS NULL',
    );
    if (undelivered > 0) problems.push(`${undelivered} events recorded but not delivered`);
    const appliedResults = count(
      db,
      "SELECT count(*) AS n FROM inbox WHERE message_type = 'GRAPH_GENERATION_RESULT'",
    );
    if (appliedResults !== expected) {
      problems.push(`${appliedResults} results applied for ${expected} tasks`);
    }
    const outbox = count(db, 'SELECT count(*) AS n FROM outbox');
    if (outbox > 0) problems.push(`${outbox} request messages still in the outbox`);

    const notNotified = [...taskIds].filter((id) => feedTerminals.get(id) !== 1).length;
    if (notNotified > 0) {
      problems.push(`${notNotified} tasks did not reach the event feed exactly once as terminal`);
    }
    return { problems, completed, graphs, terminalEvents };
  } finally {
    db.close();
  }
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
