// The emulator's single HTTP listener (node:http directly, kept lean for throughput): buffers each
// body under a per-service cap, decides which service the request is for (classify.ts) and hands
// it over as a transport-neutral EmulatorRequest. Nothing here knows SQS or S3 semantics.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SqsError } from '../sqs/errors.ts';
import type { SqsService } from '../sqs/service.ts';
import { readBody } from './body.ts';
import { classifyFormBody, classifyHead, type Destination } from './classify.ts';
import type { EmulatorRequest, EmulatorResponse } from './types.ts';

export interface RequestHandler {
  handle(req: EmulatorRequest): Promise<EmulatorResponse>;
}

export interface EmulatorServerOptions {
  sqs: SqsService;
  s3: RequestHandler;
  control: RequestHandler;
  /** Largest SQS request body accepted (query encoding can triple a 1 MiB message). */
  maxSqsBodyBytes?: number;
  /** Largest S3 request body accepted (objects are held in memory). */
  maxS3BodyBytes?: number;
  onInternalError?: (error: unknown) => void;
}

const DEFAULT_SQS_CAP = 4 * 1024 * 1024;
const DEFAULT_S3_CAP = 64 * 1024 * 1024;

export interface EmulatorServer {
  server: Server;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

export function createEmulatorServer(options: EmulatorServerOptions): EmulatorServer {
  const sqsCap = options.maxSqsBodyBytes ?? DEFAULT_SQS_CAP;
  const s3Cap = options.maxS3BodyBytes ?? DEFAULT_S3_CAP;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1));
    const host = req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`;
    let destination: Destination | 'undecided' = classifyHead(path, req.headers, query);
    // Control-plane bodies are small JSON documents; only S3 (and undecided form posts) need more.
    const cap = destination === 's3' || destination === 'undecided' ? s3Cap : sqsCap;
    const read = await readBody(req, cap);
    if (!read.ok) {
      req.resume();
      res.setHeader('connection', 'close');
      const message = `The request body is ${read.received} bytes; this endpoint accepts at most ${cap} bytes.`;
      if (destination === 'sqs-json' || destination === 'sqs-query') {
        const protocol = destination === 'sqs-json' ? 'json' : 'query';
        return send(
          res,
          options.sqs.refuse(protocol, new SqsError('RequestEntityTooLarge', message)),
        );
      }
      if (destination === 'control') {
        return send(res, {
          status: 413,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ error: message }),
        });
      }
      return send(res, {
        status: 413,
        headers: { 'content-type': 'application/xml' },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>EntityTooLarge</Code><Message>${message}</Message></Error>`,
      });
    }
    if (destination === 'undecided') destination = classifyFormBody(read.body);
    const request: EmulatorRequest = {
      method: req.method ?? 'GET',
      path,
      query,
      headers: req.headers,
      body: read.body,
      host,
    };
    switch (destination) {
      case 'control':
        return send(res, await options.control.handle(request));
      case 'sqs-json':
      case 'sqs-query': {
        // A client that hangs up ends its parked long poll instead of consuming messages.
        const abort = new AbortController();
        const onClose = (): void => {
          if (!res.writableFinished) abort.abort();
        };
        res.once('close', onClose);
        const response = await options.sqs.handle(
          request,
          destination === 'sqs-json' ? 'json' : 'query',
          abort.signal,
        );
        res.off('close', onClose);
        return send(res, response);
      }
      case 's3':
        return send(res, await options.s3.handle(request));
    }
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
