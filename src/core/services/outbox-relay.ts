// The transactional-outbox relay: sends recorded request messages to the request queue. The API
// calls `sendNow` right after recording a task; a periodic `drainOnce` picks up whatever that first
// attempt could not send (queue down, process crashed in between). Failed sends back off
// exponentially; after `maxAttempts` the task is failed with DISPATCH_FAILED, so no task stays
// PENDING forever, and the user is notified like for any other terminal transition.

import type { Clock } from '../../kernel/clock.ts';
import type { IdSource } from '../../kernel/ids.ts';
import { backoffDelay } from '../domain/backoff.ts';
import { type Log, silentLog, withBindings } from '../ports/log.ts';
import type { Notifier } from '../ports/notifier.ts';
import type { RequestQueue } from '../ports/request-queue.ts';
import type { OutboxEntry, Store } from '../ports/store.ts';
import { failTask } from './task-failure.ts';

export interface OutboxRelayOptions {
  store: Store;
  queue: RequestQueue;
  notifier: Notifier;
  clock: Clock;
  ids: IdSource;
  log?: Log;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a claimed entry is hidden from other relays while one sends it. */
  leaseMs?: number;
  batchSize?: number;
}

export interface DrainReport {
  sent: number;
  retried: number;
  failed: number;
}

export class OutboxRelay {
  readonly #o: Required<OutboxRelayOptions>;

  constructor(options: OutboxRelayOptions) {
    this.#o = {
      log: silentLog,
      maxAttempts: 8,
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
      leaseMs: 30_000,
      batchSize: 25,
      ...options,
    };
  }

  /** The lease the API gives a fresh entry before a sweeper may take it over. */
  get leaseMs(): number {
    return this.#o.leaseMs;
  }

  /** First attempt, right after the task was recorded; a failure is left to the sweeper. */
  async sendNow(entry: Pick<OutboxEntry, 'taskId' | 'body'>): Promise<boolean> {
    const outcome = await this.#attempt({
      ...entry,
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
    });
    return outcome === 'sent';
  }

  /** Sends every due entry once. */
  async drainOnce(): Promise<DrainReport> {
    const report: DrainReport = { sent: 0, retried: 0, failed: 0 };
    const { store, clock, batchSize, leaseMs } = this.#o;
    const due = await store.claimOutbox(clock.now(), batchSize, leaseMs);
    for (const entry of due) {
      const outcome = await this.#attempt(entry);
      report[outcome]++;
    }
    return report;
  }

  async #attempt(entry: OutboxEntry): Promise<'sent' | 'retried' | 'failed'> {
    const { store, queue, clock, log } = this.#o;
    const taskLog = withBindings(log, { taskId: entry.taskId });
    try {
      const { messageId } = await queue.send(entry.body);
      await store.markOutboxSent(entry.taskId);
      // A first-attempt send is the normal path, logged at debug; a send that needed retries is
      // worth an info line.
      const attempt = entry.attempts + 1;
      taskLog[attempt === 1 ? 'debug' : 'info']({ messageId, attempt }, 'request message sent');
      return 'sent';
    } catch (error) {
      const attempts = entry.attempts + 1;
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (attempts >= this.#o.maxAttempts) {
        taskLog.error({ attempts, reason }, 'request message could not be sent; failing the task');
        await this.#giveUp(entry.taskId, attempts, reason);
        return 'failed';
      }
      const delay = backoffDelay(attempts, this.#o.baseDelayMs, this.#o.maxDelayMs);
      await store.rescheduleOutbox(entry.taskId, attempts, clock.now() + delay, reason);
      taskLog.warn(
        { attempts, reason, retryInMs: delay },
        'request message send failed; will retry',
      );
      return 'retried';
    }
  }

  async #giveUp(taskId: string, attempts: number, reason: string): Promise<void> {
    const failed = await failTask(
      this.#o,
      taskId,
      {
        code: 'DISPATCH_FAILED',
        message: `the request could not be queued after ${attempts} attempts (${reason})`,
      },
      { clearOutbox: true },
    );
    // The task ended some other way (an earlier send did arrive): nothing left to dispatch.
    if (!failed) await this.#o.store.markOutboxSent(taskId);
  }
}
