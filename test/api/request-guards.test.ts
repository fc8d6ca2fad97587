// The API's answers before routing, over a real socket: a foreign web origin or a rebound Host
// gets 403, a compressed body 415, an over-long path parameter 414 and an over-long request line
// or header block 431 — all application/problem+json like every other error.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/api/app.ts';
import { rawRequest } from '../support/raw-http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const TOKEN = 'alice-token-0123456789';

/** The API answers problem details: the raw answer with its JSON body and content type. */
async function send(port: number, options: Parameters<typeof rawRequest>[1]) {
  const res = await rawRequest(port, options);
  return {
    status: res.status,
    type: String(res.headers['content-type'] ?? ''),
    body: (res.text === '' ? {} : JSON.parse(res.text)) as { type?: string; detail?: string },
  };
}

describe('API request guards', () => {
  let stack: TestStack;
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    stack = await startTestStack();
    app = await build({
      store: stack.store,
      submission: stack.submission,
      feed: stack.hub,
      tokens: new Map([[TOKEN, 'alice']]),
      origins: { allowedOrigins: ['http://localhost:5173'], allowedHosts: ['api'] },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await app?.close();
    await stack?.stop();
  });

  const auth = { authorization: `Bearer ${TOKEN}` };

  it('answers a client that sends no Origin, on a loopback or configured Host', async () => {
    expect((await send(port, { path: '/v1/tasks', headers: auth })).status).toBe(200);
    expect(
      (await send(port, { path: '/v1/tasks', headers: { ...auth, host: 'api:3000' } })).status,
    ).toBe(200);
  });

  it('refuses a page on another origin with 403, even with a valid token', async () => {
    const res = await send(port, {
      path: '/v1/graphs/generate',
      method: 'POST',
      headers: { ...auth, origin: 'http://evil.example', 'content-type': 'application/json' },
      body: '{"conversations":[]}',
    });
    expect(res.status).toBe(403);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe('/problems/forbidden-origin');
    expect(res.body.detail).toContain('http://evil.example');
  });

  it('answers a configured origin and its own', async () => {
    const own = `http://127.0.0.1:${port}`;
    expect(
      (await send(port, { path: '/v1/tasks', headers: { ...auth, origin: own } })).status,
    ).toBe(200);
    expect(
      (
        await send(port, {
          path: '/v1/tasks',
          headers: { ...auth, origin: 'http://localhost:5173' },
        })
      ).status,
    ).toBe(200);
  });

  it('refuses a rebound Host name with 403 before reading anything', async () => {
    const res = await send(port, {
      path: '/v1/tasks',
      headers: { ...auth, host: 'attacker.example:3000' },
    });
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('/problems/forbidden-host');
  });

  it('refuses a compressed body with 415 and accepts identity', async () => {
    const gzip = await send(port, {
      path: '/v1/graphs/generate',
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: '\u001f\u008b garbage',
    });
    expect(gzip.status).toBe(415);
    expect(gzip.body.type).toBe('/problems/unsupported-content-encoding');
    const identity = await send(port, {
      path: '/v1/graphs/generate',
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'content-encoding': 'identity' },
      body: '{"conversations":[]}',
    });
    expect(identity.status).not.toBe(415);
  });

  it('answers an over-long path parameter with 414 problem details', async () => {
    const res = await send(port, { path: `/v1/tasks/${'a'.repeat(500)}`, headers: auth });
    expect(res.status).toBe(414);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe('/problems/uri-too-long');
  });

  it('answers an over-long request line or header block with 431 problem details', async () => {
    for (const options of [
      { path: `/v1/tasks?x=${'a'.repeat(100_000)}`, headers: auth },
      { path: '/v1/tasks', headers: { ...auth, 'x-padding': 'a'.repeat(40_000) } },
    ]) {
      const res = await send(port, options);
      expect(res.status).toBe(431);
      expect(res.type).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toBe('/problems/headers-too-large');
    }
  });
});
