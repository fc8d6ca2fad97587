// ListObjects (V1) and ListObjectsV2 on the wire: query parameters in, <ListBucketResult> out,
// with opaque continuation tokens and the `encoding-type=url` key encoding.
import type { ListPage, ListQuery } from '../domain/types.ts';
import { S3ProtocolError } from './protocol-error.ts';
import { document, element, isoTime } from './xml.ts';

export const MAX_LIST_KEYS = 1000;
const TOKEN_PREFIX = 'v1:';

export interface ListRequest {
  version: 1 | 2;
  query: ListQuery;
  encodeUrl: boolean;
  continuationToken: string | undefined;
  marker: string;
  fetchOwner: boolean;
}

function invalid(message: string, name: string, value: string): S3ProtocolError {
  return new S3ProtocolError('InvalidArgument', message, {
    ArgumentName: name,
    ArgumentValue: value.slice(0, 256),
  });
}

export function encodeToken(lastItem: string): string {
  return Buffer.from(TOKEN_PREFIX + lastItem, 'utf8').toString('base64url');
}

function decodeToken(token: string): string {
  let text = '';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(token, 'base64url'));
  } catch {
    // Not UTF-8: falls through to the prefix check below.
  }
  if (!text.startsWith(TOKEN_PREFIX) || Buffer.from(text, 'utf8').toString('base64url') !== token) {
    throw invalid('The continuation token provided is incorrect', 'continuation-token', token);
  }
  return text.slice(TOKEN_PREFIX.length);
}

export function decodeListRequest(params: URLSearchParams): ListRequest {
  const listType = params.get('list-type');
  if (listType !== null && listType !== '2') {
    throw invalid('Invalid List Type specified in Request', 'list-type', listType);
  }
  const version = listType === '2' ? 2 : 1;
  const maxKeysText = params.get('max-keys');
  let maxKeys = MAX_LIST_KEYS;
  if (maxKeysText !== null) {
    if (!/^\d{1,10}$/.test(maxKeysText) || Number(maxKeysText) > 2 ** 31 - 1) {
      throw invalid(
        'Provided max-keys not an integer or within integer range',
        'max-keys',
        maxKeysText,
      );
    }
    maxKeys = Math.min(Number(maxKeysText), MAX_LIST_KEYS);
  }
  const encodingType = params.get('encoding-type');
  if (encodingType !== null && encodingType !== 'url') {
    throw invalid('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  }
  const continuationToken =
    version === 2 ? (params.get('continuation-token') ?? undefined) : undefined;
  const marker = version === 1 ? (params.get('marker') ?? '') : '';
  return {
    version,
    query: {
      prefix: params.get('prefix') ?? '',
      delimiter: params.get('delimiter') ?? '',
      maxKeys,
      startAfter: version === 2 ? (params.get('start-after') ?? '') : '',
      resumeAfter: continuationToken !== undefined ? decodeToken(continuationToken) : marker,
    },
    encodeUrl: encodingType === 'url',
    continuationToken,
    marker,
    fetchOwner: params.get('fetch-owner') === 'true',
  };
}

/** S3's `encoding-type=url`: form-style percent-encoding that keeps `/` and writes space as `+`. */
export function urlEncodeKey(text: string): string {
  return encodeURIComponent(text)
    .replace(/%20/g, '+')
    .replace(/%2F/g, '/')
    .replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function encodeListResult(
  bucket: string,
  request: ListRequest,
  page: ListPage,
  owner: string,
): string {
  const text = (value: string) => (request.encodeUrl ? urlEncodeKey(value) : value);
  const { query } = request;
  const parts: string[] = [element('Name', bucket), element('Prefix', text(query.prefix))];
  if (request.version === 1) {
    parts.push(element('Marker', text(request.marker)));
    if (page.isTruncated && query.delimiter !== '' && page.lastItem !== undefined) {
      parts.push(element('NextMarker', text(page.lastItem)));
    }
  }
  if (query.delimiter !== '') parts.push(element('Delimiter', text(query.delimiter)));
  parts.push(element('MaxKeys', query.maxKeys));
  if (request.encodeUrl) parts.push(element('EncodingType', 'url'));
  if (request.version === 2) {
    parts.push(element('KeyCount', page.contents.length + page.commonPrefixes.length));
  }
  parts.push(element('IsTruncated', page.isTruncated));
  if (request.version === 2) {
    if (request.continuationToken !== undefined) {
      parts.push(element('ContinuationToken', request.continuationToken));
    }
    if (page.isTruncated && page.lastItem !== undefined) {
      parts.push(element('NextContinuationToken', encodeToken(page.lastItem)));
    }
    if (query.startAfter !== '') parts.push(element('StartAfter', text(query.startAfter)));
  }
  const showOwner = request.version === 1 || request.fetchOwner;
  for (const object of page.contents) {
    const checksum = object.checksum
      ? `${element('ChecksumAlgorithm', object.checksum.algorithm)}${element('ChecksumType', object.checksum.type ?? 'FULL_OBJECT')}`
      : '';
    parts.push(
      `<Contents>${element('Key', text(object.key))}${element('LastModified', isoTime(object.lastModified))}` +
        `${element('ETag', object.etag)}${checksum}${element('Size', object.body.length)}` +
        `${showOwner ? `<Owner>${element('ID', owner)}${element('DisplayName', 'harness')}</Owner>` : ''}` +
        `${element('StorageClass', 'STANDARD')}</Contents>`,
    );
  }
  for (const prefix of page.commonPrefixes) {
    parts.push(`<CommonPrefixes>${element('Prefix', text(prefix))}</CommonPrefixes>`);
  }
  return document('ListBucketResult', parts.join(''));
}
