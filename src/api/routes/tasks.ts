// Task routes: one task's status, progress, timestamps and error; the user's recent tasks.
// Another user's task answers 404, exactly like a task that does not exist.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseTaskId } from '../../core/domain/task.ts';
import type { Store } from '../../core/ports/store.ts';
import { presentTask } from '../presenters.ts';
import { sendProblem } from '../problems.ts';

export function taskRoutes(
  app: FastifyInstance,
  deps: { store: Store; userOf(request: FastifyRequest): string },
): void {
  app.get<{ Params: { taskId: string } }>('/v1/tasks/:taskId', async (request, reply) => {
    const { taskId } = request.params;
    if (!parseTaskId(taskId)) {
      return sendProblem(reply, 'invalid-task-id', {
        detail: 'Task ids look like task_{userId}_{ulid}',
      });
    }
    const task = await deps.store.getTask(taskId);
    if (!task || task.userId !== deps.userOf(request)) {
      return sendProblem(reply, 'task-not-found', { detail: `No task ${taskId} for this user` });
    }
    return reply.send(presentTask(task));
  });

  app.get<{ Querystring: { limit?: string } }>(
    '/v1/tasks',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          // Query values are text and the app's ajv does not coerce, so the range is a pattern.
          properties: { limit: { type: 'string', pattern: '^([1-9][0-9]?|100)$' } },
        },
      },
    },
    async (request, reply) => {
      const tasks = await deps.store.listTasks(
        deps.userOf(request),
        Number(request.query.limit ?? 20),
      );
      return reply.send({ tasks: tasks.map(presentTask) });
    },
  );
}
