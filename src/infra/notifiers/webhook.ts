// Webhook notifications: each event is POSTed as JSON to the user's endpoint, signed (see
// webhook-signature.ts), with a per-attempt timeout and retries with exponential backoff on
// network errors, timeouts, 429 and 5xx. Other 4xx answers are final: retrying cannot fix them.
// Time is injected (clock, sleep, timeout signal) so tests drive retries without waiting.

import { backoffDelay } from '../../core/domain/backoff.ts';
import type { TaskEvent } from '../../core/domain/events.ts';
import type { Notifier } from '../../core/ports/notifier.ts';
import type { Clock } from '../../kernel/clock.ts';
import {
  EVENT_ID_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
} from './webhook-signature.ts';

export interface WebhookNotifierOptions {
  url: string;
  secret: string;
  clock: Clock;
  /** Waits between attempts. */
  sleep: (ms: number) => Promise<void>;
  /** A signal that aborts one attempt after `ms` (default AbortSignal.timeout). */
  timeoutSignal?: (ms: number) => AbortSignal;
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export class WebhookDeliveryError extends Error {
  readonly attempts: number;
  readonly retryable: boolean;
  constructor(message: string, attempts: number, retryable: boolean, cause?: unknown) {
    super(message, { cause });
    this.name = 'WebhookDeliveryError';
    this.attempts = attempts;
    this.retryable = retryable;
  }
}

export class WebhookNotifier implements Notifier {
  readonly #o: Required<Omit<WebhookNotifierOptions, 'fetch' | 'timeoutSignal'>> & {
    fetch: typeof fetch;
    timeoutSignal: (ms: number) => AbortSignal;
  };

  constructor(options: WebhookNotifierOptions) {
    this.#o = {
      timeoutMs: 5000,
      maxAttempts: 5,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      ...options,
      // Looked up at call time so test interceptors installed later still see the request.
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      timeoutSignal: options.timeoutSignal ?? ((ms) => AbortSignal.timeout(ms)),
    };
  }

  async publish(event: TaskEvent): Promise<void> {
    const body = JSON.stringify(event);
    const o = this.#o;
    let lastReason = '';
    for (let attempt = 1; attempt <= o.maxAttempts; attempt++) {
      const timestamp = Math.floor(o.clock.now() / 1000);
      let retryable: boolean;
      try {
        const response = await o.fetch(o.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [TIMESTAMP_HEADER]: String(timestamp),
            [SIGNATURE_HEADER]: signWebhook(o.secret, timestamp, body),
            [EVENT_ID_HEADER]: event.eventId,
          },
          body,
          signal: o.timeoutSignal(o.timeoutMs),
        });
        await response.body?.cancel().catch(() => {});
        if (response.ok) return;
        retryable = response.status === 429 || response.status >= 500;
        lastReason = `HTTP ${response.status}`;
      } catch (error) {
        retryable = true;
        const name = (error as Error).name;
        lastReason =
          name === 'TimeoutError' || name === 'AbortError'
            ? `no answer within ${o.timeoutMs} ms`
            : `network error: ${(error as Error).message}`;
      }
      if (!retryable) {
        throw new WebhookDeliveryError(
          `webhook ${o.url} refused event ${event.eventId} (task ${event.taskId}): ${lastReason}; not retried`,
          attempt,
          false,
        );
      }
      if (attempt < o.maxAttempts)
        await o.sleep(backoffDelay(attempt, o.baseDelayMs, o.maxDelayMs));
    }
    throw new WebhookDeliveryError(
      `webhook ${o.url} failed for event ${event.eventId} (task ${event.taskId}) after ${o.maxAttempts} attempts: ${lastReason}`,
      o.maxAttempts,
      true,
    );
  }
}
