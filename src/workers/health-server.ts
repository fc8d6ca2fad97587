// The worker's health endpoint: `/health` (process up, consumer state, counters) and `/ready`
// (consumer running, the store answering and whatever else the wiring checks: the result queue).

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Store } from '../core/ports/store.ts';
import type { WorkerMetrics } from './metrics.ts';
import type { ResultWorker } from './result-worker.ts';

export interface HealthServer {
  url: string;
  close(): Promise<void>;
}

export async function startHealthServer(options: {
  worker: ResultWorker;
  metrics: WorkerMetrics;
  store: Store;
  /** Checks beyond the store's ping (the result queue answers); a throw is "not ready". */
  readiness?: () => Promise<void>;
  port: number;
  host?: string;
}): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') return send(405, { error: 'GET only' });
    if (path === '/health') {
      return send(200, {
        status: 'ok',
        consumer: options.worker.running ? 'running' : 'stopped',
        inFlight: options.worker.inFlight,
        messages: options.metrics.snapshot(),
      });
    }
    if (path === '/ready') {
      if (!options.worker.running)
        return send(503, { status: 'not-ready', reason: 'consumer stopped' });
      Promise.all([options.store.ping(), options.readiness?.()]).then(
        () => send(200, { status: 'ready' }),
        (error: unknown) => send(503, { status: 'not-ready', reason: (error as Error).message }),
      );
      return;
    }
    return send(404, { error: `no route ${path}` });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
