// The real AWS SDK S3 client as applications configure it against the emulator, plus a raw HTTP
// helper for requests the SDK would never send (wrong checksums, broken framing, hostile bodies).
import { request as httpRequest } from 'node:http';
import { S3Client } from '@aws-sdk/client-s3';

/**
 * A client configured the way applications configure one against the emulator. With `sent`, it
 * records the headers of every request exactly as they leave the SDK (after its checksum and
 * aws-chunked middleware), so tests can assert what went over the wire.
 */
export function s3Client(endpoint: string, sent?: Record<string, string>[]): S3Client {
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  if (sent !== undefined) {
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers?: Record<string, string> };
        if (request.headers !== undefined) sent.push({ ...request.headers });
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'recordSentHeaders' },
    );
  }
  return client;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export async function rawRequest(
  endpoint: string,
  options: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
  },
): Promise<RawResponse> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: options.method,
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The `<Code>` of an S3 error document, or undefined. */
export function errorCode(body: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
}
