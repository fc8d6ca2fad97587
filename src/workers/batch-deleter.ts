// Deletes acknowledged messages in DeleteMessageBatch calls: deletes asked for in the same turn of
// the event loop (the messages of one receive finishing together) go out as one call of up to ten
// entries instead of one DeleteMessage each. Each caller still learns whether its own message was
// deleted. Entry ids are positions, not MessageIds: two copies of one message (at-least-once
// delivery) may sit in the same batch and SQS refuses repeated entry ids.

import { DeleteMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

const MAX_ENTRIES = 10;

interface Pending {
  receiptHandle: string;
  resolve(): void;
  reject(error: Error): void;
}

export class BatchDeleter {
  readonly #sqs: SQSClient;
  readonly #queueUrl: string;
  #pending: Pending[] = [];
  #scheduled = false;

  constructor(sqs: SQSClient, queueUrl: string) {
    this.#sqs = sqs;
    this.#queueUrl = queueUrl;
  }

  /** Resolves once the message is deleted; rejects with SQS's reason when it was not. */
  delete(receiptHandle: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ receiptHandle, resolve, reject });
      if (this.#pending.length >= MAX_ENTRIES) this.#flush();
      else if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    while (this.#pending.length > 0) {
      void this.#send(this.#pending.splice(0, MAX_ENTRIES));
    }
  }

  async #send(batch: Pending[]): Promise<void> {
    try {
      const out = await this.#sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.#queueUrl,
          Entries: batch.map((p, i) => ({ Id: String(i), ReceiptHandle: p.receiptHandle })),
        }),
      );
      const failed = new Map((out.Failed ?? []).map((f) => [f.Id, f]));
      for (const [i, p] of batch.entries()) {
        const failure = failed.get(String(i));
        if (failure) {
          p.reject(
            new Error(`SQS delete failed: ${failure.Code ?? 'error'}: ${failure.Message ?? ''}`),
          );
        } else {
          p.resolve();
        }
      }
    } catch (error) {
      for (const p of batch) p.reject(error as Error);
    }
  }
}
