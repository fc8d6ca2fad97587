// The receive loop: long-polls the request queue (WaitTimeSeconds 20, as the AI server does) and
// hands each message to the request handler. A receive error is journaled and retried after a
// pause on the injected clock; stopping aborts the poll in flight.
import { type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type Clock, SleepAborted, sleep } from '../clock.ts';
import type { Journal } from '../journal.ts';

export interface PollerOptions {
  sqs: SQSClient;
  queueUrl: string;
  clock: Clock;
  journal: Journal;
  signal: AbortSignal;
  waitTimeSeconds: number;
  handle: (message: Message) => Promise<void>;
  /** Pause after a failed receive, on the clock. */
  retryMs?: number;
}

export async function pollRequests(options: PollerOptions): Promise<void> {
  const { sqs, queueUrl, signal } = options;
  while (!signal.aborted) {
    let messages: Message[];
    try {
      const out = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 1,
          WaitTimeSeconds: options.waitTimeSeconds,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
        }),
        { abortSignal: signal },
      );
      messages = out.Messages ?? [];
    } catch (error) {
      if (signal.aborted) return;
      const e = error as { name?: string; message?: string };
      options.journal.record({
        kind: 'error',
        detail: { during: 'receive', queueUrl, error: `${e.name}: ${e.message}` },
      });
      try {
        await sleep(options.clock, options.retryMs ?? 1_000, signal);
      } catch (aborted) {
        if (aborted instanceof SleepAborted) return;
        throw aborted;
      }
      continue;
    }
    for (const message of messages) await options.handle(message);
  }
}
