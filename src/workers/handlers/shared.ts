// Pieces every result handler shares: the checks that tie a message to its task, the
// result-to-transition mapping, and reading an AI output object from S3 with its contract check.

import type { ContractViolationError, ValidationResult } from '../../contracts/index.ts';
import { eventForTask } from '../../core/domain/events.ts';
import { isTerminal, type Task, type TaskKind } from '../../core/domain/task.ts';
import { applyResult, type ResultUpdate, type Transition } from '../../core/domain/transitions.ts';
import type { Effect } from '../../core/ports/store.ts';
import type { HandlerPorts } from './ports.ts';

/** A message that can never apply; the shell leaves it for redelivery and the DLQ. */
export class UnprocessableMessageError extends Error {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(message);
    this.name = 'UnprocessableMessageError';
    this.reason = reason;
  }
}

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
  ports: HandlerPorts,
  extra: Partial<Extract<Effect, { kind: 'apply' }>> = {},
): Effect {
  if (transition.kind === 'ignore') return transition;
  return {
    kind: 'apply',
    task: transition.task,
    event: eventForTask(transition.task, ports.ids()),
    ...extra,
  };
}

export function decideResult(
  kind: TaskKind,
  payload: { userId?: string | null; status: 'COMPLETED' | 'FAILED'; error?: string | null },
  resultS3Key: string | null,
  ports: HandlerPorts,
  extra: Partial<Extract<Effect, { kind: 'apply' }>> = {},
) {
  return (task: Task | null): Effect => {
    const refused = checkOwnership(task, kind, payload.userId);
    if (refused || !task) return refused ?? { kind: 'reject', reason: 'unknown-task' };
    const transition = applyResult(task, resultUpdate(payload, resultS3Key), ports.clock.now());
    return effectOf(
      transition,
      ports,
      transition.kind === 'apply' && payload.status === 'COMPLETED' ? extra : {},
    );
  };
}

/** Reads and validates an AI output object; a missing or off-contract object cannot apply. */
export async function readObject<T>(
  ports: HandlerPorts,
  key: string | null | undefined,
  what: string,
  validate: (value: unknown) => ValidationResult<T>,
): Promise<{ json: string; value: T }> {
  if (!key) {
    throw new UnprocessableMessageError(
      'missing-result-key',
      `COMPLETED result names no ${what} key`,
    );
  }
  const text = await ports.payloads.getText(key);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UnprocessableMessageError(
      'result-object-not-json',
      `${what} s3://${ports.payloads.bucket}/${key} is not JSON: ${(error as Error).message}`,
    );
  }
  const checked = validate(parsed);
  if (!checked.ok) {
    const violation: ContractViolationError = checked.error;
    throw new UnprocessableMessageError(
      'result-object-off-contract',
      `${what} s3://${ports.payloads.bucket}/${key} breaks the contract: ${violation.message}`,
    );
  }
  return { json: text, value: checked.message };
}

/** True when the task already ended, so a result needs no download: it can only be ignored. */
export async function alreadyTerminal(ports: HandlerPorts, taskId: string): Promise<boolean> {
  const task = await ports.store.getTask(taskId);
  return task !== null && isTerminal(task.status);
}
