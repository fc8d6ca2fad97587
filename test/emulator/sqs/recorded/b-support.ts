// Small helpers the b- files of the recorded suite share: queue ARNs in the suite's account and
// region, a queue's attributes, and raw signed query-protocol GETs (for behaviours recorded from
// hand-made HTTP requests, which no SDK sends).
import type { SqsCaller } from '../../support/sqs-clients.ts';
import { REGION } from './support.ts';

export const ACCOUNT = '000000000000';

export const arnOf = (name: string, region = REGION): string =>
  `arn:aws:sqs:${region}:${ACCOUNT}:${name}`;

export async function attributesOf(
  sqs: SqsCaller,
  QueueUrl: string,
  AttributeNames: string[] = ['All'],
): Promise<Record<string, string>> {
  return (await sqs.call('GetQueueAttributes', { QueueUrl, AttributeNames })).Attributes ?? {};
}

/** A GET carrying query parameters, signed (by header) for `region` as AWS's HTTP clients do. */
export function signedGet(
  url: string,
  params: Record<string, string> = {},
  { region = REGION, headers = {} }: { region?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const target = new URL(url);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  return fetch(target, {
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/${region}/sqs/aws4_request, SignedHeaders=host, Signature=0`,
      ...headers,
    },
  });
}
