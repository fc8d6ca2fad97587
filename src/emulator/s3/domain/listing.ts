// ListObjects paging over a bucket's keys in UTF-8 byte order, rolling keys up into common
// prefixes at the delimiter, the way S3 pages ListObjects/ListObjectsV2.
import type { ListPage, ListQuery, StoredObject } from './types.ts';

function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function sortByKey(objects: Iterable<StoredObject>): StoredObject[] {
  return [...objects].sort((a, b) => compareUtf8(a.key, b.key));
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

export function listPage(sorted: readonly StoredObject[], query: ListQuery): ListPage {
  const page: ListPage = {
    contents: [],
    commonPrefixes: [],
    isTruncated: false,
    lastItem: undefined,
  };
  if (query.maxKeys <= 0) return page;
  let count = 0;
  for (const object of sorted) {
    if (!object.key.startsWith(query.prefix)) continue;
    if (query.startAfter !== '' && compareUtf8(object.key, query.startAfter) <= 0) continue;
    const { item, isPrefix } = rollUp(object.key, query.prefix, query.delimiter);
    // Comparing the rolled-up item (not the key) skips every key under a prefix already returned.
    if (query.resumeAfter !== '' && compareUtf8(item, query.resumeAfter) <= 0) continue;
    if (item === page.lastItem) continue;
    if (count === query.maxKeys) {
      page.isTruncated = true;
      break;
    }
    if (isPrefix) page.commonPrefixes.push(item);
    else page.contents.push(object);
    page.lastItem = item;
    count += 1;
  }
  return page;
}
