// Serves an S3 service's `handle` over real HTTP on 127.0.0.1 (free port), so tests can drive it
// with the real AWS SDK and with raw requests. Bodies are buffered, as the emulator server does.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorRequest } from '../../../../src/emulator/http/types.ts';
import { createS3Service, type S3Service } from '../../../../src/emulator/s3/index.ts';

export interface TestS3Server {
  endpoint: string;
  service: S3Service;
  clock: { now: number; advance(ms: number): void };
  /** Headers of every request served, oldest first, to check what the SDK put on the wire. */
  requests: { method: string; path: string; headers: EmulatorRequest['headers'] }[];
  close(): Promise<void>;
}

async function readBody(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startTestS3Server(
  start = Date.UTC(2026, 0, 15, 12, 0, 0),
): Promise<TestS3Server> {
  const clock = {
    now: start,
    advance(ms: number) {
      clock.now += ms;
    },
  };
  const service = createS3Service({ now: () => clock.now, region: 'us-east-1' });
  const requests: TestS3Server['requests'] = [];
  const server = createServer(async (message, reply) => {
    const url = new URL(message.url ?? '/', 'http://placeholder');
    const rawPath = (message.url ?? '/').split('?')[0] ?? '/';
    const request: EmulatorRequest = {
      method: message.method ?? 'GET',
      path: rawPath,
      query: url.searchParams,
      headers: message.headers,
      body: await readBody(message),
      host: message.headers.host ?? '',
    };
    requests.push({ method: request.method, path: request.path, headers: request.headers });
    const response = await service.handle(request);
    reply.writeHead(response.status, response.headers);
    reply.end(request.method === 'HEAD' ? undefined : response.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    service,
    clock,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
