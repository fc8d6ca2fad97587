// Small HTTP helpers shared by the control plane's route files: JSON answers, JSON bodies, path
// segments and the error that carries an HTTP status.
import type { EmulatorRequest, EmulatorResponse } from '../http/types.ts';

export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export function json(status: number, value: unknown): EmulatorResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-content-type-options': 'nosniff' },
    body: JSON.stringify(value),
  };
}

export function readJson(req: EmulatorRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'the request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

export function notAllowed(method: string, path: string): HttpError {
  return new HttpError(405, `${method} is not supported on ${path}`);
}

export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, `bad path segment "${segment.slice(0, 80)}"`);
  }
}

/** A whole number from the query string within [min, max], or `fallback` when absent. */
export function queryInt(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = query.get(name);
  if (text === null) return fallback;
  const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new HttpError(400, `"${name}" must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** A download: bytes sent as an attachment, never rendered by the browser. */
export function attachment(body: Buffer | string, filename: string): EmulatorResponse {
  const safe = filename.replace(/[^\w.-]+/g, '_').slice(0, 100) || 'download';
  return {
    status: 200,
    headers: {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${safe}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
    body,
  };
}
