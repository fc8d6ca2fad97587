// Sending and receiving: SendMessage, SendMessageBatch (with its whole-batch size limit) and
// ReceiveMessage.
import { SqsError } from '../domain/errors.ts';
import { MAX_MESSAGE_BYTES } from '../domain/limits.ts';
import { checkMessageAttributes } from '../domain/message-validation.ts';
import type { SendInput } from '../domain/types.ts';
import { checkBatch, runBatch } from './batch.ts';
import { type Handlers, queueAt } from './context.ts';

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
  SendMessage: (ctx, input) => {
    const { engine, name } = queueAt(ctx, input.QueueUrl);
    return engine.sendMessage(name, input);
  },
  SendMessageBatch: async (ctx, input) => {
    const { engine, name } = queueAt(ctx, input.QueueUrl);
    engine.queue(name);
    const entries = input.Entries ?? [];
    checkBatch('SendMessageBatch', entries);
    engine.checkSendBatch(name, entries);
    const total = entries.reduce((sum, e) => sum + sendSize(e), 0);
    if (total > MAX_MESSAGE_BYTES) {
      throw new SqsError(
        'BatchRequestTooLong',
        `Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes. You have sent ${total} bytes.`,
      );
    }
    return runBatch(entries, (e) => engine.sendMessage(name, e, 'batch'));
  },
  ReceiveMessage: async (ctx, input) => {
    const { engine, name } = queueAt(ctx, input.QueueUrl);
    const messages = await engine.receiveMessage(name, input, ctx.signal);
    return messages.length > 0 ? { Messages: messages } : {};
  },
};
