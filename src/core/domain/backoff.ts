// Exponential backoff shared by every retry loop (outbox relay, webhooks).

/** Delay before attempt `n + 1` after `n` failed attempts: base·2^(n−1), capped at `maxMs`. */
export function backoffDelay(failedAttempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, failedAttempts - 1));
}
