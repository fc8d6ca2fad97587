// Decoding of the `aws-chunked` content coding the SDKs use for streamed uploads:
//   <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n ... 0[;chunk-signature=<sig>]\r\n
//   [<trailer-name>:<value>\r\n ...]\r\n
// Chunk signatures are not verified (the emulator accepts any credentials); framing is.
import { S3ProtocolError } from './protocol-error.ts';

export interface ChunkedBody {
  data: Buffer;
  /** Trailer fields, names lower-cased. */
  trailers: Map<string, string>;
}

const CRLF = Buffer.from('\r\n');
/** Longer lines than this cannot be a chunk header or a checksum trailer. */
const MAX_LINE_BYTES = 4096;
const CHUNK_SIZE = /^[0-9a-fA-F]{1,16}$/;

function framingError(detail: string): S3ProtocolError {
  return new S3ProtocolError('InvalidRequest', `Invalid aws-chunked request body: ${detail}.`);
}

function truncated(): S3ProtocolError {
  return new S3ProtocolError(
    'IncompleteBody',
    'The aws-chunked body ended before the chunk sizes it declared.',
  );
}

/** Reads one CRLF-terminated line at `offset`; undefined when the body ends first. */
function readLine(body: Buffer, offset: number): { line: string; next: number } | undefined {
  const end = body.indexOf(CRLF, offset);
  if (end === -1) {
    if (body.length - offset > MAX_LINE_BYTES) throw framingError('a line is too long');
    return undefined;
  }
  if (end - offset > MAX_LINE_BYTES) throw framingError('a line is too long');
  return { line: body.toString('latin1', offset, end), next: end + CRLF.length };
}

export function decodeAwsChunked(body: Buffer): ChunkedBody {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const header = readLine(body, offset);
    if (header === undefined) throw truncated();
    const [sizeText = '', ...extensions] = header.line.split(';');
    if (!CHUNK_SIZE.test(sizeText.trim())) {
      throw framingError(`chunk size ${JSON.stringify(sizeText.slice(0, 32))} is not hexadecimal`);
    }
    for (const extension of extensions) {
      if (!/^[\w-]+=[^\s;]*$/.test(extension.trim())) {
        throw framingError(
          `chunk extension ${JSON.stringify(extension.slice(0, 32))} is malformed`,
        );
      }
    }
    const size = Number.parseInt(sizeText, 16);
    offset = header.next;
    if (size === 0) break;
    if (size > body.length - offset) throw truncated();
    parts.push(body.subarray(offset, offset + size));
    offset += size;
    if (body.length - offset < CRLF.length) throw truncated();
    if (!body.subarray(offset, offset + CRLF.length).equals(CRLF)) {
      throw framingError('a chunk does not end (CRLF) where its declared size says');
    }
    offset += CRLF.length;
  }
  const trailers = new Map<string, string>();
  // Trailer section: `name:value` lines up to an empty line. A body that simply ends after the
  // last chunk (no trailers, no final CRLF) is tolerated; a trailer section must be terminated.
  while (offset < body.length) {
    const trailer = readLine(body, offset);
    if (trailer === undefined) throw framingError('the trailer section is not terminated');
    offset = trailer.next;
    if (trailer.line === '') break;
    if (offset === body.length) throw framingError('the trailer section is not terminated');
    const colon = trailer.line.indexOf(':');
    if (colon <= 0) {
      throw framingError(`trailer ${JSON.stringify(trailer.line.slice(0, 32))} has no name`);
    }
    trailers.set(
      trailer.line.slice(0, colon).trim().toLowerCase(),
      trailer.line.slice(colon + 1).trim(),
    );
  }
  if (offset !== body.length) throw framingError('data follows the final chunk');
  return { data: Buffer.concat(parts), trailers };
}
