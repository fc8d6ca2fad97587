// Malformed, oversized and hostile requests over raw HTTP: each gets a specific 4xx error and
// leaves the store exactly as it was.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, type RawResponse, rawRequest } from './support/clients.ts';
import { startTestEmulator, type TestEmulator } from './support/emulator.ts';
import { awsChunked, crc32Base64, deleteBody, md5Base64 } from './support/wire.ts';

const BUCKET = 'graph-payloads';
let server: TestEmulator;

beforeAll(async () => {
  server = await startTestEmulator();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  server.service.reset();
  await send('PUT', `/${BUCKET}`);
  await send('PUT', '/other-bucket');
  await send('PUT', '/other-bucket/secret', { body: 'classified' });
  await send('PUT', `/${BUCKET}/existing`, { body: 'kept' });
});

function send(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<RawResponse> {
  return rawRequest(server.endpoint, { method, path, ...options });
}

function expectError(response: RawResponse, status: number, code: string): void {
  expect({ status: response.status, code: errorCode(response.body) }).toEqual({ status, code });
}

function expectStoreUntouched(): void {
  expect(server.service.listKeys(BUCKET)).toEqual(['existing']);
  expect(server.service.getObject(BUCKET, 'existing')?.body.toString()).toBe('kept');
}

describe('checksums on PutObject', () => {
  it('refuses a wrong x-amz-checksum-crc32 with BadDigest naming the algorithm', async () => {
    const response = await send('PUT', `/${BUCKET}/existing`, {
      headers: { 'x-amz-checksum-crc32': crc32Base64('something else') },
      body: 'new content',
    });
    expectError(response, 400, 'BadDigest');
    expect(response.body).toContain(
      '<Message>The CRC32 you specified did not match the calculated checksum.</Message>',
    );
    expectStoreUntouched();
  });

  it('accepts a right x-amz-checksum-crc32 and stores it', async () => {
    const response = await send('PUT', `/${BUCKET}/fresh`, {
      headers: { 'x-amz-checksum-crc32': crc32Base64('fresh') },
      body: 'fresh',
    });
    expect(response.status).toBe(200);
    expect(response.headers['x-amz-checksum-crc32']).toBe(crc32Base64('fresh'));
  });

  it.each([
    ['not base64', { 'x-amz-checksum-crc32': '!!!!' }],
    ['wrong digest length', { 'x-amz-checksum-crc32': Buffer.alloc(8).toString('base64') }],
    [
      'two checksum headers',
      { 'x-amz-checksum-crc32': crc32Base64('x'), 'x-amz-checksum-sha1': 'AAAA' },
    ],
    ['unknown algorithm', { 'x-amz-sdk-checksum-algorithm': 'MD4' }],
    [
      'algorithm disagreeing with header',
      { 'x-amz-sdk-checksum-algorithm': 'SHA256', 'x-amz-checksum-crc32': crc32Base64('x') },
    ],
  ])('refuses %s with InvalidRequest', async (_label, headers) => {
    const response = await send('PUT', `/${BUCKET}/existing`, { headers, body: 'x' });
    expectError(response, 400, 'InvalidRequest');
    expectStoreUntouched();
  });

  it('checks Content-MD5 (BadDigest when different, InvalidDigest when unreadable)', async () => {
    const wrong = await send('PUT', `/${BUCKET}/existing`, {
      headers: { 'content-md5': md5Base64('other') },
      body: 'x',
    });
    expectError(wrong, 400, 'BadDigest');
    const unreadable = await send('PUT', `/${BUCKET}/existing`, {
      headers: { 'content-md5': 'short' },
      body: 'x',
    });
    expectError(unreadable, 400, 'InvalidDigest');
    expectStoreUntouched();
  });

  it('checks a hex x-amz-content-sha256 against the body', async () => {
    const response = await send('PUT', `/${BUCKET}/existing`, {
      headers: { 'x-amz-content-sha256': 'a'.repeat(64) },
      body: 'x',
    });
    expectError(response, 400, 'XAmzContentSHA256Mismatch');
    expectStoreUntouched();
  });
});

describe('aws-chunked framing', () => {
  const chunkedHeaders = (decodedLength: number, trailer = 'x-amz-checksum-crc32') => ({
    'content-encoding': 'aws-chunked',
    'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
    'x-amz-decoded-content-length': String(decodedLength),
    'x-amz-trailer': trailer,
  });

  it('stores the clean bytes of a well-framed body with a verified trailer', async () => {
    const response = await send('PUT', `/${BUCKET}/chunked`, {
      headers: chunkedHeaders(11),
      body: awsChunked(['hello ', 'world'], {
        trailers: [`x-amz-checksum-crc32:${crc32Base64('hello world')}`],
      }),
    });
    expect(response.status).toBe(200);
    expect(server.service.getObject(BUCKET, 'chunked')?.body.toString()).toBe('hello world');
  });

  it('accepts the signed variant with chunk-signature extensions', async () => {
    const signature = `;chunk-signature=${'0'.repeat(64)}`;
    const response = await send('PUT', `/${BUCKET}/signed`, {
      headers: {
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        'x-amz-decoded-content-length': '6',
      },
      body: awsChunked(['abc', 'def'], { extension: signature }),
    });
    expect(response.status).toBe(200);
    expect(server.service.getObject(BUCKET, 'signed')?.body.toString()).toBe('abcdef');
  });

  it('refuses a wrong trailing checksum with BadDigest', async () => {
    const response = await send('PUT', `/${BUCKET}/existing`, {
      headers: chunkedHeaders(5),
      body: awsChunked(['hello'], { trailers: [`x-amz-checksum-crc32:${crc32Base64('HELLO')}`] }),
    });
    expectError(response, 400, 'BadDigest');
    expect(response.body).toContain('The CRC32 you specified');
    expectStoreUntouched();
  });

  const framed = (text: string) => Buffer.from(text);
  it.each([
    ['a non-hex chunk size', framed('zz\r\nhello\r\n0\r\n\r\n'), 400, 'InvalidRequest'],
    ['a chunk longer than declared', framed('3\r\nhello\r\n0\r\n\r\n'), 400, 'InvalidRequest'],
    ['a chunk shorter than declared', framed('9\r\nhello\r\n0\r\n\r\n'), 400, 'InvalidRequest'],
    ['a body cut before the last chunk', framed('5\r\nhello\r\n'), 400, 'IncompleteBody'],
    [
      'an absurd declared chunk size',
      framed('ffffffffffffffff\r\nhello\r\n'),
      400,
      'IncompleteBody',
    ],
    ['a malformed chunk extension', framed('5;sig\r\nhello\r\n0\r\n\r\n'), 400, 'InvalidRequest'],
    ['data after the final chunk', framed('5\r\nhello\r\n0\r\n\r\nextra'), 400, 'InvalidRequest'],
    ['a trailer without a name', framed('5\r\nhello\r\n0\r\n:abc\r\n\r\n'), 400, 'InvalidRequest'],
    ['an endless header line', Buffer.alloc(10_000, 0x31), 400, 'InvalidRequest'],
  ])('refuses %s', async (_label, body, status, code) => {
    const response = await send('PUT', `/${BUCKET}/existing`, {
      headers: {
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      },
      body,
    });
    expectError(response, status, code);
    expectStoreUntouched();
  });

  it('refuses a declared trailer that never arrives', async () => {
    const response = await send('PUT', `/${BUCKET}/existing`, {
      headers: chunkedHeaders(5),
      body: awsChunked(['hello']),
    });
    expectError(response, 400, 'InvalidRequest');
    expectStoreUntouched();
  });

  it('refuses a decoded length that disagrees with the chunks (IncompleteBody)', async () => {
    const response = await send('PUT', `/${BUCKET}/existing`, {
      headers: chunkedHeaders(500),
      body: awsChunked(['hello'], { trailers: [`x-amz-checksum-crc32:${crc32Base64('hello')}`] }),
    });
    expectError(response, 400, 'IncompleteBody');
    expectStoreUntouched();
  });

  it('refuses oversized or non-numeric declared lengths', async () => {
    const huge = await send('PUT', `/${BUCKET}/existing`, {
      headers: chunkedHeaders(6 * 1024 ** 3),
      body: awsChunked(['hello']),
    });
    expectError(huge, 400, 'EntityTooLarge');
    const garbage = await send('PUT', `/${BUCKET}/existing`, {
      headers: { ...chunkedHeaders(5), 'x-amz-decoded-content-length': '5e3' },
      body: awsChunked(['hello']),
    });
    expectError(garbage, 400, 'InvalidArgument');
    expectStoreUntouched();
  });
});

describe('DeleteObjects bodies', () => {
  const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
    send('POST', `/${BUCKET}?delete`, {
      headers: { 'content-md5': md5Base64(body), ...headers },
      body,
    });

  it.each([
    ['unclosed elements', '<Delete><Object><Key>existing</Key>'],
    ['mismatched tags', '<Delete><Object><Key>existing</Object></Key></Delete>'],
    ['the wrong root', '<Remove><Object><Key>existing</Key></Object></Remove>'],
    ['no objects', '<Delete><Quiet>true</Quiet></Delete>'],
    ['an object without a key', '<Delete><Object><VersionId>1</VersionId></Object></Delete>'],
    ['a key with child elements', '<Delete><Object><Key><b>existing</b></Key></Object></Delete>'],
    ['two keys in one object', '<Delete><Object><Key>existing</Key><Key>x</Key></Object></Delete>'],
    [
      'a non-boolean Quiet',
      '<Delete><Quiet>maybe</Quiet><Object><Key>existing</Key></Object></Delete>',
    ],
    ['not XML at all', '{"Delete":["existing"]}'],
    [
      'an entity-expansion DOCTYPE',
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "existing"><!ENTITY b "&a;&a;&a;&a;">]><Delete><Object><Key>&b;</Key></Object></Delete>',
    ],
  ])('refuses %s with MalformedXML', async (_label, body) => {
    expectError(await post(body), 400, 'MalformedXML');
    expectStoreUntouched();
  });

  it('refuses a body that is not UTF-8', async () => {
    const body = Buffer.concat([
      Buffer.from('<Delete><Object><Key>'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('</Key></Object></Delete>'),
    ]);
    expectError(await post(body), 400, 'MalformedXML');
    expectStoreUntouched();
  });

  it('refuses more than 1000 keys, and accepts exactly 1000', async () => {
    const keys = Array.from({ length: 1001 }, (_, i) => `k${i}`);
    expectError(await post(deleteBody(keys)), 400, 'MalformedXML');
    expectStoreUntouched();
    const accepted = await post(deleteBody(keys.slice(0, 1000), true));
    expect(accepted.status).toBe(200);
  });

  it('requires an integrity header and checks it', async () => {
    const body = deleteBody(['existing']);
    const unprotected = await send('POST', `/${BUCKET}?delete`, { body });
    expectError(unprotected, 400, 'InvalidRequest');
    expect(unprotected.body).toContain('Content-MD5');
    const tampered = await post(body, { 'content-md5': md5Base64('<Delete/>') });
    expectError(tampered, 400, 'BadDigest');
    const wrongCrc = await send('POST', `/${BUCKET}?delete`, {
      headers: { 'x-amz-checksum-crc32': crc32Base64('other') },
      body,
    });
    expectError(wrongCrc, 400, 'BadDigest');
    expectStoreUntouched();
  });

  it('refuses an oversized body with MaxMessageLengthExceeded', async () => {
    const body = `<Delete><Object><Key>${'x'.repeat(3 * 1024 * 1024)}</Key></Object></Delete>`;
    expectError(await post(body), 400, 'MaxMessageLengthExceeded');
    expectStoreUntouched();
  });
});

describe('paths and keys', () => {
  it('never lets dot segments reach another bucket', async () => {
    const viaSegments = await send('GET', `/${BUCKET}/../other-bucket/secret`);
    expectError(viaSegments, 404, 'NoSuchKey');
    expect(viaSegments.body).toContain('<Key>../other-bucket/secret</Key>');
    const viaEncoded = await send('GET', `/${BUCKET}/%2e%2e%2fother-bucket%2fsecret`);
    expectError(viaEncoded, 404, 'NoSuchKey');
    const asBucket = await send('GET', '/%2e%2e/other-bucket/secret');
    expectError(asBucket, 400, 'InvalidBucketName');
    // Written through a dot-segment key, the object lands in the addressed bucket under that key.
    const put = await send('PUT', `/${BUCKET}/../other-bucket/secret`, { body: 'overwrite' });
    expect(put.status).toBe(200);
    expect(server.service.getObject('other-bucket', 'secret')?.body.toString()).toBe('classified');
    expect(server.service.getObject(BUCKET, '../other-bucket/secret')?.body.toString()).toBe(
      'overwrite',
    );
  });

  it('serves virtual-hosted-style requests addressed to {bucket}.localhost', async () => {
    const port = new URL(server.endpoint).port;
    const got = await send('GET', '/existing', {
      headers: { host: `${BUCKET}.localhost:${port}` },
    });
    expect(got.status).toBe(200);
    expect(got.body).toBe('kept');
    const listed = await send('GET', '/?list-type=2', {
      headers: { host: `${BUCKET}.localhost:${port}` },
    });
    expect(listed.body).toContain('<Key>existing</Key>');
    const invalid = await send('GET', '/x', { headers: { host: `Bad_Bucket.localhost:${port}` } });
    expectError(invalid, 400, 'InvalidBucketName');
  });

  it.each([
    ['a truncated escape', `/${BUCKET}/bad%E0%A4%A`],
    ['an escape that is not UTF-8', `/${BUCKET}/bad%FF`],
    ['a stray percent', `/${BUCKET}/100%`],
  ])('refuses %s in the path with InvalidURI', async (_label, path) => {
    expectError(await send('GET', path), 400, 'InvalidURI');
  });

  it('keeps metadata named like Object.prototype members as ordinary metadata', async () => {
    const put = await send('PUT', `/${BUCKET}/proto`, {
      headers: { 'x-amz-meta-__proto__': 'p', 'x-amz-meta-constructor': 'c' },
      body: 'x',
    });
    expect(put.status).toBe(200);
    const head = await send('HEAD', `/${BUCKET}/proto`);
    expect(head.headers['x-amz-meta-__proto__']).toBe('p');
    expect(head.headers['x-amz-meta-constructor']).toBe('c');
  });

  it('refuses over-large user metadata with MetadataTooLarge', async () => {
    const response = await send('PUT', `/${BUCKET}/existing`, {
      headers: { 'x-amz-meta-blob': 'm'.repeat(2100) },
      body: 'x',
    });
    expectError(response, 400, 'MetadataTooLarge');
    expectStoreUntouched();
  });

  it('refuses a malformed copy source with InvalidArgument', async () => {
    for (const source of ['no-slash', '/only-bucket/', `${BUCKET}/%FF`]) {
      const response = await send('PUT', `/${BUCKET}/copy`, {
        headers: { 'x-amz-copy-source': source },
      });
      expectError(response, 400, 'InvalidArgument');
    }
    expectStoreUntouched();
  });
});

describe('unsupported operations and methods', () => {
  it.each([
    ['GET', `/${BUCKET}/existing?acl`, 'GetObjectAcl'],
    ['PUT', `/${BUCKET}?versioning`, 'PutBucketVersioning'],
    ['PUT', `/${BUCKET}?uploads`, 'Put on ?uploads'],
    ['GET', `/${BUCKET}/existing?partNumber=1`, 'GetObject by part number'],
    ['GET', `/${BUCKET}?versions`, 'ListObjectVersions'],
  ])('%s %s is NotImplemented, naming %s', async (method, path, operation) => {
    const response = await send(method, path);
    expectError(response, 501, 'NotImplemented');
    expect(response.body).toContain(operation);
    expectStoreUntouched();
  });

  it.each([
    ['PATCH', `/${BUCKET}/existing`],
    ['POST', `/${BUCKET}/existing`],
    ['POST', `/${BUCKET}`],
    ['DELETE', '/'],
  ])('%s %s is MethodNotAllowed', async (method, path) => {
    const response = await send(method, path);
    expectError(response, 405, 'MethodNotAllowed');
    expect(response.body).toContain(`<Method>${method}</Method>`);
    expectStoreUntouched();
  });
});
