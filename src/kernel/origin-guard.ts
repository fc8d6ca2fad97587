// The browser-safety check shared by the API and the emulator: a request a web page made (it
// carries an `Origin`) is refused unless that origin is allowed, and any request whose `Host` is
// not a loopback name, an address the server is bound to or a configured name (a compose service
// name, say) is refused too — the defence against a page that rebinds its own DNS name to
// 127.0.0.1. Clients that are not browsers send no `Origin` and a loopback or configured `Host`,
// so SDKs, curl and the test suites pass untouched. Pure: no transport, the callers answer 403.

export interface OriginPolicy {
  /** Origins allowed besides the server's own (`http://127.0.0.1:4566` style, no trailing /). */
  allowedOrigins: readonly string[];
  /** Host names or addresses allowed besides loopback (bound addresses, service names). */
  allowedHosts: readonly string[];
}

export type GuardVerdict = { ok: true } | { ok: false; refused: 'host' | 'origin'; detail: string };

/** The host name of a Host header value (`[::1]:4566` → `::1`, `Api:3000` → `api`). */
export function hostName(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(1, trimmed.indexOf(']'));
  const colon = trimmed.lastIndexOf(':');
  return colon === -1 ? trimmed : trimmed.slice(0, colon);
}

export function isLoopbackName(name: string): boolean {
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '::1' ||
    /^127(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(name)
  );
}

export function guardRequest(
  headers: {
    host?: string | undefined;
    origin?: string | undefined;
    /** `Sec-Fetch-Site`, which browsers send on every request, Origin or not. */
    fetchSite?: string | undefined;
  },
  policy: OriginPolicy,
): GuardVerdict {
  const host = headers.host;
  if (host !== undefined) {
    const name = hostName(host);
    const allowed =
      isLoopbackName(name) || policy.allowedHosts.some((h) => h.toLowerCase() === name);
    if (!allowed) {
      return {
        ok: false,
        refused: 'host',
        detail: `Host "${host}" is not a loopback name or an allowed host; add it to the allowed hosts if this server is meant to answer it`,
      };
    }
  }
  const origin = headers.origin;
  // A cross-site <img> or link GET carries no Origin, but every current browser says where it
  // came from in Sec-Fetch-Site; `none` (typed in the address bar) and `same-origin` pass.
  const site = headers.fetchSite?.toLowerCase();
  if (origin === undefined && (site === 'cross-site' || site === 'same-site')) {
    return {
      ok: false,
      refused: 'origin',
      detail: `a ${site} request from a web page may not call this server (Sec-Fetch-Site: ${site})`,
    };
  }
  if (origin === undefined) return { ok: true };
  if (host !== undefined && sameOrigin(origin, host)) return { ok: true };
  if (policy.allowedOrigins.includes(origin)) return { ok: true };
  return {
    ok: false,
    refused: 'origin',
    detail: `Origin "${origin}" may not call this server; add it to the allowed origins to let that page in`,
  };
}

/** Our servers speak plain HTTP: their own origin is `http://` + the Host they were reached by. */
function sameOrigin(origin: string, host: string): boolean {
  try {
    const page = new URL(origin);
    return page.protocol === 'http:' && page.host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}

/** A policy from comma-separated lists (environment variables), loopback always allowed. */
export function policyFromLists(
  origins: string | undefined,
  hosts: string | undefined,
): OriginPolicy {
  const list = (value: string | undefined) =>
    (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  return { allowedOrigins: list(origins), allowedHosts: list(hosts) };
}
