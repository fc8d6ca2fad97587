// What every S3 route handler receives besides the request: the store and fixed service facts.
import type { EmulatorRequest, EmulatorResponse } from '../../http/types.ts';
import type { MultipartUploads } from '../domain/multipart.ts';
import type { ObjectStore } from '../domain/object-store.ts';

export interface S3Context {
  store: ObjectStore;
  uploads: MultipartUploads;
  /** Region new buckets get when the request names none. */
  region: string;
  /** Canonical user id reported as the owner of every bucket and object. */
  owner: string;
}

export type BucketHandler = (
  request: EmulatorRequest,
  bucket: string,
  context: S3Context,
) => Promise<EmulatorResponse>;

export type ObjectHandler = (
  request: EmulatorRequest,
  target: { bucket: string; key: string },
  context: S3Context,
) => Promise<EmulatorResponse>;

export function xmlResponse(body: string, status = 200): EmulatorResponse {
  return { status, headers: { 'content-type': 'application/xml' }, body };
}
