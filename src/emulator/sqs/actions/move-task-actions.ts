// Message move task actions (DLQ redrive): start, cancel, list.
import type { Handlers } from './context.ts';

export const MOVE_TASK_ACTIONS: Handlers<
  'StartMessageMoveTask' | 'CancelMessageMoveTask' | 'ListMessageMoveTasks'
> = {
  StartMessageMoveTask: (ctx, input) => ({
    TaskHandle: ctx.moveTasks.start(
      input.SourceArn,
      input.DestinationArn,
      input.MaxNumberOfMessagesPerSecond,
    ),
  }),
  CancelMessageMoveTask: (ctx, input) => ({
    ApproximateNumberOfMessagesMoved: ctx.moveTasks.cancel(input.TaskHandle),
  }),
  ListMessageMoveTasks: (ctx, input) => ({
    Results: ctx.moveTasks.list(input.SourceArn, input.MaxResults),
  }),
};
