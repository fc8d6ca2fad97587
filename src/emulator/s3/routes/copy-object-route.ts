// CopyObject (PUT with `x-amz-copy-source`): same-account copy keeping or replacing metadata.
import { decodeCopySource, encodeCopyResult } from '../codec/copy-source.ts';
import { headerValue, objectHeadersFrom, userMetadataFrom } from '../codec/headers.ts';
import { S3ProtocolError } from '../codec/protocol-error.ts';
import type { ObjectHandler } from './context.ts';
import { xmlResponse } from './context.ts';

export const copyObject: ObjectHandler = async (request, target, context) => {
  const source = decodeCopySource(headerValue(request.headers, 'x-amz-copy-source') ?? '');
  const directive = (
    headerValue(request.headers, 'x-amz-metadata-directive') ?? 'COPY'
  ).toUpperCase();
  if (directive !== 'COPY' && directive !== 'REPLACE') {
    throw new S3ProtocolError('InvalidArgument', 'Unknown metadata directive.', {
      ArgumentName: 'x-amz-metadata-directive',
      ArgumentValue: directive.slice(0, 64),
    });
  }
  if (directive === 'COPY' && source.bucket === target.bucket && source.key === target.key) {
    throw new S3ProtocolError(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  context.store.headBucket(target.bucket);
  const replace =
    directive === 'REPLACE'
      ? { headers: objectHeadersFrom(request.headers), metadata: userMetadataFrom(request.headers) }
      : undefined;
  const object = context.store.copyObject(source, target, replace);
  return xmlResponse(encodeCopyResult(object));
};
