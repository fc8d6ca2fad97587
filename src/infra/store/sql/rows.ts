// Row ↔ record mapping shared by the SQL adapters (SQLite, MySQL): both use the same column names, so a task or
// graph is read and written one way.

import type { TaskEvent } from '../../../core/domain/events.ts';
import {
  TASK_KINDS,
  TASK_STATUSES,
  type Task,
  type TaskKind,
  type TaskStatus,
} from '../../../core/domain/task.ts';
import type { GraphRecord, OutboxEntry, StalledTask } from '../../../core/ports/store.ts';

export type Row = Record<string, unknown>;

function num(row: Row, column: string): number {
  const value = row[column];
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  throw new Error(`column ${column} is not a number (${typeof value})`);
}

function numOrNull(row: Row, column: string): number | null {
  return row[column] === null || row[column] === undefined ? null : num(row, column);
}

function str(row: Row, column: string): string {
  const value = row[column];
  if (typeof value === 'string') return value;
  throw new Error(`column ${column} is not text (${typeof value})`);
}

function strOrNull(row: Row, column: string): string | null {
  return row[column] === null || row[column] === undefined ? null : str(row, column);
}

function oneOf<T extends string>(values: readonly T[], value: string, column: string): T {
  const found = values.find((v) => v === value);
  if (found === undefined) throw new Error(`column ${column} holds unknown value "${value}"`);
  return found;
}

export const TASK_COLUMNS = [
  'task_id',
  'user_id',
  'kind',
  'status',
  'progress_percent',
  'current_stage',
  'eta_seconds',
  'progress_at',
  'error_code',
  'error_message',
  'result_s3_key',
  'input_s3_key',
  'created_at',
  'updated_at',
  'completed_at',
] as const;

export function taskToParams(task: Task): (string | number | null)[] {
  return [
    task.taskId,
    task.userId,
    task.kind,
    task.status,
    task.progressPercent,
    task.currentStage,
    task.etaSeconds,
    task.progressAt,
    task.error?.code ?? null,
    task.error?.message ?? null,
    task.resultS3Key,
    task.inputS3Key,
    task.createdAt,
    task.updatedAt,
    task.completedAt,
  ];
}

export function rowToTask(row: Row): Task {
  const errorCode = strOrNull(row, 'error_code');
  return {
    taskId: str(row, 'task_id'),
    userId: str(row, 'user_id'),
    kind: oneOf<TaskKind>(TASK_KINDS, str(row, 'kind'), 'kind'),
    status: oneOf<TaskStatus>(TASK_STATUSES, str(row, 'status'), 'status'),
    progressPercent: num(row, 'progress_percent'),
    currentStage: strOrNull(row, 'current_stage'),
    etaSeconds: numOrNull(row, 'eta_seconds'),
    progressAt: numOrNull(row, 'progress_at'),
    error:
      errorCode === null
        ? null
        : { code: errorCode, message: strOrNull(row, 'error_message') ?? '' },
    resultS3Key: strOrNull(row, 'result_s3_key'),
    inputS3Key: str(row, 'input_s3_key'),
    createdAt: num(row, 'created_at'),
    updatedAt: num(row, 'updated_at'),
    completedAt: numOrNull(row, 'completed_at'),
  };
}

export function rowToOutbox(row: Row): OutboxEntry {
  return {
    taskId: str(row, 'task_id'),
    body: str(row, 'body'),
    attempts: num(row, 'attempts'),
    nextAttemptAt: num(row, 'next_attempt_at'),
    lastError: strOrNull(row, 'last_error'),
  };
}

export function rowToGraph(row: Row): GraphRecord {
  return {
    userId: str(row, 'user_id'),
    taskId: str(row, 'task_id'),
    graphJson: str(row, 'graph_json'),
    graphS3Key: str(row, 'graph_s3_key'),
    summaryJson: strOrNull(row, 'summary_json'),
    summaryS3Key: strOrNull(row, 'summary_s3_key'),
    updatedAt: num(row, 'updated_at'),
  };
}

export function rowToEvent(row: Row): TaskEvent {
  // Written only by this code from a TaskEvent, so the shape is trusted.
  return JSON.parse(str(row, 'payload')) as TaskEvent;
}

/** `UPDATE tasks SET` clause for every column but the key. */
export const TASK_UPDATE_SET = TASK_COLUMNS.slice(1)
  .map((c) => `${c} = ?`)
  .join(', ');

export function taskUpdateParams(task: Task): (string | number | null)[] {
  const [id, ...rest] = taskToParams(task);
  return [...rest, id ?? null];
}

/** A row of the stalled-task query: the task's columns plus its recorded request. */
export function rowToStalled(row: Row): StalledTask {
  return {
    task: rowToTask(row),
    requestBody: str(row, 'dispatch_body'),
    redispatches: num(row, 'dispatch_redispatches'),
  };
}
