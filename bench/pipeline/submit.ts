// Submits the workload to the API over real HTTP from `lanes` concurrent clients. Each client sends
// a task, waits until it has ended (closed loop, so at most `lanes` tasks are in the pipeline and
// latency is the pipeline's, not a backlog's), then sends the next, until the tasks run out or the
// submission deadline passes. The clients speak node:http over kept-alive connections: the load
// generator's CPU counts in the CPU-per-task row, and fetch (undici) spent about 0.3 ms of CPU per
// request here against about 0.1 ms for node:http.
import { Agent, request } from 'node:http';
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

/** POSTs a task and resolves with the answer's status and body. */
function post(agent: Agent, url: URL, task: BenchTask): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: 'POST',
        headers: {
          authorization: `Bearer ${task.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(task.body),
          'idempotency-key': `bench-${task.userId}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(task.body);
  });
}

async function submitOne(agent: Agent, url: URL, task: BenchTask): Promise<Submitted> {
  const submittedAt = performance.now();
  const { status, text } = await post(agent, url, task);
  if (status !== 202) {
    throw new Error(`task ${task.index} (${task.userId}): API answered ${status} ${text}`);
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
  const url = new URL('/v1/graphs/generate', apiUrl);
  // One kept-alive connection per lane, as a pool of browsers or SDK clients would hold.
  const agent = new Agent({ keepAlive: true, maxSockets: options.lanes });
  let next = 0;
  const lane = async () => {
    while (next < tasks.length && performance.now() < options.deadline) {
      const submitted = await submitOne(agent, url, tasks[next++] as BenchTask);
      done.push(submitted);
      await options.settled(submitted);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.lanes, tasks.length) }, lane));
  } finally {
    agent.destroy();
  }
  return done;
}
