// Listing order and paging in the domain: UTF-8 byte order, common prefixes and truncation.
import { describe, expect, it } from 'vitest';
import { listPage as listKeys, sortKeys } from '../../../../src/emulator/s3/domain/listing.ts';
import type { ListQuery, StoredObject } from '../../../../src/emulator/s3/domain/types.ts';

function object(key: string): StoredObject {
  return {
    key,
    body: Buffer.alloc(0),
    headers: { contentType: 'binary/octet-stream' },
    metadata: {},
    checksum: undefined,
    etag: '""',
    lastModified: 0,
  };
}

function listPage(keys: string[], listQuery: ListQuery) {
  return listKeys(sortKeys(keys), object, listQuery);
}

const query = (overrides: Partial<ListQuery>): ListQuery => ({
  prefix: '',
  delimiter: '',
  maxKeys: 1000,
  startAfter: '',
  resumeAfter: '',
  ...overrides,
});

describe('listPage', () => {
  it('orders keys by UTF-8 bytes, not UTF-16 code units', () => {
    // UTF-16 puts '🙂' (surrogate 0xD83D) before '～' (0xFF5E); UTF-8 bytes (F0.. vs EF..) do not.
    const sorted = sortKeys(['🙂', '～', 'a', '🙂a', '～～']);
    expect(sorted).toEqual(['a', '～', '～～', '🙂', '🙂a']);
  });

  it('compares keys by code point, shorter first on a shared prefix', () => {
    expect(sortKeys(['ab', 'a', '', 'b', 'aa'])).toEqual(['', 'a', 'aa', 'ab', 'b']);
  });

  it('resumes after a common prefix without repeating it', () => {
    const all = ['a/1', 'a/2', 'b', 'c/1', 'd'];
    const first = listPage(all, query({ delimiter: '/', maxKeys: 2 }));
    expect(first).toMatchObject({ commonPrefixes: ['a/'], isTruncated: true, lastItem: 'b' });
    expect(first.contents.map((object) => object.key)).toEqual(['b']);
    const second = listPage(all, query({ delimiter: '/', maxKeys: 2, resumeAfter: 'b' }));
    expect(second.commonPrefixes).toEqual(['c/']);
    expect(second.contents.map((object) => object.key)).toEqual(['d']);
    expect(second.isTruncated).toBe(false);
    const afterPrefix = listPage(all, query({ delimiter: '/', resumeAfter: 'a/' }));
    expect(afterPrefix.commonPrefixes).toEqual(['c/']);
  });

  it('is not truncated when the page ends exactly at the last item', () => {
    const page = listPage(['a', 'b'], query({ maxKeys: 2 }));
    expect(page.isTruncated).toBe(false);
  });

  it('rolls up at a multi-character delimiter after the prefix', () => {
    const page = listPage(['x::a::1', 'x::b', 'y'], query({ prefix: 'x::', delimiter: '::' }));
    expect(page.commonPrefixes).toEqual(['x::a::']);
    expect(page.contents.map((object) => object.key)).toEqual(['x::b']);
  });
});
