// Names the S3 operation a request asks for when this emulator does not implement it, so the
// caller gets `NotImplemented` saying which operation (rather than a silently wrong answer).
import type { EmulatorRequest } from '../../http/types.ts';

/** Sub-resources (query flags) S3 supports that this emulator does not, with the noun S3 uses. */
const SUBRESOURCES: Record<string, string> = {
  acl: 'Acl',
  policy: 'Policy',
  policyStatus: 'PolicyStatus',
  versioning: 'Versioning',
  tagging: 'Tagging',
  cors: 'Cors',
  lifecycle: 'LifecycleConfiguration',
  website: 'Website',
  logging: 'Logging',
  notification: 'NotificationConfiguration',
  replication: 'Replication',
  encryption: 'Encryption',
  'object-lock': 'ObjectLockConfiguration',
  ownershipControls: 'OwnershipControls',
  publicAccessBlock: 'PublicAccessBlock',
  accelerate: 'AccelerateConfiguration',
  requestPayment: 'RequestPayment',
  analytics: 'AnalyticsConfiguration',
  inventory: 'InventoryConfiguration',
  metrics: 'MetricsConfiguration',
  'intelligent-tiering': 'IntelligentTieringConfiguration',
  retention: 'Retention',
  'legal-hold': 'LegalHold',
  torrent: 'Torrent',
  restore: 'Restore',
  attributes: 'Attributes',
  select: 'Content',
  renameObject: 'Rename',
  session: 'Session',
};

const VERBS: Record<string, string> = {
  GET: 'Get',
  PUT: 'Put',
  DELETE: 'Delete',
  POST: 'Post',
  HEAD: 'Head',
};

function multipartOperation(method: string, isObject: boolean): string | undefined {
  if (!isObject) return method === 'GET' ? 'ListMultipartUploads' : undefined;
  return { POST: 'CreateMultipartUpload' }[method];
}

function uploadIdOperation(method: string): string | undefined {
  return {
    PUT: 'UploadPart',
    POST: 'CompleteMultipartUpload',
    DELETE: 'AbortMultipartUpload',
    GET: 'ListParts',
  }[method];
}

/** The unimplemented operation `request` targets, or undefined when it is one we serve. */
export function unsupportedOperation(
  request: EmulatorRequest,
  isObject: boolean,
): string | undefined {
  const { query, method } = request;
  if (query.has('uploadId')) return uploadIdOperation(method) ?? 'multipart upload';
  if (query.has('uploads')) return multipartOperation(method, isObject) ?? 'multipart upload';
  if (query.has('versions') && !isObject) return 'ListObjectVersions';
  if (query.has('versionId')) return `${VERBS[method] ?? method} of a specific object version`;
  if (query.has('partNumber')) return `${VERBS[method] ?? method}Object by part number`;
  for (const [flag, noun] of Object.entries(SUBRESOURCES)) {
    if (query.has(flag))
      return `${VERBS[method] ?? method}${isObject ? 'Object' : 'Bucket'}${noun}`;
  }
  return undefined;
}
