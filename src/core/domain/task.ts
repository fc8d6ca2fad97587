// The task record and its vocabulary: what a generation, summary or add-node request looks like
// from the moment the API accepts it until the AI server's result is applied.

import { buildTaskId } from '../../contracts/index.ts';

export const TASK_KINDS = [
  'GRAPH_GENERATION',
  'GRAPH_SUMMARY',
  'ADD_NODE',
  'MICROSCOPE_INGEST',
  'MICROSCOPE_INGEST_FROM_NODE',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_STATUSES = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export type TerminalStatus = 'COMPLETED' | 'FAILED';

export interface TaskError {
  /** Stable machine-readable code, e.g. `AI_FAILED`, `DISPATCH_FAILED`. */
  code: string;
  message: string;
}

export interface Task {
  taskId: string;
  userId: string;
  kind: TaskKind;
  status: TaskStatus;
  /**
   * 0–100 within the current stage (the AI server restarts at 0 in each `[N단계]` stage);
   * progress never moves back to an earlier stage or a lower percent of the same stage.
   */
  progressPercent: number;
  currentStage: string | null;
  /**
   * When the AI server sent the applied progress (its message timestamp, epoch ms): orders
   * progress whose stage names carry no number. Null before any progress.
   */
  progressAt: number | null;
  etaSeconds: number | null;
  error: TaskError | null;
  /** S3 key of the AI output once COMPLETED (graph, summary or add-node result). */
  resultS3Key: string | null;
  /** S3 key (or prefix) of the input the request message points at. */
  inputS3Key: string;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
}

/** Rank of each status along the only direction a task may move. */
const RANK: Record<TaskStatus, number> = { PENDING: 0, PROCESSING: 1, COMPLETED: 2, FAILED: 2 };

export function isTerminal(status: TaskStatus): status is TerminalStatus {
  return RANK[status] === 2;
}

export function statusRank(status: TaskStatus): number {
  return RANK[status];
}

/** User ids become part of task ids and S3 keys, so they are kept to a safe alphabet. */
export const USER_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

export function isValidUserId(userId: string): boolean {
  return USER_ID_PATTERN.test(userId);
}

/** `task_{userId}_{ulid}` — the user id cannot contain `_`, so the id parses unambiguously. */
export function newTaskId(userId: string, ulid: string): string {
  if (!isValidUserId(userId)) throw new Error(`invalid user id "${userId}" for a task id`);
  return buildTaskId(userId, ulid);
}

export const TASK_ID_PATTERN = /^task_([A-Za-z0-9-]{1,64})_([0-9A-HJKMNP-TV-Z]{26})$/;

export function parseTaskId(taskId: string): { userId: string; ulid: string } | null {
  const match = TASK_ID_PATTERN.exec(taskId);
  if (!match) return null;
  return { userId: match[1]!, ulid: match[2]! };
}

export function newPendingTask(input: {
  taskId: string;
  userId: string;
  kind: TaskKind;
  inputS3Key: string;
  now: number;
}): Task {
  return {
    taskId: input.taskId,
    userId: input.userId,
    kind: input.kind,
    status: 'PENDING',
    progressPercent: 0,
    currentStage: null,
    etaSeconds: null,
    progressAt: null,
    error: null,
    resultS3Key: null,
    inputS3Key: input.inputS3Key,
    createdAt: input.now,
    updatedAt: input.now,
    completedAt: null,
  };
}
