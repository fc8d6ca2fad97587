// The task state machine. A task only moves forward (PENDING → PROCESSING → COMPLETED | FAILED),
// progress never goes backwards, and nothing changes a terminal task: at-least-once delivery and
// racing AI replicas mean late, duplicate and out-of-order messages are normal, not errors.

import { stageNumber } from '../../contracts/stage.ts';
import { isTerminal, type Task, type TaskError } from './task.ts';

export type IgnoreReason = 'terminal' | 'stale-progress' | 'no-change';

export type Transition = { kind: 'apply'; task: Task } | { kind: 'ignore'; reason: IgnoreReason };

export interface ProgressUpdate {
  progressPercent: number;
  currentStage: string;
  etaSeconds: number | null;
  /** The progress message's own timestamp (epoch ms), when it has a readable one. */
  sentAt?: number | null;
}

/**
 * Whether an update is newer than the task's progress (> 0), older (< 0) or level (0): by stage
 * number then percent, since percent restarts at 0 in each stage; when a stage has no number,
 * by the messages' own timestamps; failing those, by percent alone.
 */
export function progressOrder(task: Task, update: ProgressUpdate): number {
  const percent = Math.sign(update.progressPercent - task.progressPercent);
  const before = stageNumber(task.currentStage);
  const after = stageNumber(update.currentStage);
  if (before !== undefined && after !== undefined) return Math.sign(after - before) || percent;
  if (update.sentAt != null && task.progressAt != null) {
    return Math.sign(update.sentAt - task.progressAt) || percent;
  }
  return percent;
}

export function applyProgress(task: Task, update: ProgressUpdate, now: number): Transition {
  if (isTerminal(task.status)) return { kind: 'ignore', reason: 'terminal' };
  if (task.status !== 'PENDING' && progressOrder(task, update) < 0) {
    return { kind: 'ignore', reason: 'stale-progress' };
  }
  if (
    task.status === 'PROCESSING' &&
    update.progressPercent === task.progressPercent &&
    update.currentStage === task.currentStage
  ) {
    return { kind: 'ignore', reason: 'no-change' };
  }
  return {
    kind: 'apply',
    task: {
      ...task,
      status: 'PROCESSING',
      progressPercent: update.progressPercent,
      currentStage: update.currentStage,
      etaSeconds: update.etaSeconds,
      progressAt: update.sentAt ?? task.progressAt,
      updatedAt: Math.max(now, task.updatedAt),
    },
  };
}

export type ResultUpdate =
  | { status: 'COMPLETED'; resultS3Key: string | null }
  | { status: 'FAILED'; error: TaskError };

export function applyResult(task: Task, result: ResultUpdate, now: number): Transition {
  if (isTerminal(task.status)) return { kind: 'ignore', reason: 'terminal' };
  const at = Math.max(now, task.updatedAt);
  if (result.status === 'COMPLETED') {
    return {
      kind: 'apply',
      task: {
        ...task,
        status: 'COMPLETED',
        progressPercent: 100,
        etaSeconds: null,
        error: null,
        resultS3Key: result.resultS3Key,
        updatedAt: at,
        completedAt: at,
      },
    };
  }
  return {
    kind: 'apply',
    task: {
      ...task,
      status: 'FAILED',
      etaSeconds: null,
      error: result.error,
      updatedAt: at,
      completedAt: at,
    },
  };
}
