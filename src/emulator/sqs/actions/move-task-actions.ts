// Message move task actions (DLQ redrive): start, cancel, list, each in the region its ARN or
// task handle belongs to.
import { type Handlers, regionOfArn } from './context.ts';

export const MOVE_TASK_ACTIONS: Handlers<
  'StartMessageMoveTask' | 'CancelMessageMoveTask' | 'ListMessageMoveTasks'
> = {
  StartMessageMoveTask: (ctx, input) => ({
    TaskHandle: regionOfArn(ctx, input.SourceArn).moveTasks.start(
      input.SourceArn,
      input.DestinationArn,
      input.MaxNumberOfMessagesPerSecond,
    ),
  }),
  CancelMessageMoveTask: (ctx, input) => ({
    ApproximateNumberOfMessagesMoved: ctx.regions
      .regionOfTask(input.TaskHandle)
      .moveTasks.cancel(input.TaskHandle),
  }),
  ListMessageMoveTasks: (ctx, input) => ({
    Results: regionOfArn(ctx, input.SourceArn).moveTasks.list(input.SourceArn, input.MaxResults),
  }),
};
