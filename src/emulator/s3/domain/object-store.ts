// The in-memory object store: buckets and their objects, with S3's naming and size rules. Knows
// nothing of HTTP; time comes from the injected clock.
import { createHash } from 'node:crypto';
import { bucketNameProblem } from './bucket-name.ts';
import { StoreError } from './errors.ts';
import { listPage, sortKeys } from './listing.ts';
import type { BucketInfo, ListPage, ListQuery, ObjectWrite, StoredObject } from './types.ts';

export const MAX_KEY_BYTES = 1024;

/**
 * The port through which the store reports changes to whoever keeps state (persistence); the
 * store itself never does I/O. Objects are immutable, so each report carries the whole object.
 */
export interface StoreChanges {
  bucket(info: BucketInfo): void;
  bucketDeleted(name: string): void;
  object(bucket: string, object: StoredObject): void;
  objectDeleted(bucket: string, key: string): void;
  reset(): void;
}
/** The one region where re-creating a bucket you own succeeds. */
const LEGACY_REGION = 'us-east-1';

interface Bucket extends BucketInfo {
  objects: Map<string, StoredObject>;
  /** Keys in listing order, rebuilt lazily after the key set changes. */
  sortedKeys: string[] | undefined;
}

export class ObjectStore {
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();
  /** Told of every change when something keeps state (persistence); else undefined. */
  changes: StoreChanges | undefined;

  constructor(now: () => number) {
    this.#now = now;
  }

  reset(): void {
    this.#buckets.clear();
    this.changes?.reset();
  }

  /** Every bucket with its objects (persistence's snapshot). */
  *contents(): Iterable<{ info: BucketInfo; objects: Iterable<StoredObject> }> {
    for (const bucket of this.#buckets.values()) {
      yield { info: bucketInfo(bucket), objects: bucket.objects.values() };
    }
  }

  /** Puts back a bucket as it was (persistence); no rule is checked, no change reported. */
  restoreBucket(info: BucketInfo): void {
    this.#buckets.set(info.name, { ...info, objects: new Map(), sortedKeys: undefined });
  }

  /** Puts back an object as it was (persistence) into a restored bucket. */
  restoreObject(bucketName: string, object: StoredObject): void {
    const bucket = this.#bucket(bucketName);
    bucket.objects.set(object.key, object);
    bucket.sortedKeys = undefined;
  }

  createBucket(name: string, region: string): BucketInfo {
    const problem = bucketNameProblem(name);
    if (problem !== undefined) {
      throw new StoreError('InvalidBucketName', {
        bucket: name,
        message: `The specified bucket is not valid: the name ${problem}.`,
      });
    }
    const existing = this.#buckets.get(name);
    if (existing !== undefined) {
      // S3 keeps a legacy answer in us-east-1: re-creating a bucket you own there is a 200 that
      // changes nothing. Every other region answers 409.
      if (region === LEGACY_REGION && existing.region === LEGACY_REGION)
        return bucketInfo(existing);
      throw new StoreError('BucketAlreadyOwnedByYou', { bucket: name });
    }
    const bucket: Bucket = {
      name,
      region,
      creationDate: this.#seconds(),
      objects: new Map(),
      sortedKeys: undefined,
    };
    this.#buckets.set(name, bucket);
    this.changes?.bucket(bucketInfo(bucket));
    return bucketInfo(bucket);
  }

  hasBucket(name: string): boolean {
    return this.#buckets.has(name);
  }

  headBucket(name: string): BucketInfo {
    return bucketInfo(this.#bucket(name));
  }

  deleteBucket(name: string): void {
    const bucket = this.#bucket(name);
    if (bucket.objects.size > 0) throw new StoreError('BucketNotEmpty', { bucket: name });
    this.#buckets.delete(name);
    this.changes?.bucketDeleted(name);
  }

  listBuckets(): BucketInfo[] {
    return [...this.#buckets.values()].map(bucketInfo).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** Stores `write` under `key`; `etag` is given only for assembled multipart uploads. */
  putObject(bucketName: string, key: string, write: ObjectWrite, etag?: string): StoredObject {
    const bucket = this.#bucket(bucketName);
    checkKey(bucketName, key);
    const object: StoredObject = {
      ...write,
      key,
      etag: etag ?? `"${createHash('md5').update(write.body).digest('hex')}"`,
      lastModified: this.#seconds(),
    };
    if (!bucket.objects.has(key)) bucket.sortedKeys = undefined;
    bucket.objects.set(key, object);
    this.changes?.object(bucketName, object);
    return object;
  }

  getObject(bucketName: string, key: string): StoredObject {
    const bucket = this.#bucket(bucketName);
    checkKey(bucketName, key);
    const object = bucket.objects.get(key);
    if (object === undefined) throw new StoreError('NoSuchKey', { bucket: bucketName, key });
    return object;
  }

  /** The object under `key`, or undefined when there is none (the bucket must exist). */
  findObject(bucketName: string, key: string): StoredObject | undefined {
    return this.#bucket(bucketName).objects.get(key);
  }

  /** Deleting a missing key succeeds, as on S3; a missing bucket does not. */
  deleteObject(bucketName: string, key: string): void {
    const bucket = this.#bucket(bucketName);
    checkKey(bucketName, key);
    if (bucket.objects.delete(key)) {
      bucket.sortedKeys = undefined;
      this.changes?.objectDeleted(bucketName, key);
    }
  }

  /** Stores a copy of the source's bytes under a new key; `replace` swaps headers and metadata. */
  copyObject(
    source: { bucket: string; key: string },
    target: { bucket: string; key: string },
    replace: Pick<ObjectWrite, 'headers' | 'metadata'> | undefined,
  ): StoredObject {
    const original = this.getObject(source.bucket, source.key);
    return this.putObject(target.bucket, target.key, {
      body: original.body,
      headers: replace?.headers ?? original.headers,
      metadata: replace?.metadata ?? original.metadata,
      checksum: original.checksum,
    });
  }

  listObjects(bucketName: string, query: ListQuery): ListPage {
    const bucket = this.#bucket(bucketName);
    bucket.sortedKeys ??= sortKeys(bucket.objects.keys());
    const { objects } = bucket;
    // The key list is rebuilt whenever the key set changes, so every listed key is present.
    return listPage(bucket.sortedKeys, (key) => objects.get(key)!, query);
  }

  #bucket(name: string): Bucket {
    const bucket = this.#buckets.get(name);
    if (bucket === undefined) {
      // A name no bucket could have gets the more specific answer S3 gives.
      const problem = bucketNameProblem(name);
      if (problem !== undefined) {
        throw new StoreError('InvalidBucketName', {
          bucket: name,
          message: `The specified bucket is not valid: the name ${problem}.`,
        });
      }
      throw new StoreError('NoSuchBucket', { bucket: name });
    }
    return bucket;
  }

  #seconds(): number {
    return Math.floor(this.#now() / 1000) * 1000;
  }
}

function bucketInfo(bucket: Bucket): BucketInfo {
  return { name: bucket.name, region: bucket.region, creationDate: bucket.creationDate };
}

export function checkKey(bucket: string, key: string): void {
  if (key === '') {
    throw new StoreError('EmptyKey', { bucket, key, message: 'The object key must not be empty.' });
  }
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
    throw new StoreError('KeyTooLong', { bucket, key });
  }
}
