// Sending and receiving: SendMessage, SendMessageBatch (with its whole-batch size limit) and
// ReceiveMessage.
import { SqsError } from '../domain/errors.ts';
import { MAX_MESSAGE_BYTES } from '../domain/limits.ts';
import { checkMessageAttributes } from '../domain/message-validation.ts';
import type { SendInput } from '../domain/types.ts';
import { checkBatch, runBatch } from './batch.ts';
import type { Handlers } from './context.ts';
import { queueNameFromUrl } from './queue-url.ts';

function sendSize(entry: SendInput): number {
  let size = Buffer.byteLength(entry.MessageBody);
  try {
    size += checkMessageAttributes(entry.MessageAttributes ?? {});
  } catch {
    // Invalid attributes fail their own entry later; only the body counts towards the batch here.
  }
  return size;
}

export const MESSAGE_ACTIONS: Handlers<'SendMessage' | 'SendMessageBatch' | 'ReceiveMessage'> = {
  SendMessage: (ctx, input) => ctx.engine.sendMessage(queueNameFromUrl(input.QueueUrl), input),
  SendMessageBatch: async (ctx, input) => {
    const queueName = queueNameFromUrl(input.QueueUrl);
    ctx.engine.queue(queueName);
    const entries = input.Entries ?? [];
    checkBatch('SendMessageBatch', entries);
    ctx.engine.checkSendBatch(queueName, entries);
    const total = entries.reduce((sum, e) => sum + sendSize(e), 0);
    if (total > MAX_MESSAGE_BYTES) {
      throw new SqsError(
        'BatchRequestTooLong',
        `Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes. You have sent ${total} bytes.`,
      );
    }
    return runBatch(entries, (e) => ctx.engine.sendMessage(queueName, e, 'batch'));
  },
  ReceiveMessage: async (ctx, input) => {
    const name = queueNameFromUrl(input.QueueUrl);
    const messages = await ctx.engine.receiveMessage(name, input, ctx.signal);
    return messages.length > 0 ? { Messages: messages } : {};
  },
};
