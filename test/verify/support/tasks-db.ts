// The back end's task store, from outside the worker process, for the verify backend test:
// `seed DATABASE_URL N` creates N PENDING graph tasks (as the API would) and prints their ids, one
// a line; `status DATABASE_URL TASK_ID` prints the task's status (the user's status probe).
import { newPendingTask, newTaskId } from '../../../src/core/domain/task.ts';
import { openStore } from '../../../src/infra/store/open-store.ts';
import { ulidSource } from '../../../src/kernel/ids.ts';

const [command, url, arg] = process.argv.slice(2);
const store = await openStore(url);
try {
  if (command === 'seed') {
    const ulid = ulidSource({ now: () => Date.now() });
    const userId = '5b7e1c2d-8a4f-4b3c-9d2e-1f0a2b3c4d5e';
    for (let i = 0; i < Number(arg); i++) {
      const taskId = newTaskId(userId, ulid());
      const task = newPendingTask({
        taskId,
        userId,
        kind: 'GRAPH_GENERATION',
        inputS3Key: `graph-generation/${taskId}/input.json`,
        now: Date.now(),
      });
      await store.createTask({
        task,
        requestBody: '{}',
        outboxAvailableAt: Date.now(),
        idempotency: null,
      });
      process.stdout.write(`${taskId}\n`);
    }
  } else if (command === 'status') {
    process.stdout.write(`${(await store.getTask(arg ?? ''))?.status ?? ''}\n`);
  } else {
    process.stderr.write('usage: tasks-db.ts seed|status DATABASE_URL N|TASK_ID\n');
    process.exitCode = 2;
  }
} finally {
  await store.close();
}
