// Multipart uploads on the wire: the CreateMultipartUpload checksum headers, the
// <CompleteMultipartUpload> request document, the listing parameters, and the
// Initiate/Complete/ListParts/ListMultipartUploads results.
import type { IncomingHttpHeaders } from 'node:http';
import { MAX_PART_NUMBER, type Part, type Upload, type UploadInit } from '../domain/multipart.ts';
import type { StoredObject } from '../domain/types.ts';
import { algorithmNamed, CHECKSUM_ALGORITHMS, type ChecksumAlgorithm } from './checksums.ts';
import { headerValue } from './headers.ts';
import { S3ProtocolError } from './protocol-error.ts';
import { document, element, isoTime } from './xml.ts';
import { malformedXml, parseXmlBody, textChild } from './xml-body.ts';

export interface CompletedPart {
  partNumber: number;
  etag: string;
  /** Part checksums the client listed, by algorithm. */
  checksums: Partial<Record<ChecksumAlgorithm, string>>;
}

function invalidRequest(message: string): S3ProtocolError {
  return new S3ProtocolError('InvalidRequest', message);
}

/** `x-amz-checksum-algorithm` / `x-amz-checksum-type` of CreateMultipartUpload, with S3's rules. */
export function decodeUploadChecksum(headers: IncomingHttpHeaders): UploadInit['checksum'] {
  const algorithmName = headerValue(headers, 'x-amz-checksum-algorithm');
  const typeName = headerValue(headers, 'x-amz-checksum-type')?.toUpperCase();
  if (algorithmName === undefined) {
    if (typeName !== undefined) {
      throw invalidRequest('x-amz-checksum-type requires x-amz-checksum-algorithm.');
    }
    return undefined;
  }
  const algorithm = algorithmNamed(algorithmName.trim());
  if (algorithm === undefined) {
    throw invalidRequest(
      `Checksum algorithm provided is unsupported. Please try again with any of the valid types: [${CHECKSUM_ALGORITHMS.join(', ')}]`,
    );
  }
  if (typeName !== undefined && typeName !== 'COMPOSITE' && typeName !== 'FULL_OBJECT') {
    throw invalidRequest('Value for x-amz-checksum-type header is invalid.');
  }
  const type = typeName ?? (algorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE');
  if (type === 'COMPOSITE' && algorithm === 'CRC64NVME') {
    throw invalidRequest(
      'The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.',
    );
  }
  if (type === 'FULL_OBJECT' && (algorithm === 'SHA1' || algorithm === 'SHA256')) {
    throw invalidRequest(
      `The FULL_OBJECT checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`,
    );
  }
  return { algorithm, type };
}

/** A part number from the query: an integer in 1..10000. */
export function decodePartNumber(text: string | null): number {
  if (
    text === null ||
    !/^\d{1,5}$/.test(text) ||
    Number(text) < 1 ||
    Number(text) > MAX_PART_NUMBER
  ) {
    throw new S3ProtocolError(
      'InvalidArgument',
      `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`,
      { ArgumentName: 'partNumber', ArgumentValue: (text ?? '').slice(0, 32) },
    );
  }
  return Number(text);
}

export function decodeCompleteUpload(body: Buffer): CompletedPart[] {
  const root = parseXmlBody(body, 'CompleteMultipartUpload');
  const parts = root.Part ?? [];
  if (!Array.isArray(parts) || parts.length === 0) {
    throw malformedXml('<CompleteMultipartUpload> must list at least one <Part>');
  }
  if (parts.length > MAX_PART_NUMBER) {
    throw malformedXml(`at most ${MAX_PART_NUMBER} parts are allowed`);
  }
  return parts.map((part) => {
    if (typeof part !== 'object' || Array.isArray(part)) {
      throw malformedXml('each <Part> must contain a <PartNumber> and an <ETag>');
    }
    const number = textChild(part, 'PartNumber')?.trim();
    const etag = textChild(part, 'ETag');
    if (number === undefined || etag === undefined || !/^\d{1,5}$/.test(number)) {
      throw malformedXml('each <Part> must contain a numeric <PartNumber> and an <ETag>');
    }
    const checksums: CompletedPart['checksums'] = {};
    for (const algorithm of CHECKSUM_ALGORITHMS) {
      const value = textChild(part, `Checksum${algorithm}`);
      if (value !== undefined) checksums[algorithm] = value.trim();
    }
    return { partNumber: Number(number), etag, checksums };
  });
}

export function encodeInitiateResult(upload: Upload): string {
  return document(
    'InitiateMultipartUploadResult',
    `${element('Bucket', upload.bucket)}${element('Key', upload.key)}${element('UploadId', upload.uploadId)}`,
  );
}

function checksumElements(checksum: Part['checksum']): string {
  if (checksum === undefined || algorithmNamed(checksum.algorithm) === undefined) return '';
  return element(`Checksum${checksum.algorithm}`, checksum.value);
}

export function encodeCompleteResult(
  object: StoredObject,
  location: string,
  bucket: string,
): string {
  const type = object.checksum
    ? element('ChecksumType', object.checksum.type ?? 'FULL_OBJECT')
    : '';
  return document(
    'CompleteMultipartUploadResult',
    `${element('Location', location)}${element('Bucket', bucket)}${element('Key', object.key)}` +
      `${element('ETag', object.etag)}${checksumElements(object.checksum)}${type}`,
  );
}

export function encodeListParts(
  upload: Upload,
  page: { parts: Part[]; isTruncated: boolean },
  marker: number,
  maxParts: number,
  owner: string,
): string {
  const last = page.parts.at(-1)?.partNumber;
  const parts = page.parts
    .map(
      (part) =>
        `<Part>${element('PartNumber', part.partNumber)}${element('LastModified', isoTime(part.lastModified))}` +
        `${element('ETag', part.etag)}${element('Size', part.body.length)}${checksumElements(part.checksum)}</Part>`,
    )
    .join('');
  const algorithm = upload.checksum
    ? `${element('ChecksumAlgorithm', upload.checksum.algorithm)}${element('ChecksumType', upload.checksum.type)}`
    : '';
  const ownerXml = `${element('ID', owner)}${element('DisplayName', 'harness')}`;
  return document(
    'ListPartsResult',
    `${element('Bucket', upload.bucket)}${element('Key', upload.key)}${element('UploadId', upload.uploadId)}` +
      `<Initiator>${ownerXml}</Initiator><Owner>${ownerXml}</Owner>${element('StorageClass', 'STANDARD')}` +
      `${element('PartNumberMarker', marker)}${page.isTruncated && last !== undefined ? element('NextPartNumberMarker', last) : ''}` +
      `${element('MaxParts', maxParts)}${element('IsTruncated', page.isTruncated)}${algorithm}${parts}`,
  );
}

export interface ListUploadsRequest {
  prefix: string;
  keyMarker: string;
  uploadIdMarker: string;
  max: number;
}

const MAX_LISTED_UPLOADS = 1000;
const MAX_LISTED_PARTS = 1000;

/** A listing's numeric query parameter (a marker or a page size), or `fallback` when absent. */
function listingNumber(query: URLSearchParams, name: string, fallback: number): number {
  const text = query.get(name);
  if (text === null) return fallback;
  if (!/^\d{1,10}$/.test(text)) {
    throw new S3ProtocolError('InvalidArgument', `${name} must be a non-negative integer.`, {
      ArgumentName: name,
      ArgumentValue: text.slice(0, 32),
    });
  }
  return Number(text);
}

export function decodeListUploads(query: URLSearchParams): ListUploadsRequest {
  if (query.has('delimiter')) {
    throw new S3ProtocolError(
      'NotImplemented',
      'ListMultipartUploads with a delimiter is not implemented by this emulator.',
    );
  }
  return {
    prefix: query.get('prefix') ?? '',
    keyMarker: query.get('key-marker') ?? '',
    uploadIdMarker: query.get('upload-id-marker') ?? '',
    max: Math.min(listingNumber(query, 'max-uploads', MAX_LISTED_UPLOADS), MAX_LISTED_UPLOADS),
  };
}

/** ListParts' paging: the part number to list after and the page size (at most 1000). */
export function decodeListParts(query: URLSearchParams): { marker: number; maxParts: number } {
  return {
    marker: listingNumber(query, 'part-number-marker', 0),
    maxParts: Math.min(listingNumber(query, 'max-parts', MAX_LISTED_PARTS), MAX_LISTED_PARTS),
  };
}

export function encodeListUploads(
  bucket: string,
  request: ListUploadsRequest,
  page: { uploads: Upload[]; isTruncated: boolean },
  owner: string,
): string {
  const ownerXml = `${element('ID', owner)}${element('DisplayName', 'harness')}`;
  const last = page.uploads.at(-1);
  const next =
    page.isTruncated && last !== undefined
      ? `${element('NextKeyMarker', last.key)}${element('NextUploadIdMarker', last.uploadId)}`
      : '';
  const uploads = page.uploads
    .map((upload) => {
      const checksum = upload.checksum
        ? `${element('ChecksumAlgorithm', upload.checksum.algorithm)}${element('ChecksumType', upload.checksum.type)}`
        : '';
      return (
        `<Upload>${element('Key', upload.key)}${element('UploadId', upload.uploadId)}` +
        `<Initiator>${ownerXml}</Initiator><Owner>${ownerXml}</Owner>${element('StorageClass', 'STANDARD')}` +
        `${element('Initiated', isoTime(upload.initiated))}${checksum}</Upload>`
      );
    })
    .join('');
  return document(
    'ListMultipartUploadsResult',
    `${element('Bucket', bucket)}${element('KeyMarker', request.keyMarker)}${element('UploadIdMarker', request.uploadIdMarker)}` +
      `${next}${element('Prefix', request.prefix)}${element('MaxUploads', request.max)}` +
      `${element('IsTruncated', page.isTruncated)}${uploads}`,
  );
}
