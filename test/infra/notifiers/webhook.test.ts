import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src/core/domain/backoff.ts';
import type { TaskEvent } from '../../../src/core/domain/events.ts';
import { WebhookDeliveryError, WebhookNotifier } from '../../../src/infra/notifiers/webhook.ts';
import {
  EVENT_ID_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  verifyWebhook,
} from '../../../src/infra/notifiers/webhook-signature.ts';
import { ManualClock } from '../../../src/kernel/clock.ts';

const URL = 'https://hooks.example.test/graphnode';
const SECRET = 'whsec_test';

const event: TaskEvent = {
  eventId: '01J9Z3N6Q8R2T4V6X8Z0A2C4E6',
  type: 'task.completed',
  taskId: 'task_u1_01J9Z3N6Q8R2T4V6X8Z0A2C4E6',
  userId: 'u1',
  kind: 'GRAPH_GENERATION',
  status: 'COMPLETED',
  progressPercent: 100,
  currentStage: null,
  error: null,
  occurredAt: '2026-01-01T00:00:00.000Z',
};

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

interface Received {
  headers: Headers;
  body: string;
}

function harness(overrides: Partial<ConstructorParameters<typeof WebhookNotifier>[0]> = {}) {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
  const sleeps: number[] = [];
  const timeouts: number[] = [];
  const controllers: AbortController[] = [];
  const notifier = new WebhookNotifier({
    url: URL,
    secret: SECRET,
    clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
    timeoutSignal: (ms) => {
      timeouts.push(ms);
      const c = new AbortController();
      controllers.push(c);
      return c.signal;
    },
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 250,
    timeoutMs: 2000,
    ...overrides,
  });
  return { clock, notifier, sleeps, timeouts, controllers };
}

function answer(statuses: number[], received: Received[]) {
  server.use(
    http.post(URL, async ({ request }) => {
      received.push({ headers: request.headers, body: await request.text() });
      return new HttpResponse(null, { status: statuses[received.length - 1] ?? 200 });
    }),
  );
}

describe('webhook notifier', () => {
  it('POSTs the event as JSON with a verifiable HMAC-SHA256 signature and timestamp', async () => {
    const received: Received[] = [];
    answer([204], received);
    const { notifier, clock } = harness();
    await notifier.publish(event);
    expect(received).toHaveLength(1);
    const [req] = received;
    expect(req!.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(req!.body)).toEqual(event);
    const ts = req!.headers.get(TIMESTAMP_HEADER);
    expect(ts).toBe(String(Math.floor(clock.now() / 1000)));
    expect(req!.headers.get(SIGNATURE_HEADER)).toBe(signWebhook(SECRET, Number(ts), req!.body));
    expect(req!.headers.get(EVENT_ID_HEADER)).toBe(event.eventId);
    const check = verifyWebhook({
      secret: SECRET,
      body: req!.body,
      signature: req!.headers.get(SIGNATURE_HEADER) ?? undefined,
      timestamp: ts ?? undefined,
      nowSeconds: Number(ts) + 10,
    });
    expect(check).toEqual({ ok: true });
  });

  it('retries 5xx and 429 with exponential backoff, capped, then succeeds', async () => {
    const received: Received[] = [];
    answer([500, 429, 503, 200], received);
    const { notifier, sleeps } = harness();
    await notifier.publish(event);
    expect(received).toHaveLength(4);
    expect(sleeps).toEqual([100, 200, 250]);
    for (const r of received) {
      const ts = Number(r.headers.get(TIMESTAMP_HEADER));
      expect(r.headers.get(SIGNATURE_HEADER)).toBe(signWebhook(SECRET, ts, r.body));
    }
  });

  it('gives up after the last attempt with a retryable error naming the task', async () => {
    const received: Received[] = [];
    answer([502, 502, 502, 502, 502], received);
    const { notifier } = harness();
    const error = await notifier.publish(event).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookDeliveryError);
    expect(error).toMatchObject({ attempts: 4, retryable: true });
    expect((error as Error).message).toContain(event.taskId);
    expect((error as Error).message).toContain('HTTP 502');
    expect(received).toHaveLength(4);
  });

  it('does not retry a 4xx refusal', async () => {
    const received: Received[] = [];
    answer([401], received);
    const { notifier, sleeps } = harness();
    await expect(notifier.publish(event)).rejects.toMatchObject({ retryable: false, attempts: 1 });
    expect(received).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('abandons an attempt the receiver never answers when its timeout fires, then retries', async () => {
    let calls = 0;
    let hung: () => void = () => {};
    const seen = new Promise<void>((resolve) => {
      hung = resolve;
    });
    server.use(
      http.post(URL, async () => {
        calls++;
        if (calls === 1) {
          hung();
          return new Promise<Response>(() => {});
        }
        return new HttpResponse(null, { status: 200 });
      }),
    );
    const { notifier, controllers, timeouts } = harness();
    const done = notifier.publish(event);
    await seen;
    controllers[0]!.abort(new DOMException('The operation timed out.', 'TimeoutError'));
    await done;
    expect(calls).toBe(2);
    expect(timeouts).toEqual([2000, 2000]);
  });

  it('retries network errors', async () => {
    let calls = 0;
    server.use(
      http.post(URL, () => {
        calls++;
        return calls === 1 ? HttpResponse.error() : new HttpResponse(null, { status: 200 });
      }),
    );
    const { notifier, sleeps } = harness();
    await notifier.publish(event);
    expect(calls).toBe(2);
    expect(sleeps).toEqual([100]);
  });

  it('computes backoff delays', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, 500, 3000))).toEqual([
      500, 1000, 2000, 3000, 3000,
    ]);
  });
});

describe('webhook signature verification', () => {
  const body = '{"a":1}';
  const ts = 1_767_268_800;
  const good = signWebhook(SECRET, ts, body);

  it('rejects forged, tampered, stale and missing signatures', () => {
    const base = { secret: SECRET, body, signature: good, timestamp: String(ts), nowSeconds: ts };
    expect(verifyWebhook(base)).toEqual({ ok: true });
    expect(verifyWebhook({ ...base, signature: signWebhook('other', ts, body) }).ok).toBe(false);
    expect(verifyWebhook({ ...base, body: '{"a":2}' }).ok).toBe(false);
    expect(verifyWebhook({ ...base, nowSeconds: ts + 301 })).toEqual({
      ok: false,
      reason: 'timestamp outside tolerance',
    });
    expect(verifyWebhook({ ...base, signature: undefined }).ok).toBe(false);
    expect(verifyWebhook({ ...base, timestamp: '12abc' }).ok).toBe(false);
    expect(verifyWebhook({ ...base, signature: 'sha256=short' }).ok).toBe(false);
  });
});
