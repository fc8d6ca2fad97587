// Settling received messages by receipt handle: DeleteMessage, ChangeMessageVisibility and their
// batch forms.
import { checkBatch, runBatch } from './batch.ts';
import type { Handlers } from './context.ts';
import { queueNameFromUrl } from './queue-url.ts';

export const SETTLE_ACTIONS: Handlers<
  | 'DeleteMessage'
  | 'DeleteMessageBatch'
  | 'ChangeMessageVisibility'
  | 'ChangeMessageVisibilityBatch'
> = {
  DeleteMessage: (ctx, input) => {
    ctx.engine.deleteMessage(queueNameFromUrl(input.QueueUrl), input.ReceiptHandle);
    return {};
  },
  DeleteMessageBatch: async (ctx, input) => {
    const queueName = queueNameFromUrl(input.QueueUrl);
    ctx.engine.queue(queueName);
    const entries = input.Entries ?? [];
    checkBatch('DeleteMessageBatch', entries);
    return runBatch(entries, (e) => {
      ctx.engine.deleteMessage(queueName, e.ReceiptHandle);
      return {};
    });
  },
  ChangeMessageVisibility: (ctx, input) => {
    const name = queueNameFromUrl(input.QueueUrl);
    ctx.engine.changeMessageVisibility(name, input.ReceiptHandle, input.VisibilityTimeout);
    return {};
  },
  ChangeMessageVisibilityBatch: async (ctx, input) => {
    const queueName = queueNameFromUrl(input.QueueUrl);
    ctx.engine.queue(queueName);
    const entries = input.Entries ?? [];
    checkBatch('ChangeMessageVisibilityBatch', entries);
    return runBatch(entries, (e) => {
      ctx.engine.changeMessageVisibility(queueName, e.ReceiptHandle, e.VisibilityTimeout ?? 0);
      return {};
    });
  },
};
