// Builders for hand-made S3 wire payloads: checksums computed independently of the emulator, and
// aws-chunked bodies framed the way the SDKs frame them.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export function crc32Base64(data: Buffer | string): string {
  const digest = Buffer.alloc(4);
  digest.writeUInt32BE(crc32(data));
  return digest.toString('base64');
}

export function md5Base64(data: Buffer | string): string {
  return createHash('md5').update(data).digest('base64');
}

/** Frames `chunks` as aws-chunked with optional trailer lines and chunk extensions. */
export function awsChunked(
  chunks: (Buffer | string)[],
  options: { trailers?: string[]; extension?: string } = {},
): Buffer {
  const ext = options.extension ?? '';
  const parts: Buffer[] = [];
  for (const chunk of chunks) {
    const data = Buffer.from(chunk);
    parts.push(Buffer.from(`${data.length.toString(16)}${ext}\r\n`), data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`0${ext}\r\n`));
  for (const trailer of options.trailers ?? []) parts.push(Buffer.from(`${trailer}\r\n`));
  parts.push(Buffer.from('\r\n'));
  return Buffer.concat(parts);
}

export function deleteBody(keys: string[], quiet = false): string {
  const objects = keys.map((key) => `<Object><Key>${key}</Key></Object>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><Delete><Quiet>${quiet}</Quiet>${objects}</Delete>`;
}
