// RequestQueue on SQS: sends a contract message with the contract-version attribute. Sends from
// concurrent submissions share SendMessageBatch calls (see sqs-batch.ts).

import type { SQSClient } from '@aws-sdk/client-sqs';
import { contractMessageAttributes } from '../../contracts/index.ts';
import type { RequestQueue } from '../../core/ports/request-queue.ts';
import { SqsSendBatcher } from '../../kernel/sqs-batch.ts';

export class SqsRequestQueue implements RequestQueue {
  readonly #sender: SqsSendBatcher;

  constructor(sqs: SQSClient, queueUrl: string) {
    this.#sender = new SqsSendBatcher(sqs, queueUrl);
  }

  send(body: string): Promise<{ messageId: string }> {
    return this.#sender.send({ body, attributes: contractMessageAttributes() });
  }
}
