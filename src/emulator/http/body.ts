// Buffers a request body up to a cap. Past the cap it stops keeping bytes and reports the excess,
// so the server can answer a proper "too large" error instead of running out of memory.
import type { IncomingMessage } from 'node:http';

export type BodyResult = { ok: true; body: Buffer } | { ok: false; received: number };

export function readBody(req: IncomingMessage, cap: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > cap) {
    return Promise.resolve({ ok: false, received: declared });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= cap) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > cap) resolve({ ok: false, received: size });
      else
        resolve({ ok: true, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) });
    });
    req.on('error', reject);
  });
}
