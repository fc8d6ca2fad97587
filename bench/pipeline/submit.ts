// Submits the workload to the API over real HTTP from `lanes` concurrent clients. Each client sends
// a task, waits until it has ended (closed loop, so at most `lanes` tasks are in the pipeline and
// latency is the pipeline's, not a backlog's), then sends the next, until the tasks run out or the
// submission deadline passes.
import type { BenchTask } from './workload.ts';

export interface Submitted {
  task: BenchTask;
  taskId: string;
  /** performance.now() just before the request was sent. */
  submittedAt: number;
}

export interface SubmitOptions {
  lanes: number;
  /** performance.now() after which no new task is started. */
  deadline: number;
  /** Resolves when the lane may go on (the task ended, or waiting for it gave up). */
  settled: (submitted: Submitted) => Promise<unknown>;
}

async function submitOne(apiUrl: string, task: BenchTask): Promise<Submitted> {
  const submittedAt = performance.now();
  const response = await fetch(`${apiUrl}/v1/graphs/generate`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${task.token}`,
      'content-type': 'application/json',
      'idempotency-key': `bench-${task.userId}`,
    },
    body: task.body,
  });
  const text = await response.text();
  if (response.status !== 202) {
    throw new Error(`task ${task.index} (${task.userId}): API answered ${response.status} ${text}`);
  }
  const { taskId } = JSON.parse(text) as { taskId?: unknown };
  if (typeof taskId !== 'string') throw new Error(`202 without a taskId: ${text}`);
  return { task, taskId, submittedAt };
}

export async function submitAll(
  apiUrl: string,
  tasks: readonly BenchTask[],
  options: SubmitOptions,
): Promise<Submitted[]> {
  const done: Submitted[] = [];
  let next = 0;
  const lane = async () => {
    while (next < tasks.length && performance.now() < options.deadline) {
      const submitted = await submitOne(apiUrl, tasks[next++] as BenchTask);
      done.push(submitted);
      await options.settled(submitted);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.lanes, tasks.length) }, lane));
  return done;
}
