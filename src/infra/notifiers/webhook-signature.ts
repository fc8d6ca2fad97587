// The webhook signature scheme, shared by the sender and by receivers that verify it:
// HMAC-SHA256 over `{timestamp}.{body}` with the shared secret, hex, prefixed `sha256=`.
// The timestamp (Unix seconds) is signed so a captured request cannot be replayed later.

import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-graphnode-signature';
export const TIMESTAMP_HEADER = 'x-graphnode-timestamp';
export const EVENT_ID_HEADER = 'x-graphnode-event-id';

export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `sha256=${mac}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Checks a received webhook; `toleranceSeconds` bounds how old (or early) the timestamp may be. */
export function verifyWebhook(input: {
  secret: string;
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  nowSeconds: number;
  toleranceSeconds?: number;
}): SignatureCheck {
  const tolerance = input.toleranceSeconds ?? 300;
  if (!input.signature || !input.timestamp)
    return { ok: false, reason: 'missing signature or timestamp header' };
  if (!/^\d{1,12}$/.test(input.timestamp))
    return { ok: false, reason: 'timestamp is not Unix seconds' };
  const ts = Number(input.timestamp);
  if (Math.abs(input.nowSeconds - ts) > tolerance)
    return { ok: false, reason: 'timestamp outside tolerance' };
  const expected = Buffer.from(signWebhook(input.secret, ts, input.body));
  const given = Buffer.from(input.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'signature does not match' };
  }
  return { ok: true };
}
