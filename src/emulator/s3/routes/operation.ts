// Names the S3 operation a request asks for (`GetObject`, `ListObjectsV2`, ...), as AWS's API
// reference spells it, so fault rules can match S3 calls by operation the way SQS rules match
// actions. Requests this emulator refuses still get a name (`Unsupported` when none fits).
import type { EmulatorRequest } from '../../http/types.ts';
import { headerValue } from '../codec/headers.ts';

export function s3OperationOf(request: EmulatorRequest, bucket?: string, key?: string): string {
  const { method, query } = request;
  if (bucket === undefined) return method === 'GET' ? 'ListBuckets' : 'Unsupported';
  if (key === undefined) {
    if (method === 'GET' && query.has('location')) return 'GetBucketLocation';
    if (method === 'GET' && query.has('uploads')) return 'ListMultipartUploads';
    if (method === 'POST' && query.has('delete')) return 'DeleteObjects';
    if (method === 'GET') return query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
    if (method === 'PUT') return 'CreateBucket';
    if (method === 'HEAD') return 'HeadBucket';
    if (method === 'DELETE') return 'DeleteBucket';
    return 'Unsupported';
  }
  if (query.has('uploads')) return 'CreateMultipartUpload';
  if (query.has('uploadId')) {
    if (method === 'PUT') {
      return headerValue(request.headers, 'x-amz-copy-source') === undefined
        ? 'UploadPart'
        : 'UploadPartCopy';
    }
    if (method === 'POST') return 'CompleteMultipartUpload';
    if (method === 'DELETE') return 'AbortMultipartUpload';
    if (method === 'GET') return 'ListParts';
    return 'Unsupported';
  }
  switch (method) {
    case 'GET':
      return 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'DELETE':
      return 'DeleteObject';
    case 'PUT':
      return headerValue(request.headers, 'x-amz-copy-source') === undefined
        ? 'PutObject'
        : 'CopyObject';
    default:
      return 'Unsupported';
  }
}
