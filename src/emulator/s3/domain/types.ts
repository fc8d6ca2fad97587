// Shapes of what the object store holds: buckets and immutable object versions (no HTTP here).

/** A checksum the client sent (or the store computed), kept opaque: algorithm name + base64 digest. */
export interface StoredChecksum {
  algorithm: string;
  value: string;
  /** COMPOSITE: a checksum of the parts' checksums (multipart uploads); default FULL_OBJECT. */
  type?: 'FULL_OBJECT' | 'COMPOSITE';
}

/** Standard HTTP entity headers S3 stores with an object and returns on GET/HEAD. */
export interface ObjectHeaders {
  contentType: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
  expires?: string;
}

export interface ObjectWrite {
  body: Buffer;
  headers: ObjectHeaders;
  /** User metadata, names lower-cased without the `x-amz-meta-` prefix. */
  metadata: Record<string, string>;
  checksum: StoredChecksum | undefined;
}

export interface StoredObject extends ObjectWrite {
  key: string;
  /** Quoted hex MD5 of the body, as S3 reports it for single-part uploads. */
  etag: string;
  /** Milliseconds since the epoch, truncated to whole seconds as S3 reports it. */
  lastModified: number;
}

export interface BucketInfo {
  name: string;
  region: string;
  creationDate: number;
}

export interface ListQuery {
  prefix: string;
  delimiter: string;
  maxKeys: number;
  /** Only keys strictly after this one (byte order) are listed. */
  startAfter: string;
  /** The last item (key or common prefix) a previous page returned; listing resumes after it. */
  resumeAfter: string;
}

export interface ListPage {
  contents: StoredObject[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key or common prefix of this page, to resume from when truncated. */
  lastItem: string | undefined;
}
