// A worker process is killed with SIGKILL while it holds result messages (received, not yet
// applied or deleted). Nothing is lost: the messages come back after the 300 s visibility timeout
// and another worker applies each once.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { taskIdOf } from '../../src/infra/recording/recorder.ts';
import { EXTERNAL_REAL_TIME, type ScenarioDefinition, type StackContext } from '../model.ts';
import type {
  WorkerProcessConfig,
  WorkerProcessEvent,
} from '../processes/result-worker-process.ts';

const CHILD = fileURLToPath(new URL('../processes/result-worker-process.ts', import.meta.url));

async function killWorkerMidMessage(ctx: StackContext): Promise<void> {
  const config: WorkerProcessConfig = {
    endpoint: ctx.endpoint,
    queueUrl: ctx.queues.result.url,
    bucket: ctx.bucket,
    databaseUrl: ctx.databaseUrl,
    visibilityTimeoutSeconds: ctx.setup.visibilityTimeoutSeconds,
    waitTimeSeconds: ctx.setup.waitTimeSeconds,
    batchSize: ctx.setup.workerBatchSize,
  };
  const child = fork(CHILD, [JSON.stringify(config)], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  let applying = false;
  const held = new Set<string>();
  child.on('message', (event: WorkerProcessEvent) => {
    if (event.type === 'received') {
      const taskId = taskIdOf(event.body);
      if (taskId) held.add(taskId);
      ctx.recorder.note(taskId, {
        actor: 'worker',
        kind: 'worker-received',
        text: `worker process pid ${child.pid} received ${event.messageId.slice(0, 8)} #${event.receiveCount}`,
      });
    } else if (event.type === 'applying') {
      applying = true;
    }
  });
  try {
    await ctx.waitFor('the worker process to start applying a message', () => applying, 20_000);
  } finally {
    child.kill('SIGKILL');
  }
  const how = await exited;
  for (const taskId of held) {
    ctx.recorder.note(taskId, {
      actor: 'worker',
      kind: 'fault',
      text: `worker process pid ${child.pid} killed (${String(how)}) mid-message`,
    });
  }
  if (how !== 'SIGKILL') throw new Error(`worker process ended with ${String(how)}, not SIGKILL`);
  ctx.addWorker();
}

export const workerKilled: ScenarioDefinition = {
  name: 'worker-killed',
  title: 'Worker process killed mid-message (SIGKILL)',
  given: [
    'a result worker in its own process, sharing the database file',
    'result visibility timeout 300 s',
  ],
  when: [
    '10 tasks are submitted',
    'the worker process is killed with SIGKILL while applying',
    'a fresh worker starts',
  ],
  outcomes: [
    'the held messages come back after the visibility timeout',
    'every task COMPLETED once, nothing in the DLQ',
  ],
  setup: { workers: 0, database: 'file', timeScale: 300 },
  faults: { infrastructure: ['SIGKILL of the worker process mid-message'] },
  needsEmulator: true,
  // On LocalStack the same worker process is killed; its messages come back after 3 s.
  external: { setup: { ...EXTERNAL_REAL_TIME, database: 'file' } },
  load: [{ user: 'killed', count: 10, expect: 'COMPLETED' }],
  steps: { during: killWorkerMidMessage },
  checks: ({ tasks }) => {
    // Receives by the in-process worker (the killed process reports its own separately).
    const took = tasks.filter((t) => t.deliveries > 0);
    return [
      took.length === tasks.length
        ? {
            name: 'a surviving worker finished the work',
            status: 'pass',
            detail: `${took.length} task(s) delivered to the new worker`,
          }
        : {
            name: 'a surviving worker finished the work',
            status: 'fail',
            detail: `${tasks.length - took.length} task(s) never reached the new worker`,
          },
    ];
  },
};
