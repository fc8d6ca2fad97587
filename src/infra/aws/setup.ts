// Applies the infrastructure the stack needs — both queues with their DLQs, and the payload
// bucket — to whatever AWS_ENDPOINT_URL points at (emulator, LocalStack) or to real AWS.
// Idempotent; used by `npm run setup` and on start.

import type { Config } from '../config.ts';
import { ensureBucket } from './bucket.ts';
import type { AwsClients } from './clients.ts';
import {
  DEFAULT_QUEUE_NAMES,
  type EnsuredQueue,
  ensureQueues,
  queueDefinitions,
  queueNameFromUrl,
} from './queues.ts';

export interface Infrastructure {
  request: EnsuredQueue;
  result: EnsuredQueue;
  bucket: string;
}

export async function applyInfrastructure(
  clients: AwsClients,
  config: Pick<Config, 'queues' | 'bucket' | 'aws'>,
): Promise<Infrastructure> {
  const names = {
    request: config.queues.requestUrl
      ? queueNameFromUrl(config.queues.requestUrl)
      : DEFAULT_QUEUE_NAMES.request,
    result: config.queues.resultUrl
      ? queueNameFromUrl(config.queues.resultUrl)
      : DEFAULT_QUEUE_NAMES.result,
  };
  const queues = await ensureQueues(clients.sqs, queueDefinitions(names));
  await ensureBucket(clients.s3, config.bucket, config.aws.region);
  return { ...queues, bucket: config.bucket };
}
