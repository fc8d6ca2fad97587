// Every SQS action by name, and the one call that runs a decoded request through its handler.
// Each handler takes the typed input of its action (decoded and checked against the model) and
// returns its typed output; URLs become names and back here, batches fan out, lists paginate.
import type { DecodedRequest, OutputMap, SqsAction } from '../protocol/model.ts';
import type { ActionContext, Handlers } from './context.ts';
import { MESSAGE_ACTIONS } from './message-actions.ts';
import { MOVE_TASK_ACTIONS } from './move-task-actions.ts';
import { POLICY_ACTIONS } from './policy-actions.ts';
import { QUEUE_ACTIONS } from './queue-actions.ts';
import { queueNameFromUrl } from './queue-url.ts';
import { SETTLE_ACTIONS } from './settle-actions.ts';

export const ACTIONS: Handlers<SqsAction> = {
  ...QUEUE_ACTIONS,
  ...POLICY_ACTIONS,
  ...MESSAGE_ACTIONS,
  ...SETTLE_ACTIONS,
  ...MOVE_TASK_ACTIONS,
};

export function runAction<A extends SqsAction>(
  ctx: ActionContext,
  request: DecodedRequest<A>,
): OutputMap[A] | Promise<OutputMap[A]> {
  const handler: Handlers<SqsAction>[A] = ACTIONS[request.action];
  return handler(ctx, request.input);
}

/** The queue a request names, for fault matching and logs; undefined if none. */
export function queueOfRequest(input: object): string | undefined {
  try {
    if ('QueueUrl' in input && typeof input.QueueUrl === 'string') {
      return queueNameFromUrl(input.QueueUrl);
    }
    if ('QueueName' in input && typeof input.QueueName === 'string') return input.QueueName;
  } catch {
    return undefined;
  }
  return undefined;
}
