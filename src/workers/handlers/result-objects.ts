// What result handlers share around the domain's result policy: reading an AI output object from
// S3 with its contract check, the error for a message that can never apply, and the shortcut for
// a task that has already ended.

import type { ContractViolationError, ValidationResult } from '../../contracts/index.ts';
import { isTerminal } from '../../core/domain/task.ts';
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
