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
  /** Region of the request's SigV4 credential scope; undefined when it is not signed. */
  region?: string | undefined;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/**
 * A service behind the listener (an SQS protocol, S3, the control plane). The listener knows no
 * service's semantics: it reads the body up to the service's cap and hands the request over, and
 * when a body is over the cap it asks the service to word the refusal in its own format.
 */
export interface ServiceEndpoint {
  /** Largest request body this service accepts. */
  readonly maxBodyBytes: number;
  /** `signal` is aborted when the client hangs up before the answer is sent. */
  handle(request: EmulatorRequest, signal: AbortSignal): Promise<EmulatorResponse>;
  /** The answer (status 413) to a request whose body of `received` bytes was over the cap. */
  bodyTooLarge(received: number): EmulatorResponse;
  /** The answer (status 403) to a request the listener refused (a foreign web origin or Host). */
  forbidden(detail: string): EmulatorResponse;
}
