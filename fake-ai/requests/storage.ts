// S3 access for the fake AI: reading input bundles (one object, or every .json object under a
// prefix) and graphs, writing result objects. S3's refusals (no such key or bucket, access denied)
// become TaskErrors whose text ends up in a FAILED result, so the back end sees which key was
// wrong. A transient failure (S3 unreachable, a 5xx, throttling) is not the input's fault: it is
// thrown as it is, the request is not answered, and it comes back after its visibility timeout.
import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { BundleError, type ConversationDoc, readBundle } from '../graph/conversations.ts';

/** A request that cannot be completed; the message becomes the FAILED result's `error`. */
export class TaskError extends Error {
  override name = 'TaskError';
}

/** Objects larger than this are refused rather than read into memory. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** S3 answered that the request itself is wrong (4xx): asking again will not help. */
function refusedByS3(error: unknown): boolean {
  return (error as { $fault?: unknown } | null)?.$fault === 'client';
}

export async function getText(s3: S3Client, bucket: string, key: string): Promise<string> {
  let out: GetObjectCommandOutput;
  try {
    out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  } catch (error) {
    if (!refusedByS3(error)) throw error;
    const name = (error as { name?: string }).name ?? 'Error';
    throw new TaskError(`cannot read s3://${bucket}/${key}: ${name}: ${(error as Error).message}`);
  }
  if ((out.ContentLength ?? 0) > MAX_INPUT_BYTES) {
    throw new TaskError(`s3://${bucket}/${key} is larger than ${MAX_INPUT_BYTES} bytes`);
  }
  if (!out.Body) throw new TaskError(`s3://${bucket}/${key} has no body`);
  return out.Body.transformToString('utf8');
}

/**
 * Names the graph task writes into its own input prefix (graph-generation/{taskId}/). A request
 * delivered again must not read the first attempt's output as conversations.
 */
export const OUTPUT_NAMES = new Set(['graph.json', 'features.json', 'summary.json']);

async function listJsonKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    let page: ListObjectsV2CommandOutput;
    try {
      page = await s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
    } catch (error) {
      if (!refusedByS3(error)) throw error;
      throw new TaskError(`cannot list s3://${bucket}/${prefix}: ${(error as Error).message}`);
    }
    for (const item of page.Contents ?? []) {
      const name = item.Key?.slice(prefix.length) ?? '';
      if (item.Key?.endsWith('.json') && !OUTPUT_NAMES.has(name)) keys.push(item.Key);
    }
    token = page.NextContinuationToken;
  } while (token);
  return keys.sort();
}

/** Reads the conversations at `key` (an object, or all .json objects under a prefix ending '/'). */
export async function readConversations(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<ConversationDoc[]> {
  const keys = key.endsWith('/') ? await listJsonKeys(s3, bucket, key) : [key];
  if (keys.length === 0) throw new TaskError(`no .json input objects under s3://${bucket}/${key}`);
  const docs: ConversationDoc[] = [];
  for (const objectKey of keys) {
    const text = await getText(s3, bucket, objectKey);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new TaskError(
        `s3://${bucket}/${objectKey} is not valid JSON: ${(error as Error).message}`,
      );
    }
    try {
      docs.push(...readBundle(parsed, `s3://${bucket}/${objectKey}`));
    } catch (error) {
      if (error instanceof BundleError) throw new TaskError(error.message);
      throw error;
    }
  }
  return docs;
}

export async function putText(
  s3: S3Client,
  bucket: string,
  key: string,
  body: string,
): Promise<void> {
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }),
  );
}
