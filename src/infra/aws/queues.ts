// Queues as code: the one definition of the request and result queues and their dead-letter
// queues, applied idempotently to the emulator, LocalStack or AWS. Re-running converges: a missing
// queue is created, an existing one gets the defined attributes.

import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { MANIFEST } from '../../contracts/manifest.ts';

export interface QueueDefinition {
  name: string;
  dlqName: string;
  /** Seconds; long handlers extend it with a heartbeat. */
  visibilityTimeoutSeconds: number;
  /** Long polling by default on the queue itself. */
  receiveWaitTimeSeconds: number;
  maxReceiveCount: number;
  retentionSeconds: number;
  dlqRetentionSeconds: number;
}

const COMMON = {
  visibilityTimeoutSeconds: 300,
  receiveWaitTimeSeconds: 20,
  maxReceiveCount: MANIFEST.redrive.maxReceiveCount,
  retentionSeconds: 345_600,
  // Parked messages are kept as long as SQS allows, so there is time to fix and redrive.
  dlqRetentionSeconds: 1_209_600,
} as const;

/** Queue names as the contract manifest (contracts/contract.json) declares them. */
export const DEFAULT_QUEUE_NAMES = {
  request: MANIFEST.queues.request.name,
  result: MANIFEST.queues.result.name,
} as const;

const DLQ_NAMES: Record<string, string> = {
  [MANIFEST.queues.request.name]: MANIFEST.queues.request.deadLetterQueue,
  [MANIFEST.queues.result.name]: MANIFEST.queues.result.deadLetterQueue,
};

function dlqNameFor(name: string): string {
  return DLQ_NAMES[name] ?? `${name}-dlq`;
}

export function queueDefinitions(
  names: { request: string; result: string } = DEFAULT_QUEUE_NAMES,
): { request: QueueDefinition; result: QueueDefinition } {
  return {
    request: { name: names.request, dlqName: dlqNameFor(names.request), ...COMMON },
    result: { name: names.result, dlqName: dlqNameFor(names.result), ...COMMON },
  };
}

/** The queue name at the end of a queue URL (`…/000000000000/name`). */
export function queueNameFromUrl(url: string): string {
  const name = new URL(url).pathname.split('/').filter(Boolean).at(-1);
  if (!name) throw new Error(`queue URL "${url}" does not end in a queue name`);
  return name;
}

export interface EnsuredQueue {
  url: string;
  arn: string;
  dlqUrl: string;
  dlqArn: string;
}

async function findQueueUrl(sqs: SQSClient, name: string): Promise<string | undefined> {
  try {
    return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
  } catch (error) {
    if (error instanceof QueueDoesNotExist || (error as Error).name === 'QueueDoesNotExist') {
      return undefined;
    }
    throw error;
  }
}

/** Creates the queue or sets the given attributes on the existing one; returns URL and ARN. */
async function converge(
  sqs: SQSClient,
  name: string,
  attributes: Record<string, string>,
): Promise<{ url: string; arn: string }> {
  let url = await findQueueUrl(sqs, name);
  if (url) {
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: attributes }));
  } else {
    url = (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes })))
      .QueueUrl;
  }
  if (!url) throw new Error(`SQS returned no URL for queue ${name}`);
  const got = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  const arn = got.Attributes?.QueueArn;
  if (!arn) throw new Error(`SQS returned no ARN for queue ${name}`);
  return { url, arn };
}

export async function ensureQueue(sqs: SQSClient, def: QueueDefinition): Promise<EnsuredQueue> {
  const dlq = await converge(sqs, def.dlqName, {
    MessageRetentionPeriod: String(def.dlqRetentionSeconds),
  });
  const main = await converge(sqs, def.name, {
    VisibilityTimeout: String(def.visibilityTimeoutSeconds),
    ReceiveMessageWaitTimeSeconds: String(def.receiveWaitTimeSeconds),
    MessageRetentionPeriod: String(def.retentionSeconds),
    RedrivePolicy: JSON.stringify({
      deadLetterTargetArn: dlq.arn,
      maxReceiveCount: def.maxReceiveCount,
    }),
  });
  return { url: main.url, arn: main.arn, dlqUrl: dlq.url, dlqArn: dlq.arn };
}

export async function ensureQueues(
  sqs: SQSClient,
  defs: { request: QueueDefinition; result: QueueDefinition },
): Promise<{ request: EnsuredQueue; result: EnsuredQueue }> {
  return {
    request: await ensureQueue(sqs, defs.request),
    result: await ensureQueue(sqs, defs.result),
  };
}
