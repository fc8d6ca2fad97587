// Bucket-level documents: the optional CreateBucketConfiguration body, ListBuckets (with its paging
// parameters) and the GetBucketLocation answer.
import type { BucketInfo } from '../domain/types.ts';
import { S3ProtocolError } from './protocol-error.ts';
import { document, element, escapeXml, isoTime } from './xml.ts';
import { parseXmlBody, textChild } from './xml-body.ts';

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** The bucket's region: the body's LocationConstraint, else the emulator's region. */
export function decodeCreateBucket(body: Buffer, defaultRegion: string): string {
  if (body.length === 0) return defaultRegion;
  const root = parseXmlBody(body, 'CreateBucketConfiguration');
  const constraint = textChild(root, 'LocationConstraint')?.trim();
  if (constraint === undefined || constraint === '') return defaultRegion;
  // us-east-1 is the absence of a constraint; naming it explicitly is refused by S3.
  if (constraint === 'us-east-1' || !REGION_PATTERN.test(constraint)) {
    throw new S3ProtocolError('InvalidLocationConstraint', undefined, {
      LocationConstraint: constraint.slice(0, 64),
    });
  }
  return constraint;
}

export interface ListBucketsRequest {
  prefix: string;
  region: string | undefined;
  maxBuckets: number;
  /** The bucket name a previous page ended with. */
  after: string;
}

const MAX_BUCKETS_PER_PAGE = 10_000;

/** ListBuckets' optional paging and filtering parameters (`max-buckets`, `continuation-token`...). */
export function decodeListBuckets(query: URLSearchParams): ListBucketsRequest {
  const maxText = query.get('max-buckets');
  if (
    maxText !== null &&
    (!/^\d{1,5}$/.test(maxText) || Number(maxText) < 1 || Number(maxText) > MAX_BUCKETS_PER_PAGE)
  ) {
    throw new S3ProtocolError(
      'InvalidArgument',
      `max-buckets must be between 1 and ${MAX_BUCKETS_PER_PAGE}.`,
      {
        ArgumentName: 'max-buckets',
        ArgumentValue: maxText.slice(0, 32),
      },
    );
  }
  const token = query.get('continuation-token');
  let after = '';
  if (token !== null) {
    // Tokens are the last bucket name of the previous page, base64url-encoded.
    after = Buffer.from(token, 'base64url').toString('utf8');
    if (token === '' || Buffer.from(after, 'utf8').toString('base64url') !== token) {
      throw new S3ProtocolError('InvalidArgument', 'The continuation token provided is incorrect', {
        ArgumentName: 'continuation-token',
        ArgumentValue: token.slice(0, 256),
      });
    }
  }
  return {
    prefix: query.get('prefix') ?? '',
    region: query.get('bucket-region') ?? undefined,
    maxBuckets: maxText === null ? MAX_BUCKETS_PER_PAGE : Number(maxText),
    after,
  };
}

export function encodeListBuckets(
  all: readonly BucketInfo[],
  request: ListBucketsRequest,
  owner: string,
): string {
  const matching = all.filter(
    (bucket) =>
      bucket.name.startsWith(request.prefix) &&
      bucket.name > request.after &&
      (request.region === undefined || bucket.region === request.region),
  );
  const page = matching.slice(0, request.maxBuckets);
  const entries = page
    .map(
      (bucket) =>
        `<Bucket>${element('Name', bucket.name)}${element('CreationDate', isoTime(bucket.creationDate))}${element('BucketRegion', bucket.region)}</Bucket>`,
    )
    .join('');
  const last = page.at(-1);
  const next =
    matching.length > page.length && last !== undefined
      ? element('ContinuationToken', Buffer.from(last.name, 'utf8').toString('base64url'))
      : '';
  const prefix = request.prefix === '' ? '' : element('Prefix', request.prefix);
  return document(
    'ListAllMyBucketsResult',
    `<Owner>${element('ID', owner)}${element('DisplayName', 'harness')}</Owner><Buckets>${entries}</Buckets>${next}${prefix}`,
  );
}

export function encodeLocation(region: string): string {
  // S3 reports us-east-1 as an empty constraint.
  return document('LocationConstraint', region === 'us-east-1' ? '' : escapeXml(region));
}
