// aws-chunked body decoding: chunk data, trailers, empty payloads, signature extensions and
// malformed framing.
import { describe, expect, it } from 'vitest';
import { decodeAwsChunked } from '../../../../src/emulator/s3/codec/aws-chunked.ts';
import { S3ProtocolError } from '../../../../src/emulator/s3/codec/protocol-error.ts';
import { awsChunked } from '../support/wire.ts';

function codeOf(body: string | Buffer): string {
  try {
    decodeAwsChunked(Buffer.from(body));
  } catch (error) {
    if (error instanceof S3ProtocolError) return error.code;
    throw error;
  }
  return 'decoded';
}

describe('decodeAwsChunked', () => {
  it('joins chunk data and collects trailers with lower-cased names', () => {
    const decoded = decodeAwsChunked(
      awsChunked(['ab', Buffer.from([0, 13, 10, 255]), 'c'], {
        trailers: ['X-Amz-Checksum-CRC32:AAAAAA=='],
      }),
    );
    expect(decoded.data).toEqual(
      Buffer.concat([Buffer.from('ab'), Buffer.from([0, 13, 10, 255]), Buffer.from('c')]),
    );
    expect([...decoded.trailers]).toEqual([['x-amz-checksum-crc32', 'AAAAAA==']]);
  });

  it('accepts an empty payload, with or without the final CRLF', () => {
    expect(decodeAwsChunked(Buffer.from('0\r\n\r\n')).data.length).toBe(0);
    expect(decodeAwsChunked(Buffer.from('0\r\n')).data.length).toBe(0);
  });

  it('accepts upper-case hex sizes and signature extensions', () => {
    const body = `A;chunk-signature=${'f'.repeat(64)}\r\n0123456789\r\n0;chunk-signature=${'e'.repeat(64)}\r\n\r\n`;
    expect(decodeAwsChunked(Buffer.from(body)).data.toString()).toBe('0123456789');
  });

  it.each([
    ['', 'IncompleteBody'],
    ['5\r\nhel', 'IncompleteBody'],
    ['5\r\nhello', 'IncompleteBody'],
    ['5\r\nhelloXX0\r\n\r\n', 'InvalidRequest'],
    ['-5\r\nhello\r\n0\r\n\r\n', 'InvalidRequest'],
    ['0x5\r\nhello\r\n0\r\n\r\n', 'InvalidRequest'],
    ['10000000000000000\r\n', 'InvalidRequest'],
    ['5;\r\nhello\r\n0\r\n\r\n', 'InvalidRequest'],
    ['0\r\nx-amz-checksum-crc32:AAAA\r\n', 'InvalidRequest'],
    ['0\r\n\r\n\r\n', 'InvalidRequest'],
  ])('refuses %j with %s', (body, code) => {
    expect(codeOf(body)).toBe(code);
  });
});
