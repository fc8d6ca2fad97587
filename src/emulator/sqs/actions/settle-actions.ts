// Settling received messages by receipt handle: DeleteMessage, ChangeMessageVisibility and their
// batch forms.
import { checkBatch, runBatch } from './batch.ts';
import { type Handlers, queueAt } from './context.ts';

export const SETTLE_ACTIONS: Handlers<
  | 'DeleteMessage'
  | 'DeleteMessageBatch'
  | 'ChangeMessageVisibility'
  | 'ChangeMessageVisibilityBatch'
> = {
  DeleteMessage: (ctx, input) => {
    const { engine, name } = queueAt(ctx, input.QueueUrl);
    engine.deleteMessage(name, input.ReceiptHandle);
    return {};
  },
  DeleteMessageBatch: async (ctx, input) => {
    const { engine, name } = queueAt(ctx, input.QueueUrl);
    engine.queue(name);
    const entries = input.Entries ?? [];
    checkBatch('DeleteMessageBatch', entries);
    return runBatch(entries, (e) => {
      engine.deleteMessage(name, e.ReceiptHandle);
      return {};
    });
  },
  ChangeMessageVisibility: (ctx, input) => {
    const { engine, name } = queueAt(ctx, input.QueueUrl);
    engine.changeMessageVisibility(name, input.ReceiptHandle, input.VisibilityTimeout);
    return {};
  },
  ChangeMessageVisibilityBatch: async (ctx, input) => {
    const { engine, name } = queueAt(ctx, input.QueueUrl);
    engine.queue(name);
    const entries = input.Entries ?? [];
    checkBatch('ChangeMessageVisibilityBatch', entries);
    return runBatch(entries, (e) => {
      engine.changeMessageVisibility(name, e.ReceiptHandle, e.VisibilityTimeout ?? 0);
      return {};
    });
  },
};
