// The fake AI control API over real HTTP: health, the journal, profile changes, and refusal of
// malformed or oversized bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ControlServer,
  MAX_CONTROL_BODY_BYTES,
  startControlServer,
} from '../../../fake-ai/control/server.ts';
import { Journal } from '../../../fake-ai/journal.ts';
import { ProfileRegistry } from '../../../fake-ai/profiles/registry.ts';
import { rawRequest } from '../../support/raw-http.ts';

let server: ControlServer;
const journal = new Journal(() => Date.UTC(2026, 0, 1));
const profiles = new ProfileRegistry();

beforeAll(async () => {
  server = await startControlServer({ port: 0, journal, profiles });
});
afterAll(async () => {
  await server.close();
});

const call = async (method: string, path: string, body?: unknown, raw?: string) => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    ...(body !== undefined || raw !== undefined
      ? { body: raw ?? JSON.stringify(body), headers: { 'content-type': 'application/json' } }
      : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
};

describe('fake AI control API', () => {
  it('binds 127.0.0.1 and answers health', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await call('GET', '/health')).toEqual({ status: 200, body: { ok: true } });
  });

  it('serves and clears the journal, with filters', async () => {
    journal.record({ kind: 'received', taskId: 't1' });
    journal.record({ kind: 'deleted', taskId: 't1' });
    journal.record({ kind: 'received', taskId: 't2' });
    const all = await call('GET', '/journal');
    expect(all.body.entries).toHaveLength(3);
    const filtered = await call('GET', '/journal?taskId=t1&kind=deleted');
    expect(filtered.body.entries.map((e: { seq: number }) => e.seq)).toEqual([2]);
    expect((await call('GET', '/journal?after=2')).body.entries).toHaveLength(1);
    expect((await call('GET', '/journal?kind=party')).status).toBe(400);
    expect((await call('GET', '/journal?after=x')).status).toBe(400);
    const tasks = await call('GET', '/journal/tasks');
    expect(
      tasks.body.tasks.map((t: { taskId: string; receives: number; deleted: boolean }) => [
        t.taskId,
        t.receives,
        t.deleted,
      ]),
    ).toEqual([
      ['t1', 1, true],
      ['t2', 1, false],
    ]);
    expect((await call('DELETE', '/journal')).status).toBe(204);
    expect((await call('GET', '/journal')).body.entries).toEqual([]);
  });

  it('changes the default profile, named profiles, rules and whole configs', async () => {
    expect((await call('PUT', '/profiles/default', 'failing')).body.default.name).toBe('failing');
    expect(profiles.select({}).profile.name).toBe('failing');
    const put = await call('PUT', '/profiles/gpu-oom', {
      outcome: 'FAILED',
      error: 'CUDA out of memory',
    });
    expect(put).toMatchObject({
      status: 200,
      body: { name: 'gpu-oom', error: 'CUDA out of memory' },
    });
    expect((await call('GET', '/profiles/gpu-oom')).body.outcome).toBe('FAILED');
    expect((await call('PUT', '/rules', [{ userId: 'u-oom', profile: 'gpu-oom' }])).status).toBe(
      200,
    );
    expect(profiles.select({ userId: 'u-oom' }).profile.name).toBe('gpu-oom');
    const config = await call('POST', '/config', { seed: 99, default: 'default', rules: [] });
    expect(config.body).toMatchObject({ seed: 99, defaultProfile: 'default', rules: [] });
    expect((await call('GET', '/profiles')).body.profiles['gpu-oom'].name).toBe('gpu-oom');
  });

  it.each([
    ['PUT', '/profiles/x', undefined, '{"outcome": ', 400, /not valid JSON/],
    ['PUT', '/profiles/x', undefined, '', 400, /body is empty/],
    [
      'PUT',
      '/profiles/x',
      { outcome: 'MAYBE' },
      undefined,
      400,
      /profiles\.x\.outcome must be one of/,
    ],
    ['PUT', '/profiles/default', 'nope', undefined, 400, /"nope" is not a known profile/],
    ['PUT', '/rules', { userId: 'u' }, undefined, 400, /rules must be an array/],
    ['POST', '/config', { default: 'nope' }, undefined, 400, /is not a known profile/],
    ['GET', '/profiles/unknown', undefined, undefined, 404, /no profile named "unknown"/],
    ['GET', '/nowhere', undefined, undefined, 404, /no control route GET \/nowhere/],
    ['POST', '/journal', undefined, undefined, 405, /POST is not allowed on \/journal/],
    ['PUT', '/profiles/%2e%2e', { outcome: 'FAILED' }, undefined, 404, /no control route/],
  ])(
    '%s %s with bad input: %i and a clear error',
    async (method, path, body, raw, status, message) => {
      const res = await call(method, path, body, raw);
      expect(res.status).toBe(status);
      expect(res.body.error).toMatch(message);
    },
  );

  it('refuses bodies over 1 MiB without changing anything', async () => {
    const before = profiles.settings();
    const res = await call(
      'POST',
      '/config',
      undefined,
      `{"seed": 1, "x": "${'a'.repeat(MAX_CONTROL_BODY_BYTES)}"}`,
    );
    expect(res.status).toBe(413);
    expect(profiles.settings()).toEqual(before);
  });

  it('refuses a web page (text/plain form post) and a rebound Host name without changing anything', async () => {
    const before = profiles.settings();
    const port = Number(new URL(server.url).port);
    const page = await rawRequest(port, {
      path: '/config',
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'text/plain' },
      body: '{"seed": 99}',
    });
    expect(page.status).toBe(403);
    const rebound = await rawRequest(port, {
      path: '/journal',
      headers: { host: `attacker.example:${port}` },
    });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.text).error).toContain('attacker.example');
    expect(profiles.settings()).toEqual(before);
  });
});
