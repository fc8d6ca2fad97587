// The emulator's S3 service: one object store behind the S3 REST protocol (path-style, and
// virtual-hosted for local host names). The HTTP server hands it requests it has identified as
// S3; tests and the control plane may also inspect the store directly.
import { createHash } from 'node:crypto';
import type { EmulatorRequest, EmulatorResponse, ServiceEndpoint } from '../http/types.ts';
import { errorResponse, isExpectedError } from './codec/error-response.ts';
import { S3ProtocolError } from './codec/protocol-error.ts';
import { parseTarget } from './codec/request-path.ts';
import { MultipartUploads } from './domain/multipart.ts';
import { ObjectStore } from './domain/object-store.ts';
import type { BucketInfo, StoredObject } from './domain/types.ts';
import { s3OperationOf } from './routes/operation.ts';
import { routeS3 } from './routes/router.ts';

export { S3ProtocolError } from './codec/protocol-error.ts';
export type { BucketInfo, StoredObject } from './domain/types.ts';

/** One S3 call as the fault gate sees it, before it runs. */
export interface S3Call {
  operation: string;
  bucket: string | undefined;
  key: string | undefined;
}

/**
 * Runs before every S3 call: returns nothing to go on, a promise to wait for (latency), or
 * throws an `S3ProtocolError` (or rejects with one) to answer that error instead.
 */
export interface S3Gate {
  before(call: S3Call): undefined | Promise<void>;
}

export interface S3ServiceOptions {
  /** Milliseconds since the epoch; stamps Last-Modified and bucket creation dates. */
  now: () => number;
  /** Region of buckets created without a LocationConstraint. */
  region: string;
  /** Told about unexpected exceptions (bugs), which clients see as 500 InternalError. */
  onInternalError?: (error: unknown) => void;
  /** Largest request body accepted (objects are held in memory); default 64 MiB. */
  maxBodyBytes?: number;
  /** Fault hook run before each call (after the request is read, before it is routed). */
  gate?: S3Gate;
}

export interface S3Service extends ServiceEndpoint {
  handle(request: EmulatorRequest): Promise<EmulatorResponse>;
  /** The buckets and objects themselves (persistence reads and restores them). */
  readonly objects: ObjectStore;
  /** Drops every bucket, object and unfinished multipart upload. */
  reset(): void;
  listBuckets(): BucketInfo[];
  /** The stored object (clean bytes, headers, metadata, checksum), or undefined. */
  getObject(bucket: string, key: string): Readonly<StoredObject> | undefined;
  /** Every key in `bucket` in S3 listing order; empty when the bucket does not exist. */
  listKeys(bucket: string): string[];
}

/** A stable canonical-user id for the single account the emulator serves. */
const OWNER_ID = createHash('sha256').update('graphnode-harness:000000000000').digest('hex');

const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

export function createS3Service(options: S3ServiceOptions): S3Service {
  const store = new ObjectStore(options.now);
  const uploads = new MultipartUploads(store, options.now);
  let requestCount = 0;
  const nextRequestId = () => {
    requestCount += 1;
    return requestCount.toString(16).toUpperCase().padStart(16, '0');
  };
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return {
    objects: store,
    maxBodyBytes,
    bodyTooLarge(received) {
      const error = new S3ProtocolError(
        'EntityTooLarge',
        `The request body is ${received} bytes; this endpoint accepts at most ${maxBodyBytes} bytes.`,
      );
      // S3 answers an oversized body at the transport with 413, not the table's 400.
      return {
        ...errorResponse(error, { method: 'PUT', requestId: nextRequestId() }),
        status: 413,
      };
    },
    forbidden(detail) {
      return errorResponse(new S3ProtocolError('AccessDenied', detail), {
        method: 'GET',
        requestId: nextRequestId(),
      });
    },
    async handle(request) {
      const requestId = nextRequestId();
      let response: EmulatorResponse;
      try {
        const gated = options.gate?.before(callOf(request));
        if (gated) await gated;
        response = await routeS3(request, {
          store,
          uploads,
          region: options.region,
          owner: OWNER_ID,
        });
      } catch (error) {
        if (!isExpectedError(error)) options.onInternalError?.(error);
        return errorResponse(error, { method: request.method, requestId });
      }
      return {
        ...response,
        headers: { ...response.headers, 'x-amz-request-id': requestId, 'x-amz-id-2': requestId },
      };
    },
    reset() {
      store.reset();
      uploads.reset();
    },
    listBuckets() {
      return store.listBuckets();
    },
    getObject(bucket, key) {
      return store.hasBucket(bucket) ? store.findObject(bucket, key) : undefined;
    },
    listKeys(bucket) {
      if (!store.hasBucket(bucket)) return [];
      const page = store.listObjects(bucket, {
        prefix: '',
        delimiter: '',
        maxKeys: Number.POSITIVE_INFINITY,
        startAfter: '',
        resumeAfter: '',
      });
      return page.contents.map((object) => object.key);
    },
  };
}

/** The call a request makes; an unparsable path is left to the router to refuse. */
function callOf(request: EmulatorRequest): S3Call {
  try {
    const { bucket, key } = parseTarget(request.path, request.host);
    return { operation: s3OperationOf(request, bucket, key), bucket, key };
  } catch {
    return { operation: 'Unsupported', bucket: undefined, key: undefined };
  }
}
