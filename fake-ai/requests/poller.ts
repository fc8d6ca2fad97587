// The receive loop: long-polls the request queue (WaitTimeSeconds 20, as the AI server does) for as
// many messages as it has free hands (up to SQS's ten per receive) and hands each to the request
// handler, `concurrency` at a time. A receive error is journaled and retried after a pause on the
// injected clock; stopping aborts the poll in flight and waits for the handlers at work.
import { type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { SleepAborted, sleep, type TimerClock } from '../../src/kernel/virtual-clock.ts';
import type { Journal } from '../journal.ts';

const MAX_PER_RECEIVE = 10;

export interface PollerOptions {
  sqs: SQSClient;
  queueUrl: string;
  clock: TimerClock;
  journal: Journal;
  signal: AbortSignal;
  waitTimeSeconds: number;
  /** Requests handled at once (default 1). */
  concurrency?: number;
  handle: (message: Message) => Promise<void>;
  /** Pause after a failed receive, on the clock. */
  retryMs?: number;
}

export async function pollRequests(options: PollerOptions): Promise<void> {
  const { sqs, queueUrl, signal } = options;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const working = new Set<Promise<void>>();
  try {
    while (!signal.aborted) {
      // A full house waits for a hand to come free before asking for more work.
      while (working.size >= concurrency) await Promise.race(working);
      let messages: Message[];
      try {
        const out = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: Math.min(MAX_PER_RECEIVE, concurrency - working.size),
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
      for (const message of messages) {
        const work: Promise<void> = options
          .handle(message)
          // The handler journals its own failures; one escaping it must not stop the loop.
          .catch((error: unknown) => {
            const e = error as { name?: string; message?: string };
            options.journal.record({
              kind: 'error',
              detail: { during: 'handle', queueUrl, error: `${e.name}: ${e.message}` },
            });
          })
          .finally(() => working.delete(work));
        working.add(work);
      }
    }
  } finally {
    await Promise.allSettled(working);
  }
}
