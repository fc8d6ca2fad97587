// Bucket-level documents: the optional CreateBucketConfiguration body, ListAllMyBucketsResult and
// the GetBucketLocation answer.
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

export function encodeListBuckets(buckets: readonly BucketInfo[], owner: string): string {
  const entries = buckets
    .map(
      (bucket) =>
        `<Bucket>${element('Name', bucket.name)}${element('CreationDate', isoTime(bucket.creationDate))}${element('BucketRegion', bucket.region)}</Bucket>`,
    )
    .join('');
  return document(
    'ListAllMyBucketsResult',
    `<Owner>${element('ID', owner)}${element('DisplayName', 'harness')}</Owner><Buckets>${entries}</Buckets>`,
  );
}

export function encodeLocation(region: string): string {
  // S3 reports us-east-1 as an empty constraint.
  return document('LocationConstraint', region === 'us-east-1' ? '' : escapeXml(region));
}
