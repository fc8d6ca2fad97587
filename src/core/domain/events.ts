// Task events: what users are told (SSE, Redis, webhooks) when a task moves.

import type { Task, TaskError, TaskKind, TaskStatus } from './task.ts';

export const TASK_EVENT_TYPES = ['task.progress', 'task.completed', 'task.failed'] as const;
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];

export interface TaskEvent {
  /** Unique per event; receivers deduplicate on it. */
  eventId: string;
  type: TaskEventType;
  taskId: string;
  userId: string;
  kind: TaskKind;
  status: TaskStatus;
  progressPercent: number;
  currentStage: string | null;
  error: TaskError | null;
  /** ISO-8601 UTC. */
  occurredAt: string;
}

export function eventForTask(task: Task, eventId: string): TaskEvent {
  const type: TaskEventType =
    task.status === 'COMPLETED'
      ? 'task.completed'
      : task.status === 'FAILED'
        ? 'task.failed'
        : 'task.progress';
  return {
    eventId,
    type,
    taskId: task.taskId,
    userId: task.userId,
    kind: task.kind,
    status: task.status,
    progressPercent: task.progressPercent,
    currentStage: task.currentStage,
    error: task.error,
    occurredAt: new Date(task.updatedAt).toISOString(),
  };
}
