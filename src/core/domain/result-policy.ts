// How a message from the AI moves its task: the checks that tie a message to its task (exists,
// same user, same kind), the mapping of a result's status to a transition, and turning a
// transition into the effect the store records (with the task event it notifies).

import type { Clock } from '../../kernel/clock.ts';
import type { IdSource } from '../../kernel/ids.ts';
import type { Effect } from './effect.ts';
import { eventForTask } from './events.ts';
import type { Task, TaskKind } from './task.ts';
import { applyResult, type ResultUpdate, type Transition } from './transitions.ts';

/** What the policy reads: the time of the decision and where event ids come from. */
export interface PolicyContext {
  clock: Clock;
  ids: IdSource;
}

/** What an applied change may carry besides the task (graph, summary, outbox clean-up). */
export type EffectExtras = Partial<Extract<Effect, { kind: 'apply' }>>;

/**
 * Rejects the message unless it names an existing task of `kind` owned by `userId` (a microscope
 * result may omit its user_id: then the task id alone ties it to the task).
 */
export function checkOwnership(
  task: Task | null,
  kind: TaskKind,
  userId: string | null | undefined,
): Effect | null {
  if (!task) return { kind: 'reject', reason: 'unknown-task' };
  if (userId != null && task.userId !== userId) return { kind: 'reject', reason: 'user-mismatch' };
  if (task.kind !== kind) return { kind: 'reject', reason: 'kind-mismatch' };
  return null;
}

export function resultUpdate(
  payload: {
    status: 'COMPLETED' | 'FAILED';
    error?: string | null;
  },
  resultS3Key: string | null,
): ResultUpdate {
  return payload.status === 'COMPLETED'
    ? { status: 'COMPLETED', resultS3Key }
    : {
        status: 'FAILED',
        error: { code: 'AI_FAILED', message: payload.error ?? 'the AI server reported a failure' },
      };
}

/** Turns a transition into an effect, recording the task event with it. */
export function effectOf(
  transition: Transition,
  context: PolicyContext,
  extra: EffectExtras = {},
): Effect {
  if (transition.kind === 'ignore') return transition;
  return {
    kind: 'apply',
    task: transition.task,
    event: eventForTask(transition.task, context.ids()),
    ...extra,
  };
}

/** The decision for a result message: ownership first, then the forward-only transition. */
export function decideResult(
  kind: TaskKind,
  payload: { userId?: string | null; status: 'COMPLETED' | 'FAILED'; error?: string | null },
  resultS3Key: string | null,
  context: PolicyContext,
  extra: EffectExtras = {},
) {
  return (task: Task | null): Effect => {
    const refused = checkOwnership(task, kind, payload.userId);
    if (refused || !task) return refused ?? { kind: 'reject', reason: 'unknown-task' };
    const transition = applyResult(task, resultUpdate(payload, resultS3Key), context.clock.now());
    return effectOf(
      transition,
      context,
      transition.kind === 'apply' && payload.status === 'COMPLETED' ? extra : {},
    );
  };
}
