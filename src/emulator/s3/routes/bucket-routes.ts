// Bucket-level operations: CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation, ListBuckets.
import type { EmulatorRequest, EmulatorResponse } from '../../http/types.ts';
import {
  decodeCreateBucket,
  decodeListBuckets,
  encodeListBuckets,
  encodeLocation,
} from '../codec/bucket-xml.ts';
import type { BucketHandler, S3Context } from './context.ts';
import { xmlResponse } from './context.ts';

export const createBucket: BucketHandler = async (request, bucket, context) => {
  const region = decodeCreateBucket(request.body, context.region);
  context.store.createBucket(bucket, region);
  return { status: 200, headers: { location: `/${bucket}` } };
};

export const headBucket: BucketHandler = async (_request, bucket, context) => {
  const info = context.store.headBucket(bucket);
  return { status: 200, headers: { 'x-amz-bucket-region': info.region } };
};

export const deleteBucket: BucketHandler = async (_request, bucket, context) => {
  context.store.deleteBucket(bucket);
  return { status: 204 };
};

export const getBucketLocation: BucketHandler = async (_request, bucket, context) => {
  return xmlResponse(encodeLocation(context.store.headBucket(bucket).region));
};

export async function listBuckets(
  request: EmulatorRequest,
  context: S3Context,
): Promise<EmulatorResponse> {
  const listRequest = decodeListBuckets(request.query);
  return xmlResponse(encodeListBuckets(context.store.listBuckets(), listRequest, context.owner));
}
