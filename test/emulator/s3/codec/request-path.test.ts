// Bucket and key from a request: path-style and the virtual-hosted local names SDKs build.
import { describe, expect, it } from 'vitest';
import { S3ProtocolError } from '../../../../src/emulator/s3/codec/protocol-error.ts';
import { parseTarget, virtualHostBucket } from '../../../../src/emulator/s3/codec/request-path.ts';

describe('parseTarget', () => {
  it.each([
    ['/', {}],
    ['/bucket', { bucket: 'bucket' }],
    ['/bucket/', { bucket: 'bucket' }],
    ['/bucket/a%20b/c', { bucket: 'bucket', key: 'a b/c' }],
    ['/bucket//x/../y', { bucket: 'bucket', key: '/x/../y' }],
    ['/bucket/a+b%2Bc', { bucket: 'bucket', key: 'a+b+c' }],
    ['/bucket/%F0%9F%99%82', { bucket: 'bucket', key: '🙂' }],
  ])('reads path-style %j', (path, expected) => {
    expect(parseTarget(path, '127.0.0.1:4566')).toEqual({
      bucket: undefined,
      key: undefined,
      ...expected,
    });
  });

  it('reads virtual-hosted style from the local host names SDKs build', () => {
    expect(parseTarget('/a%20b', 'payloads.localhost:4566')).toEqual({
      bucket: 'payloads',
      key: 'a b',
    });
    expect(parseTarget('/', 'my.payloads.s3.localhost.localstack.cloud:4566')).toEqual({
      bucket: 'my.payloads',
      key: undefined,
    });
    for (const host of [
      'localhost:4566',
      's3.localhost',
      'localhost.localstack.cloud',
      '127.0.0.1',
      'emulator:4566',
    ]) {
      expect(virtualHostBucket(host), host).toBeUndefined();
    }
  });

  it.each([
    'bucket/no-leading-slash',
    '/bucket/%',
    '/bucket/%C3',
    '/%ZZ/key',
    'http://host/bucket',
  ])('refuses %j with InvalidURI', (path) => {
    expect(() => parseTarget(path)).toThrow(S3ProtocolError);
  });
});
