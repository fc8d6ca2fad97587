// Names the S3 operation a request asks for when this emulator does not implement it, so the
// caller gets `NotImplemented` saying which operation (rather than a silently wrong answer).
import type { EmulatorRequest } from '../../http/types.ts';

/** Sub-resources (query flags) S3 supports that this emulator does not, with the noun S3 uses. */
const SUBRESOURCES = new Map(
  Object.entries({
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
  }),
);

// Maps, not object literals: methods and query names come from the client (`constructor`...).
const VERBS = new Map([
  ['GET', 'Get'],
  ['PUT', 'Put'],
  ['DELETE', 'Delete'],
  ['POST', 'Post'],
  ['HEAD', 'Head'],
]);

function verb(method: string): string {
  return VERBS.get(method) ?? method;
}

/** The unimplemented operation `request` targets, or undefined when it is one we serve. */
export function unsupportedOperation(
  request: EmulatorRequest,
  isObject: boolean,
): string | undefined {
  const { query, method } = request;
  // Most requests carry no query at all; skip the checks below for them.
  if (query.size === 0) return undefined;
  // The multipart routes serve every other use of uploadId.
  if (query.has('uploadId')) return 'UploadPartCopy';
  if (query.has('uploads')) {
    // ListMultipartUploads and CreateMultipartUpload are served; other methods are not.
    const served = isObject ? method === 'POST' : method === 'GET';
    return served ? undefined : `${verb(method)} on ?uploads`;
  }
  if (query.has('versions') && !isObject) return 'ListObjectVersions';
  if (query.has('versionId')) return `${verb(method)} of a specific object version`;
  if (query.has('partNumber')) return `${verb(method)}Object by part number`;
  for (const flag of query.keys()) {
    const noun = SUBRESOURCES.get(flag);
    if (noun !== undefined) {
      return `${verb(method)}${isObject ? 'Object' : 'Bucket'}${noun}`;
    }
  }
  return undefined;
}
