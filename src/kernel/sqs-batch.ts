// SQS calls made together go out together: sends and deletes asked for while another call of the
// same kind is on the wire (concurrent handlers reaching the same step) leave as one
// SendMessageBatch or DeleteMessageBatch of up to ten entries instead of one call each — under
// load that is most of the SDK's per-call cost saved, and at rest a lone call still leaves at once. Each caller still
// learns the fate of its own entry: SQS's per-entry failures reject only that caller, a failed
// call rejects everyone in it. Entry ids are positions, not message ids: two copies of one message
// (at-least-once delivery) may sit in one batch, and SQS refuses repeated entry ids.

import {
  DeleteMessageBatchCommand,
  type MessageAttributeValue,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** SQS's limits on one batch call: ten entries, and 1 MiB of bodies and attributes together. */
export const MAX_BATCH_ENTRIES = 10;
export const MAX_BATCH_BYTES = 1_048_576;

/** An entry SQS refused inside a batch call; `name` is SQS's error code for it. */
export class SqsEntryError extends Error {
  readonly code: string;
  readonly senderFault: boolean;
  constructor(action: string, failure: { Code?: string; Message?: string; SenderFault?: boolean }) {
    const code = failure.Code ?? 'UnknownError';
    super(`SQS ${action} failed: ${code}: ${failure.Message ?? '(no message)'}`);
    this.name = code;
    this.code = code;
    this.senderFault = failure.SenderFault ?? false;
  }
}

interface Pending<I, O> {
  item: I;
  resolve(value: O): void;
  reject(error: Error): void;
}

/** What one batch call answered for each of its entries, by position. */
type EntryOutcomes<O> = ({ ok: O } | { error: Error })[];

/**
 * Collects items and hands them to `run` in groups that respect SQS's entry and byte limits. A full
 * group leaves at once; a partial one leaves at the end of the current turn of the event loop if
 * no partial call is in flight, else as soon as that call answers — so at rest a lone item leaves
 * at once, and under load the items that arrive during one round trip share the next call.
 */
class Batcher<I, O> {
  readonly #run: (items: I[]) => Promise<EntryOutcomes<O>>;
  #open: Pending<I, O>[] = [];
  #openBytes = 0;
  #scheduled = false;
  /** A partial group is on the wire: the next one waits for its answer. */
  #partialInFlight = false;

  constructor(run: (items: I[]) => Promise<EntryOutcomes<O>>) {
    this.#run = run;
  }

  add(item: I, bytes: number): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      if (this.#open.length > 0 && this.#openBytes + bytes > MAX_BATCH_BYTES) this.#take(true);
      this.#open.push({ item, resolve, reject });
      this.#openBytes += bytes;
      if (this.#open.length >= MAX_BATCH_ENTRIES) this.#take(true);
      else if (!this.#scheduled && !this.#partialInFlight) {
        this.#scheduled = true;
        setImmediate(() => {
          this.#scheduled = false;
          if (!this.#partialInFlight) this.#take(false);
        });
      }
    });
  }

  /** Sends the open group: `full` when it cannot grow (ten entries, or the byte limit reached). */
  #take(full: boolean): void {
    const batch = this.#open;
    this.#open = [];
    this.#openBytes = 0;
    if (batch.length === 0) return;
    if (!full) this.#partialInFlight = true;
    void this.#send(batch).finally(() => {
      if (full) return;
      this.#partialInFlight = false;
      if (this.#open.length > 0) this.#take(false);
    });
  }

  async #send(batch: Pending<I, O>[]): Promise<void> {
    let outcomes: EntryOutcomes<O>;
    try {
      outcomes = await this.#run(batch.map((p) => p.item));
    } catch (error) {
      for (const p of batch) p.reject(error as Error);
      return;
    }
    for (const [i, p] of batch.entries()) {
      const outcome = outcomes[i];
      if (outcome === undefined) p.reject(new Error('SQS answered nothing for this batch entry'));
      else if ('ok' in outcome) p.resolve(outcome.ok);
      else p.reject(outcome.error);
    }
  }
}

