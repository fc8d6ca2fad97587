// Multipart uploads: parts held per upload until CompleteMultipartUpload assembles them into one
// object (S3's rules: part numbers 1..10000, ascending order, every part but the last >= 5 MiB,
// ETag = MD5 of the parts' MD5s plus `-N`). Checksums stay opaque here; the codec computes them.
import { createHash } from 'node:crypto';
import { StoreError } from './errors.ts';
import { compareKeys } from './listing.ts';
import { checkKey, type ObjectStore } from './object-store.ts';
import type { ObjectHeaders, StoredChecksum, StoredObject } from './types.ts';

export const MIN_PART_BYTES = 5 * 1024 * 1024;
export const MAX_PART_NUMBER = 10_000;

export interface UploadInit {
  headers: ObjectHeaders;
  metadata: Record<string, string>;
  /** The algorithm and type asked for at creation, if any. */
  checksum: { algorithm: string; type: 'FULL_OBJECT' | 'COMPOSITE' } | undefined;
}

export interface Part {
  partNumber: number;
  body: Buffer;
  /** Quoted hex MD5 of the part. */
  etag: string;
  checksum: StoredChecksum | undefined;
  lastModified: number;
}

export interface Upload extends UploadInit {
  uploadId: string;
  bucket: string;
  key: string;
  initiated: number;
  parts: Map<number, Part>;
}

export class MultipartUploads {
  readonly #store: ObjectStore;
  readonly #now: () => number;
  readonly #uploads = new Map<string, Upload>();
  #created = 0;

  constructor(store: ObjectStore, now: () => number) {
    this.#store = store;
    this.#now = now;
  }

  reset(): void {
    this.#uploads.clear();
  }

  create(bucket: string, key: string, init: UploadInit): Upload {
    this.#store.headBucket(bucket);
    checkKey(bucket, key);
    this.#created += 1;
    // Opaque and unguessable-looking like S3's, yet deterministic for reproducible runs.
    const uploadId = createHash('sha256')
      .update(`${this.#created}\u0000${bucket}\u0000${key}`)
      .digest('base64url');
    const upload: Upload = {
      ...init,
      uploadId,
      bucket,
      key,
      initiated: this.#seconds(),
      parts: new Map(),
    };
    this.#uploads.set(uploadId, upload);
    return upload;
  }

  get(bucket: string, key: string, uploadId: string): Upload {
    this.#store.headBucket(bucket);
    const upload = this.#uploads.get(uploadId);
    if (upload === undefined || upload.bucket !== bucket || upload.key !== key) {
      throw new StoreError('NoSuchUpload', { bucket, key, uploadId });
    }
    return upload;
  }

  uploadPart(
    target: { bucket: string; key: string; uploadId: string },
    partNumber: number,
    body: Buffer,
    checksum: StoredChecksum | undefined,
  ): Part {
    const upload = this.get(target.bucket, target.key, target.uploadId);
    const part: Part = {
      partNumber,
      body,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      checksum,
      lastModified: this.#seconds(),
    };
    upload.parts.set(partNumber, part);
    return part;
  }

  /** Parts in ascending number order, `after` a part-number marker, at most `max` of them. */
  listParts(upload: Upload, after: number, max: number): { parts: Part[]; isTruncated: boolean } {
    const sorted = [...upload.parts.values()]
      .filter((part) => part.partNumber > after)
      .sort((a, b) => a.partNumber - b.partNumber);
    return { parts: sorted.slice(0, max), isTruncated: sorted.length > max };
  }

  /** Checks the client's part list against what was uploaded; returns the parts to assemble. */
  selectParts(upload: Upload, requested: readonly { partNumber: number; etag: string }[]): Part[] {
    const where = { bucket: upload.bucket, key: upload.key, uploadId: upload.uploadId };
    let previous = 0;
    const parts = requested.map(({ partNumber, etag }) => {
      if (partNumber <= previous) throw new StoreError('InvalidPartOrder', where);
      previous = partNumber;
      const part = upload.parts.get(partNumber);
      if (part === undefined || normaliseEtag(etag) !== part.etag) {
        throw new StoreError('InvalidPart', { ...where, partNumber });
      }
      return part;
    });
    parts.forEach((part, index) => {
      if (index < parts.length - 1 && part.body.length < MIN_PART_BYTES) {
        throw new StoreError('EntityTooSmall', { ...where, partNumber: part.partNumber });
      }
    });
    return parts;
  }

  /** Stores the assembled object and ends the upload. */
  complete(upload: Upload, parts: readonly Part[], checksum: StoredChecksum): StoredObject {
    // The upload may have been aborted or completed while the checksum was computed.
    const current = this.get(upload.bucket, upload.key, upload.uploadId);
    const digests = Buffer.concat(parts.map((part) => Buffer.from(part.etag.slice(1, -1), 'hex')));
    const etag = `"${createHash('md5').update(digests).digest('hex')}-${parts.length}"`;
    const object = this.#store.putObject(
      current.bucket,
      current.key,
      {
        body: Buffer.concat(parts.map((part) => part.body)),
        headers: current.headers,
        metadata: current.metadata,
        checksum,
      },
      etag,
    );
    this.#uploads.delete(current.uploadId);
    return object;
  }

  /**
   * Unfinished uploads of a bucket in key order (creation order within a key), resuming after
   * `keyMarker` (and, within that key, after `uploadIdMarker`).
   */
  list(
    bucket: string,
    query: { prefix: string; keyMarker: string; uploadIdMarker: string; max: number },
  ): { uploads: Upload[]; isTruncated: boolean } {
    this.#store.headBucket(bucket);
    const ofBucket = [...this.#uploads.values()].filter(
      (upload) => upload.bucket === bucket && upload.key.startsWith(query.prefix),
    );
    // Array.prototype.sort is stable: uploads of one key keep their creation order.
    const sorted = ofBucket.sort((a, b) => compareKeys(a.key, b.key));
    const { keyMarker, uploadIdMarker } = query;
    let rest = sorted.filter(
      (upload) => keyMarker === '' || compareKeys(upload.key, keyMarker) > 0,
    );
    if (keyMarker !== '' && uploadIdMarker !== '') {
      const sameKey = sorted.filter((upload) => upload.key === keyMarker);
      const at = sameKey.findIndex((upload) => upload.uploadId === uploadIdMarker);
      rest = [...(at === -1 ? [] : sameKey.slice(at + 1)), ...rest];
    }
    return { uploads: rest.slice(0, query.max), isTruncated: rest.length > query.max };
  }

  abort(bucket: string, key: string, uploadId: string): void {
    this.get(bucket, key, uploadId);
    this.#uploads.delete(uploadId);
  }

  #seconds(): number {
    return Math.floor(this.#now() / 1000) * 1000;
  }
}

/** Clients send part ETags with or without the quotes. */
function normaliseEtag(etag: string): string {
  const trimmed = etag.trim();
  return trimmed.startsWith('"') ? trimmed : `"${trimmed}"`;
}
