// The ListObjects request codec: continuation tokens, start-after/marker per API version and
// encoding-type=url key encoding.
import { describe, expect, it } from 'vitest';
import {
  decodeListRequest,
  encodeToken,
  urlEncodeKey,
} from '../../../../src/emulator/s3/codec/list-objects.ts';

describe('list request codec', () => {
  it('round-trips continuation tokens, including unicode items', () => {
    for (const item of ['a', 'dir/', 'ü/🙂 x', '']) {
      const request = decodeListRequest(
        new URLSearchParams({ 'list-type': '2', 'continuation-token': encodeToken(item) }),
      );
      expect(request.query.resumeAfter).toBe(item);
    }
  });

  it('treats start-after and marker per API version', () => {
    const v2 = decodeListRequest(new URLSearchParams('list-type=2&start-after=k&marker=m'));
    expect(v2.query).toMatchObject({ startAfter: 'k', resumeAfter: '' });
    const v1 = decodeListRequest(new URLSearchParams('start-after=k&marker=m'));
    expect(v1.query).toMatchObject({ startAfter: '', resumeAfter: 'm' });
  });

  it('encodes keys as S3 does for encoding-type=url', () => {
    expect(urlEncodeKey('a b/c+d%e')).toBe('a+b/c%2Bd%25e');
    expect(urlEncodeKey('한글/x.txt')).toBe('%ED%95%9C%EA%B8%80/x.txt');
    expect(urlEncodeKey("it's(1)*")).toBe('it%27s%281%29%2A');
    expect(urlEncodeKey('\n\u0001')).toBe('%0A%01');
  });
});
