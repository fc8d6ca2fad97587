// The transport-neutral request/response shapes the emulator's HTTP layer hands to each
// service (SQS codecs, S3 routes, control plane). Bodies are fully buffered before dispatch.
import type { IncomingHttpHeaders } from 'node:http';

export interface EmulatorRequest {
  method: string;
  /** Raw (still percent-encoded) path, without the query string, e.g. `/bucket/a%20key`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** `Host` header as the client sent it (e.g. `127.0.0.1:4566`); used to build URLs that point back here. */
  host: string;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
}
