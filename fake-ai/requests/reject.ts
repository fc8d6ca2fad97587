// An invalid request. If it still names a task and a user, the back end gets a FAILED result and
// the request is deleted (the task reaches a terminal state); otherwise it is left alone, to come
// back until the queue's redrive policy moves it to the dead-letter queue.
import type { Message } from '@aws-sdk/client-sqs';
import {
  buildMessage,
  type ContractMessage,
  ContractViolationError,
  encodeForSqs,
  isRequestTaskType,
} from '../../src/contracts/index.ts';
import { describeError, type HandlerDeps, type Log } from './deps.ts';
import { RESULT_TYPE_OF } from './result-types.ts';

export async function reject(
  message: Message,
  problem: string,
  deps: HandlerDeps,
  log: Log,
): Promise<void> {
  let raw: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(message.Body ?? '');
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      raw = value as Record<string, unknown>;
  } catch {
    // Not JSON: nothing to salvage.
  }
  const taskId = typeof raw.taskId === 'string' ? raw.taskId : undefined;
  const taskType = typeof raw.taskType === 'string' ? raw.taskType : undefined;
  const payload = raw.payload as Record<string, unknown> | undefined;
  const userId = typeof payload?.userId === 'string' ? payload.userId : undefined;
  const error = `invalid request: ${problem}`.slice(0, 4096);
  if (taskId && userId && isRequestTaskType(taskType)) {
    try {
      const result = buildMessage(
        RESULT_TYPE_OF[taskType],
        taskId,
        { userId, status: 'FAILED', error } as never,
        () => deps.clock.now(),
      ) as ContractMessage;
      const { messageId } = await deps.results.send(encodeForSqs(result));
      log({
        kind: 'rejected',
        taskId,
        taskType,
        sentMessageId: messageId,
        detail: { problem, answered: 'FAILED' },
      });
      await deps.requests.delete(message.ReceiptHandle ?? '');
      log({ kind: 'deleted', taskId, taskType });
      return;
    } catch (error) {
      if (!(error instanceof ContractViolationError)) {
        log({
          kind: 'error',
          taskId,
          taskType,
          detail: { during: 'reject', error: describeError(error) },
        });
        return;
      }
    }
  }
  log({ kind: 'rejected', taskId, taskType, detail: { problem, answered: false } });
}
