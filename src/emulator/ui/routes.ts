// The dashboard's pages under `/_harness`: a plain index at `/_harness` linking to the dashboard
// at `/_harness/ui`, and the dashboard's script and stylesheet. The page is a static shell; its
// script reads the control plane's JSON routes (same origin) and renders with text nodes only,
// so nothing a queue, message or object holds can become markup. A strict Content-Security-Policy
// backs that up: no inline script, no other origin.
import { readFileSync } from 'node:fs';
import type { EmulatorResponse } from '../http/types.ts';
import { dashboardPage, indexPage } from './page.ts';

const asset = (name: string): string =>
  readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

function page(body: string, contentType: string): EmulatorResponse {
  return {
    status: 200,
    headers: {
      'content-type': contentType,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    },
    body,
  };
}

let assets: Record<string, EmulatorResponse> | undefined;

function pages(): Record<string, EmulatorResponse> {
  // Read once, on the first request: emulators that never serve the dashboard never read it.
  assets ??= {
    '/_harness': page(indexPage(), 'text/html; charset=utf-8'),
    '/_harness/ui': page(dashboardPage(), 'text/html; charset=utf-8'),
    '/_harness/ui/app.js': page(asset('app.js'), 'text/javascript; charset=utf-8'),
    '/_harness/ui/app.css': page(asset('app.css'), 'text/css; charset=utf-8'),
  };
  return assets;
}

/** The page at `path` for a GET or HEAD, or undefined when `path` is not a dashboard page. */
export function uiRoute(method: string, path: string): EmulatorResponse | undefined {
  if (path !== '/_harness' && !path.startsWith('/_harness/ui')) return undefined;
  const found = pages()[path];
  if (found === undefined) return undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    return {
      status: 405,
      headers: { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' },
      body: `${method} is not supported on ${path}: the dashboard's pages only read.`,
    };
  }
  return found;
}
