// The emulator's single HTTP listener (node:http directly, kept lean for throughput): decides
// which service a request is for (classify.ts), buffers its body under that service's cap and
// hands it over as a transport-neutral EmulatorRequest. Nothing here knows SQS or S3 semantics:
// even a body over the cap, or a request from a foreign web origin or Host name (the
// browser-safety guard, src/kernel/origin-guard.ts), is refused in words the service supplies.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardRequest, type OriginPolicy } from '../../kernel/origin-guard.ts';
import { readBody } from './body.ts';
import {
  classifyFormBody,
  classifyHead,
  type Destination,
  signedScope,
  UNDECIDED_READ_AS,
} from './classify.ts';
import type { EmulatorRequest, EmulatorResponse, ServiceEndpoint } from './types.ts';

export interface EmulatorServerOptions {
  /** The service answering each destination the classifier can pick. */
  endpoints: Record<Destination, ServiceEndpoint>;
  /** Browser origins and Host names answered besides loopback and the server's own origin. */
  origins: OriginPolicy;
  onInternalError?: (error: unknown) => void;
  /**
   * Resolves once every state change made so far is durable (persistence); each response waits
   * for it. Undefined: in memory only, answers leave at once.
   */
  durable?: () => Promise<void>;
}

export interface EmulatorServer {
  server: Server;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

export function createEmulatorServer(options: EmulatorServerOptions): EmulatorServer {
  const { endpoints, origins, durable } = options;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1));
    const host = req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`;
    const scope = signedScope(req.headers, query);
    const head = classifyHead(path, req.headers, query, scope);
    // A web page (Origin) or a rebound DNS name (Host) gets nothing, not even a body read.
    const verdict = guardRequest(
      {
        host: req.headers.host,
        origin: req.headers.origin,
        fetchSite: req.headers['sec-fetch-site'] as string | undefined,
      },
      origins,
    );
    if (!verdict.ok) {
      req.resume();
      res.setHeader('connection', 'close');
      return send(
        res,
        endpoints[head === 'undecided' ? UNDECIDED_READ_AS : head].forbidden(verdict.detail),
      );
    }
    // An undecided form post is read (and refused, if too large) as the fallback service would.
    const reader = endpoints[head === 'undecided' ? UNDECIDED_READ_AS : head];
    const read = await readBody(req, reader.maxBodyBytes);
    if (!read.ok) {
      req.resume();
      res.setHeader('connection', 'close');
      return send(res, reader.bodyTooLarge(read.received));
    }
    const destination = head === 'undecided' ? classifyFormBody(read.body) : head;
    const request: EmulatorRequest = {
      method: req.method ?? 'GET',
      path,
      query,
      headers: req.headers,
      body: read.body,
      host,
      region: scope?.region,
    };
    // A client that hangs up ends its parked long poll instead of consuming messages.
    const abort = new AbortController();
    const onClose = (): void => {
      if (!res.writableFinished) abort.abort();
    };
    res.once('close', onClose);
    const response = await endpoints[destination].handle(request, abort.signal);
    res.off('close', onClose);
    // With persistence on, nothing is acknowledged before the changes it made are on disk.
    if (durable !== undefined) await durable();
    return send(res, response);
  };

  // Requests being answered; stop() lets them finish (parked polls are answered empty first).
  let active = 0;
  let drained: (() => void) | undefined;
  // noDelay (Node's default, pinned here): a woken long poll's answer is one small write that must
  // leave at once, not wait for Nagle's algorithm to coalesce it.
  const serverOptions = { keepAlive: true, keepAliveTimeout: 65_000, noDelay: true };
  const server = createServer(serverOptions, (req, res) => {
    active++;
    res.once('close', () => {
      active--;
      if (active === 0) drained?.();
    });
    handle(req, res).catch((error: unknown) => {
      options.onInternalError?.(error);
      if (!res.headersSent) {
        send(res, {
          status: 500,
          headers: { 'content-type': 'text/plain' },
          body: 'internal emulator error',
        });
      } else {
        res.destroy();
      }
    });
  });
  // Long polls last up to 20 s of virtual time, which at scale < 1 can be longer in real time.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        const finish = (): void => {
          clearTimeout(grace);
          server.closeAllConnections();
        };
        // Answers already on their way get a moment to flush; anything stuck (a request delayed
        // by a latency fault on a frozen clock) is cut off.
        const grace = setTimeout(finish, CLOSE_GRACE_MS);
        grace.unref();
        if (active === 0) setImmediate(finish);
        else drained = () => setImmediate(finish);
      }),
  };
}

const CLOSE_GRACE_MS = 2_000;

function send(res: ServerResponse, response: EmulatorResponse): void {
  if (res.destroyed) return;
  const body = response.body ?? '';
  const headers: Record<string, string | number> = { ...response.headers };
  if (!('content-length' in headers)) headers['content-length'] = Buffer.byteLength(body);
  res.writeHead(response.status, headers);
  res.end(body);
}
