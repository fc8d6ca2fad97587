// ListObjects and ListObjectsV2 (GET /{bucket}, with or without `list-type=2`).
import { decodeListRequest, encodeListResult } from '../codec/list-objects.ts';
import type { BucketHandler } from './context.ts';
import { xmlResponse } from './context.ts';

export const listObjects: BucketHandler = async (request, bucket, context) => {
  const listRequest = decodeListRequest(request.query);
  const page = context.store.listObjects(bucket, listRequest.query);
  return xmlResponse(encodeListResult(bucket, listRequest, page, context.owner));
};
