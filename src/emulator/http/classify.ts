// Which service a request is for. Signed requests say it in their SigV4 credential scope
// (`Credential=AKID/20260101/us-east-1/sqs/aws4_request`, header or presigned query); paths are
// never guessed from, since a bucket may be named like an account id. Unsigned requests: an
// `X-Amz-Target: AmazonSQS.*` header is SQS JSON, an `Action=` parameter is SQS query, else S3.
import type { IncomingHttpHeaders } from 'node:http';

export type Destination = 'control' | 'sqs-json' | 'sqs-query' | 's3';

/** Where an undecided request goes when its body names no action; its cap applies meanwhile. */
export const UNDECIDED_READ_AS: Destination = 's3';

const SCOPE = /Credential=[^/,\s]*\/\d{8}\/([^/,\s]*)\/([^/,\s]+)\/aws4_request/;
const QUERY_SCOPE = /^[^/]*\/\d{8}\/([^/]*)\/([^/]+)\/aws4_request$/;

/** The region and service of a request's SigV4 credential scope. */
export interface SignedScope {
  region: string;
  service: string;
}

/** The SigV4 scope of the request (header or presigned query), if it is signed. */
export function signedScope(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): SignedScope | undefined {
  const authorization = headers.authorization;
  let match: RegExpExecArray | null = null;
  if (typeof authorization === 'string') match = SCOPE.exec(authorization);
  if (!match) {
    const credential = query.get('X-Amz-Credential');
    if (credential !== null) match = QUERY_SCOPE.exec(credential);
  }
  return match ? { region: match[1]!, service: match[2]! } : undefined;
}

export function isControlPath(path: string): boolean {
  return path === '/health' || path === '/_harness' || path.startsWith('/_harness/');
}

/**
 * First decision, from headers alone (before reading the body, to pick the body size cap).
 * `undecided` means an unsigned request whose form body may still carry `Action=`.
 */
export function classifyHead(
  path: string,
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
  scope: SignedScope | undefined,
): Destination | 'undecided' {
  if (isControlPath(path)) return 'control';
  const target = headers['x-amz-target'];
  if (scope !== undefined) {
    if (scope.service !== 'sqs') return 's3';
    return typeof target === 'string' ? 'sqs-json' : 'sqs-query';
  }
  if (typeof target === 'string' && target.startsWith('AmazonSQS.')) return 'sqs-json';
  if (query.has('Action')) return 'sqs-query';
  const type = String(headers['content-type'] ?? '');
  return type.includes('application/x-www-form-urlencoded') ? 'undecided' : 's3';
}

/** Final decision for an undecided request, once its form body is read. */
export function classifyFormBody(body: Buffer): Destination {
  return new URLSearchParams(body.toString('utf8')).has('Action') ? 'sqs-query' : UNDECIDED_READ_AS;
}
