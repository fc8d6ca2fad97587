// The consumer shell around `processMessage`, built on sqs-consumer: long-polls the result queue
// (up to ten messages per receive, processed concurrently), deletes a message only when processing
// says its effect is committed (deletes finishing together share one DeleteMessageBatch), extends
// visibility while a handler runs (heartbeat), and stops gracefully — in-flight messages finish
// within the grace period; whatever is still running then, and anything received while draining,
// is released (visibility 0) so another worker picks it up at once instead of after the timeout.

import { ChangeMessageVisibilityCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { Consumer } from 'sqs-consumer';
import type { Log } from '../core/ports/log.ts';
import { SqsDeleteBatcher } from '../kernel/sqs-batch.ts';
import {
  type IncomingMessage,
  type ProcessDeps,
  type ProcessResult,
  processMessage,
} from './process-message.ts';

export interface ResultWorkerOptions {
  sqs: SQSClient;
  queueUrl: string;
  deps: ProcessDeps;
  visibilityTimeoutSeconds: number;
  heartbeatSeconds: number;
  waitTimeSeconds?: number;
  /** Messages per receive (1–10, default 10). */
  batchSize?: number;
  /** How long stop() lets in-flight messages finish before releasing them. */
  shutdownGraceMs?: number;
  /** Called once a received message is done with (deleted, left for redelivery or released). */
  onSettled?: (messageId: string, result: ProcessResult | 'released') => void;
}

function toIncoming(message: Message): IncomingMessage {
  const attributes: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    attributes[name] = value.StringValue;
  }
  return {
    messageId: message.MessageId ?? '(none)',
    body: message.Body,
    attributes,
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
  };
}

export class ResultWorker {
  readonly #o: ResultWorkerOptions;
  readonly #log: Log;
  readonly #consumer: Consumer;
  readonly #deleter: SqsDeleteBatcher;
  /** Messages between receive and the end of their processing (delete included). */
  readonly #inFlight = new Map<
    string,
    { message: Message; done: Promise<void>; finish(): void; result?: ProcessResult | 'released' }
  >();
  #draining = false;
  #running = false;

  constructor(options: ResultWorkerOptions) {
    this.#o = options;
    this.#log = options.deps.log.child({ queueUrl: options.queueUrl });
    this.#deleter = new SqsDeleteBatcher(options.sqs, options.queueUrl);
    this.#consumer = Consumer.create({
      queueUrl: options.queueUrl,
      sqs: options.sqs,
      batchSize: options.batchSize ?? 10,
      waitTimeSeconds: options.waitTimeSeconds ?? 20,
      visibilityTimeout: options.visibilityTimeoutSeconds,
      heartbeatInterval: options.heartbeatSeconds,
      messageAttributeNames: ['All'],
      messageSystemAttributeNames: ['ApproximateReceiveCount'],
      handleMessage: (message) => this.#handle(message),
      // A message we could not apply keeps its visibility timeout: redelivery is spaced out, and
      // the fifth failed receive sends it to the DLQ.
      terminateVisibilityTimeout: false,
      strictReturn: true,
    });
    this.#consumer.on('message_received', (message) => this.#track(message));
    this.#consumer.on('processing_error', (error, message) => {
      this.#log.error({ err: error, messageId: message.MessageId }, 'message handler error');
      this.#untrack(message);
    });
    this.#consumer.on('error', (error, message) => {
      const ids = [message].flat().flatMap((m) => (m?.MessageId ? [m.MessageId] : []));
      if (this.#draining && /abort/i.test(error.message)) {
        // stop() aborts the outstanding long poll on purpose.
        this.#log.debug({ messageIds: ids }, 'long poll aborted on shutdown');
      } else {
        this.#log.error({ err: error, messageIds: ids }, 'SQS error');
      }
      // A failed delete leaves the message to come back; it is no longer ours either way.
      for (const m of [message].flat()) if (m) this.#untrack(m);
    });
  }

  get running(): boolean {
    return this.#running;
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#draining = false;
    this.#consumer.start();
    this.#log.info({}, 'result worker started');
  }

  #track(message: Message): void {
    const id = message.MessageId ?? '';
    let finish = () => {};
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    this.#inFlight.set(id, { message, done, finish });
  }

  #untrack(message: Message): void {
    const id = message.MessageId ?? '';
    const entry = this.#inFlight.get(id);
    if (!entry) return;
    this.#inFlight.delete(id);
    entry.finish();
    this.#o.onSettled?.(id, entry.result ?? 'released');
  }

  #remember(message: Message, result: ProcessResult | 'released'): void {
    const entry = this.#inFlight.get(message.MessageId ?? '');
    if (entry) entry.result = result;
  }

  async #handle(message: Message): Promise<Message | undefined> {
    if (this.#draining) {
      await this.#release(message);
      this.#remember(message, 'released');
      this.#untrack(message);
      return undefined;
    }
    const result = await processMessage(toIncoming(message), this.#o.deps);
    this.#remember(message, result);
    if (result.ack) {
      // Deleted here rather than by sqs-consumer (which sends one DeleteMessage per message), so
      // the handler resolves with nothing for sqs-consumer to delete.
      try {
        await this.#deleter.delete(message.ReceiptHandle ?? '');
      } catch (error) {
        // The message comes back and its copy is acknowledged as a duplicate; nothing is lost.
        this.#log.error({ err: error, messageIds: [message.MessageId] }, 'SQS error');
      }
    }
    this.#untrack(message);
    return undefined;
  }

  async #release(message: Message): Promise<void> {
    try {
      await this.#o.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: this.#o.queueUrl,
          ReceiptHandle: message.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
      this.#log.info({ messageId: message.MessageId }, 'message released on shutdown');
    } catch (error) {
      // It comes back when its visibility timeout ends; nothing is lost.
      this.#log.warn({ err: error, messageId: message.MessageId }, 'release failed');
    }
  }

  /** Finishes or releases in-flight messages, then stops polling. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#draining = true;
    const grace = this.#o.shutdownGraceMs ?? 25_000;
    const settled = Promise.all([...this.#inFlight.values()].map((e) => e.done));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), grace);
    });
    const first = await Promise.race([settled.then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (first === 'timeout') {
      const left = [...this.#inFlight.values()];
      this.#log.warn({ inFlight: left.length }, 'grace period over; releasing in-flight messages');
      await Promise.all(
        left.map(async (e) => {
          await this.#release(e.message);
          e.result = 'released';
        }),
      );
    }
    // Abort the outstanding long poll: messages it would still return stay in the queue.
    const stopped = new Promise<void>((resolve) => this.#consumer.once('stopped', () => resolve()));
    this.#consumer.stop({ abort: true });
    await stopped;
    this.#running = false;
    this.#log.info({}, 'result worker stopped');
  }
}