/** Sorts a batch answer's Successful/Failed lists back into entry order. */
function byPosition<O>(
  count: number,
  action: string,
  successful: { Id?: string }[] | undefined,
  failed: { Id?: string; Code?: string; Message?: string; SenderFault?: boolean }[] | undefined,
  value: (entry: { Id?: string }) => O,
): EntryOutcomes<O> {
  const outcomes: (EntryOutcomes<O>[number] | undefined)[] = new Array(count).fill(undefined);
  for (const s of successful ?? []) outcomes[Number(s.Id)] = { ok: value(s) };
  for (const f of failed ?? []) outcomes[Number(f.Id)] = { error: new SqsEntryError(action, f) };
  // The error for an entry SQS did not mention is made only when there is one: an Error captures
  // a stack trace, which cost more than the rest of a batch's bookkeeping when made for every entry.
  for (let i = 0; i < count; i++) {
    outcomes[i] ??= { error: new Error(`SQS ${action} answered nothing for this entry`) };
  }
  return outcomes as EntryOutcomes<O>;
}

export interface OutgoingMessage {
  body: string;
  attributes?: Record<string, MessageAttributeValue>;
}

/** Bytes SQS counts against its limits: the body, attribute names, types and values. */
export function messageBytes(message: OutgoingMessage): number {
  let bytes = Buffer.byteLength(message.body, 'utf8');
  for (const [name, value] of Object.entries(message.attributes ?? {})) {
    bytes += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value.DataType ?? '', 'utf8');
    bytes += Buffer.byteLength(value.StringValue ?? '', 'utf8') + (value.BinaryValue?.length ?? 0);
  }
  return bytes;
}

/** Sends messages to one queue in shared batch calls; each send resolves with its MessageId. */
export class SqsSendBatcher {
  readonly #sqs: SQSClient;
  readonly #queueUrl: string;
  readonly #batcher: Batcher<OutgoingMessage, string>;

  constructor(sqs: SQSClient, queueUrl: string) {
    this.#sqs = sqs;
    this.#queueUrl = queueUrl;
    this.#batcher = new Batcher(async (messages) => {
      const out = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: messages.map((m, i) => ({
            Id: String(i),
            MessageBody: m.body,
            ...(m.attributes ? { MessageAttributes: m.attributes } : {}),
          })),
        }),
      );
      return byPosition(
        messages.length,
        'SendMessageBatch',
        out.Successful,
        out.Failed,
        (s) => (s as { MessageId?: string }).MessageId ?? '',
      );
    });
  }

  send(message: OutgoingMessage): Promise<{ messageId: string }> {
    const bytes = messageBytes(message);
    // Too large for any batch: sent on its own, so SQS's refusal names the message's own limit
    // (InvalidParameterValue, "Message must be shorter than …") rather than the batch's.
    if (bytes > MAX_BATCH_BYTES) return this.#sendAlone(message);
    return this.#batcher.add(message, bytes).then((messageId) => ({ messageId }));
  }

  async #sendAlone(message: OutgoingMessage): Promise<{ messageId: string }> {
    const out = await this.#sqs.send(
      new SendMessageCommand({
        QueueUrl: this.#queueUrl,
        MessageBody: message.body,
        ...(message.attributes ? { MessageAttributes: message.attributes } : {}),
      }),
    );
    return { messageId: out.MessageId ?? '' };
  }
}

/** Deletes received messages from one queue in shared batch calls. */
export class SqsDeleteBatcher {
  readonly #batcher: Batcher<string, undefined>;

  constructor(sqs: SQSClient, queueUrl: string) {
    this.#batcher = new Batcher(async (handles) => {
      const out = await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: handles.map((h, i) => ({ Id: String(i), ReceiptHandle: h })),
        }),
      );
      return byPosition(
        handles.length,
        'DeleteMessageBatch',
        out.Successful,
        out.Failed,
        () => undefined,
      );
    });
  }

  /** Resolves once the message is deleted; rejects with SQS's reason when it was not. */
  delete(receiptHandle: string): Promise<void> {
    return this.#batcher.add(receiptHandle, 0);
  }
}
