// Submits the workload to the API over real HTTP with a bounded number of requests in flight, and
// records when each task was submitted (the start of its end-to-end time).
import type { BenchTask } from './workload.ts';

export interface Submitted {
  task: BenchTask;
  taskId: string;
  /** performance.now() just before the request was sent. */
  submittedAt: number;
}

export async function submitAll(
  apiUrl: string,
  tasks: readonly BenchTask[],
  concurrency: number,
  onSubmitted: (s: Submitted) => void,
): Promise<Submitted[]> {
  const done: Submitted[] = [];
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const task = tasks[next++] as BenchTask;
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
        throw new Error(
          `task ${task.index} (${task.userId}): API answered ${response.status} ${text}`,
        );
      }
      const { taskId } = JSON.parse(text) as { taskId?: unknown };
      if (typeof taskId !== 'string') throw new Error(`202 without a taskId: ${text}`);
      const submitted = { task, taskId, submittedAt };
      done.push(submitted);
      onSubmitted(submitted);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, lane));
  return done;
}
