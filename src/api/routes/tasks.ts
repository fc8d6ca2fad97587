// Task routes: one task's status, progress, timestamps and error; the user's tasks, newest first,
// in pages joined by an opaque cursor. Another user's task answers 404, exactly like a task that
// does not exist.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseTaskId } from '../../core/domain/task.ts';
import type { Store, TaskCursor } from '../../core/ports/store.ts';
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

  app.get<{ Querystring: { limit?: string; cursor?: string } }>(
    '/v1/tasks',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          // Query values are text and the app's ajv does not coerce, so the range is a pattern.
          properties: {
            limit: { type: 'string', pattern: '^([1-9][0-9]?|100)$' },
            cursor: { type: 'string', maxLength: 512 },
          },
        },
      },
    },
    async (request, reply) => {
      const limit = Number(request.query.limit ?? 20);
      let after: TaskCursor | undefined;
      if (request.query.cursor !== undefined) {
        after = decodeCursor(request.query.cursor) ?? undefined;
        if (!after) {
          return sendProblem(reply, 'invalid-request', {
            detail: 'cursor is not one this API handed out; pass nextCursor from a previous page',
            violations: [{ path: '/cursor', rule: 'cursor', message: 'unknown cursor' }],
          });
        }
      }
      const tasks = await deps.store.listTasks(deps.userOf(request), limit, after);
      const last = tasks[tasks.length - 1];
      return reply.send({
        tasks: tasks.map(presentTask),
        // A full page may have more behind it; a short one is the end.
        nextCursor: last && tasks.length === limit ? encodeCursor(last) : null,
      });
    },
  );
}

/** The cursor after `task`: opaque to clients (base64url of its creation time and id). */
export function encodeCursor(task: { createdAt: number; taskId: string }): string {
  return Buffer.from(JSON.stringify([task.createdAt, task.taskId])).toString('base64url');
}

export function decodeCursor(cursor: string): TaskCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      Number.isSafeInteger(value[0]) &&
      typeof value[1] === 'string' &&
      parseTaskId(value[1]) !== null
    ) {
      return { createdAt: value[0] as number, taskId: value[1] };
    }
  } catch {
    // Not base64url JSON: answered as an unknown cursor below.
  }
  return null;
}
