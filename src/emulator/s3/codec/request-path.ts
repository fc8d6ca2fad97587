// Which bucket and key a request addresses. Path-style (`/{bucket}/{key...}`) is the default;
// virtual-hosted style is recognised for the local host names SDKs build from a local endpoint
// (`{bucket}.localhost`, LocalStack's `{bucket}.s3.localhost.localstack.cloud`). Keys are
// percent-decoded as UTF-8 and kept byte-for-byte otherwise (`//`, `..` and `+` are part of them).
import { S3ProtocolError } from './protocol-error.ts';

export interface S3Target {
  bucket: string | undefined;
  key: string | undefined;
}

function decode(raw: string): string {
  try {
    // decodeURIComponent rejects both malformed escapes and escapes that are not valid UTF-8.
    return decodeURIComponent(raw);
  } catch {
    throw new S3ProtocolError('InvalidURI', undefined, { URI: raw });
  }
}

const VIRTUAL_HOST_SUFFIXES = ['.s3.localhost.localstack.cloud', '.localhost'];

/** The bucket named by a virtual-hosted-style Host header, if the host is one we recognise. */
export function virtualHostBucket(host: string): string | undefined {
  const name = host.replace(/:\d+$/, '').toLowerCase();
  for (const suffix of VIRTUAL_HOST_SUFFIXES) {
    if (name.endsWith(suffix)) {
      const bucket = name.slice(0, -suffix.length);
      // `s3.localhost` names the service endpoint itself, not a bucket.
      return bucket === '' || bucket === 's3' ? undefined : bucket;
    }
  }
  return undefined;
}

export function parseTarget(rawPath: string, host = ''): S3Target {
  if (!rawPath.startsWith('/'))
    throw new S3ProtocolError('InvalidURI', undefined, { URI: rawPath });
  const rest = rawPath.slice(1);
  const hostBucket = virtualHostBucket(host);
  if (hostBucket !== undefined) {
    return { bucket: hostBucket, key: rest === '' ? undefined : decode(rest) };
  }
  if (rest === '') return { bucket: undefined, key: undefined };
  const slash = rest.indexOf('/');
  const bucket = decode(slash === -1 ? rest : rest.slice(0, slash));
  const rawKey = slash === -1 ? '' : rest.slice(slash + 1);
  return { bucket, key: rawKey === '' ? undefined : decode(rawKey) };
}
