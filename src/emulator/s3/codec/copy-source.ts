// CopyObject's `x-amz-copy-source` header (`[/]bucket/key[?versionId=...]`, URL-encoded) and the
// <CopyObjectResult> answer.
import type { StoredObject } from '../domain/types.ts';
import { S3ProtocolError } from './protocol-error.ts';
import { document, element, isoTime } from './xml.ts';

export function decodeCopySource(header: string): { bucket: string; key: string } {
  const invalid = (why: string) =>
    new S3ProtocolError('InvalidArgument', `Invalid copy source: ${why}.`, {
      ArgumentName: 'x-amz-copy-source',
      ArgumentValue: header.slice(0, 256),
    });
  const withoutVersion = header.split('?')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(withoutVersion);
  } catch {
    throw invalid('it is not valid percent-encoded UTF-8');
  }
  const path = decoded.startsWith('/') ? decoded.slice(1) : decoded;
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) throw invalid('it must have the form bucket/key');
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

export function encodeCopyResult(object: StoredObject): string {
  const checksum = object.checksum
    ? element(`Checksum${object.checksum.algorithm}`, object.checksum.value)
    : '';
  return document(
    'CopyObjectResult',
    `${element('LastModified', isoTime(object.lastModified))}${element('ETag', object.etag)}${checksum}`,
  );
}
