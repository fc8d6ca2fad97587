// RequestQueue on SQS: sends a contract message with the contract-version attribute.

import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { contractMessageAttributes } from '../../contracts/index.ts';
import type { RequestQueue } from '../../core/ports/request-queue.ts';

export class SqsRequestQueue implements RequestQueue {
  readonly #sqs: SQSClient;
  readonly #queueUrl: string;

  constructor(sqs: SQSClient, queueUrl: string) {
    this.#sqs = sqs;
    this.#queueUrl = queueUrl;
  }

  async send(body: string): Promise<{ messageId: string }> {
    const sent = await this.#sqs.send(
      new SendMessageCommand({
        QueueUrl: this.#queueUrl,
        MessageBody: body,
        MessageAttributes: contractMessageAttributes(),
      }),
    );
    if (!sent.MessageId) throw new Error(`SQS returned no MessageId for ${this.#queueUrl}`);
    return { messageId: sent.MessageId };
  }
}
