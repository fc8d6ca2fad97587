// What a request handler works with: clients, queue URLs and batchers, clock, journal, profiles,
// and the process's stop signal. Shared by the handler and its helpers (reject, objects, heartbeat).
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from 'pino';
import type { SqsDeleteBatcher, SqsSendBatcher } from '../../src/kernel/sqs-batch.ts';
import type { TimerClock } from '../../src/kernel/virtual-clock.ts';
import type { Journal, JournalInput } from '../journal.ts';
import type { ProfileRegistry } from '../profiles/registry.ts';

export interface HandlerDeps {
  sqs: SQSClient;
  s3: S3Client;
  requestQueueUrl: string;
  resultQueueUrl: string;
  /** Sends to the result queue; concurrent requests' messages share SendMessageBatch calls. */
  results: SqsSendBatcher;
  /** Deletes from the request queue; concurrent deletes share DeleteMessageBatch calls. */
  requests: SqsDeleteBatcher;
  defaultBucket: string | undefined;
  clock: TimerClock;
  journal: Journal;
  profiles: ProfileRegistry;
  logger: Logger;
  /** Aborted when the fake AI stops: work in progress ends as if the process died. */
  signal: AbortSignal;
  /** Runs `fn` `ms` later on the clock, tracked so stopping cancels it (delayed duplicates). */
  later: (ms: number, fn: () => Promise<void>) => void;
}

/** Records a journal entry with the request's facts (message id, receive count, task) filled in. */
export type Log = (entry: JournalInput) => void;

/** `Name: message` of an error, for journal entries. */
export function describeError(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e.name ?? 'Error'}: ${e.message ?? String(error)}`;
}
