// ListObjects paging over a bucket's keys in UTF-8 byte order, rolling keys up into common
// prefixes at the delimiter, the way S3 pages ListObjects/ListObjectsV2.
import type { ListPage, ListQuery, StoredObject } from './types.ts';

/**
 * Orders strings as their UTF-8 bytes would (that is, by code point). Plain `<` compares UTF-16
 * code units, which puts astral characters (emoji) before U+E000..U+FFFF; S3 does not.
 */
export function compareKeys(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(j) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return a.length - i - (b.length - j);
}

export function sortKeys(keys: Iterable<string>): string[] {
  return [...keys].sort(compareKeys);
}

/** The item a key lists as: the key itself, or its common prefix when a delimiter follows the prefix. */
function rollUp(
  key: string,
  prefix: string,
  delimiter: string,
): { item: string; isPrefix: boolean } {
  if (delimiter !== '') {
    const at = key.indexOf(delimiter, prefix.length);
    if (at !== -1) return { item: key.slice(0, at + delimiter.length), isPrefix: true };
  }
  return { item: key, isPrefix: false };
}

/** One page of a listing over `sortedKeys` (in `compareKeys` order); `objectOf` resolves a key. */
export function listPage(
  sortedKeys: readonly string[],
  objectOf: (key: string) => StoredObject,
  query: ListQuery,
): ListPage {
  const page: ListPage = {
    contents: [],
    commonPrefixes: [],
    isTruncated: false,
    lastItem: undefined,
  };
  if (query.maxKeys <= 0) return page;
  let count = 0;
  for (const key of sortedKeys) {
    if (!key.startsWith(query.prefix)) continue;
    if (query.startAfter !== '' && compareKeys(key, query.startAfter) <= 0) continue;
    const { item, isPrefix } = rollUp(key, query.prefix, query.delimiter);
    // Comparing the rolled-up item (not the key) skips every key under a prefix already returned.
    if (query.resumeAfter !== '' && compareKeys(item, query.resumeAfter) <= 0) continue;
    if (item === page.lastItem) continue;
    if (count === query.maxKeys) {
      page.isTruncated = true;
      break;
    }
    if (isPrefix) page.commonPrefixes.push(item);
    else page.contents.push(objectOf(key));
    page.lastItem = item;
    count += 1;
  }
  return page;
}
