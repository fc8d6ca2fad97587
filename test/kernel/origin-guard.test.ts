// The browser-safety check on its own: loopback and configured Host names pass, any other Host
// (a rebound DNS name) is refused; no Origin passes, the server's own origin and configured ones
// pass, every other web origin is refused.
import { describe, expect, it } from 'vitest';
import { guardRequest, hostName, policyFromLists } from '../../src/kernel/origin-guard.ts';

const none = policyFromLists(undefined, undefined);

describe('origin guard', () => {
  it.each([
    'localhost:3000',
    '127.0.0.1:4566',
    '127.12.0.9',
    '[::1]:3000',
    'api.localhost:3000',
    'LOCALHOST:3000',
  ])('answers loopback Host %s', (host) => {
    expect(guardRequest({ host }, none)).toEqual({ ok: true });
  });

  it.each([
    'evil.example:3000',
    '192.168.1.4:3000',
    '127.0.0.1.evil.example',
    '[::2]:1',
    '1270.0.0.1',
  ])('refuses Host %s', (host) => {
    const verdict = guardRequest({ host }, none);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.refused).toBe('host');
      expect(verdict.detail).toContain(host);
    }
  });

  it('answers configured host names (compose service names, bound addresses)', () => {
    const policy = policyFromLists('', ' api , 10.0.0.5 ');
    expect(guardRequest({ host: 'api:3000' }, policy).ok).toBe(true);
    expect(guardRequest({ host: 'API:3000' }, policy).ok).toBe(true);
    expect(guardRequest({ host: '10.0.0.5:3000' }, policy).ok).toBe(true);
    expect(guardRequest({ host: 'apis:3000' }, policy).ok).toBe(false);
  });

  it('lets requests without an Origin through: SDKs, curl and servers send none', () => {
    expect(guardRequest({ host: '127.0.0.1:4566' }, none)).toEqual({ ok: true });
    expect(guardRequest({}, none)).toEqual({ ok: true });
  });

  it("answers the server's own origin and configured ones, refuses every other page", () => {
    const policy = policyFromLists('http://localhost:5173', undefined);
    expect(guardRequest({ host: '127.0.0.1:4566', origin: 'http://127.0.0.1:4566' }, none).ok).toBe(
      true,
    );
    expect(
      guardRequest({ host: 'localhost:3000', origin: 'http://localhost:5173' }, policy).ok,
    ).toBe(true);
    for (const origin of [
      'http://evil.example',
      'http://localhost:5173',
      'null',
      'https://127.0.0.1:4566',
      'garbage',
    ]) {
      const verdict = guardRequest({ host: '127.0.0.1:4566', origin }, none);
      expect(verdict).toMatchObject({ ok: false, refused: 'origin' });
    }
  });

  it('refuses a cross-site request that carries no Origin (an <img> or link GET), by Sec-Fetch-Site', () => {
    for (const fetchSite of ['cross-site', 'same-site', 'CROSS-SITE']) {
      expect(guardRequest({ host: '127.0.0.1:4566', fetchSite }, none)).toMatchObject({
        ok: false,
        refused: 'origin',
      });
    }
    // Typed in the address bar, or the page's own requests: allowed.
    expect(guardRequest({ host: '127.0.0.1:4566', fetchSite: 'none' }, none).ok).toBe(true);
    expect(guardRequest({ host: '127.0.0.1:4566', fetchSite: 'same-origin' }, none).ok).toBe(true);
  });

  it('reads host names out of Host header values', () => {
    expect(hostName('[::1]:4566')).toBe('::1');
    expect(hostName('Api:3000')).toBe('api');
    expect(hostName('example')).toBe('example');
  });
});
