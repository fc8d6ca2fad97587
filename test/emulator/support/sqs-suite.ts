// The calls every SQS behaviour suite makes through whichever client it runs over: create a
// queue (its URL back), receive (the messages, or none).
import type { SqsCaller } from './sqs-clients.ts';

export interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  Body: string;
  MD5OfBody: string;
  Attributes?: Record<string, string>;
  MessageAttributes?: Record<
    string,
    { DataType: string; StringValue?: string; BinaryValue?: Uint8Array }
  >;
  MD5OfMessageAttributes?: string;
}

/** `caller` is read at each call: suites make their client in a `beforeAll`. */
export function queueCalls(caller: () => SqsCaller) {
  return {
    create: async (name: string, Attributes?: Record<string, string>): Promise<string> =>
      (
        await caller().call('CreateQueue', {
          QueueName: name,
          ...(Attributes ? { Attributes } : {}),
        })
      ).QueueUrl,
    receive: async (
      QueueUrl: string,
      extra: Record<string, unknown> = {},
    ): Promise<ReceivedMessage[]> =>
      (await caller().call('ReceiveMessage', { QueueUrl, ...extra })).Messages ?? [],
  };
}
