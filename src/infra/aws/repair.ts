// Puts the queues and the bucket back when a call finds them gone — the emulator was reset or
// restarted, or someone deleted a queue — instead of failing every call until somebody runs
// `npm run setup` by hand. A middleware on the process's own SQS and S3 clients: a call that fails
// with QueueDoesNotExist or NoSuchBucket waits for one re-application of the infrastructure (calls
// failing together share it) and is tried once more. Re-applying is idempotent and uses clients
// of its own, so it never waits on itself.

import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Log } from '../../core/ports/log.ts';

const MISSING = new Set([
  'QueueDoesNotExist',
  'AWS.SimpleQueueService.NonExistentQueue',
  'NoSuchBucket',
]);

/** True for the errors that mean "the queue or bucket this call names is not there". */
export function isMissingInfrastructure(error: unknown): boolean {
  const e = error as { name?: unknown; Code?: unknown } | null;
  return (
    e !== null &&
    typeof e === 'object' &&
    (MISSING.has(String(e.name)) || MISSING.has(String(e.Code)))
  );
}

/** Whether a call can be sent a second time as it is: no body, or a body held in memory. */
function replayable(input: unknown): boolean {
  const body = (input as { Body?: unknown } | undefined)?.Body;
  return body === undefined || typeof body === 'string' || body instanceof Uint8Array;
}

export interface InfrastructureRepair {
  /** Re-applies the infrastructure now (shared with any repair already running). */
  repair(): Promise<void>;
  /** Repairs done so far (for health endpoints and tests). */
  readonly repairs: number;
}

export function repairMissingInfrastructure(
  clients: { sqs: SQSClient; s3: S3Client },
  reapply: () => Promise<unknown>,
  log: Log,
): InfrastructureRepair {
  let running: Promise<void> | undefined;
  let repairs = 0;
  const repair = (): Promise<void> => {
    running ??= (async () => {
      log.warn({}, 'a queue or the bucket is missing: re-applying the infrastructure');
      try {
        await reapply();
        repairs++;
        log.info({ repairs }, 'infrastructure re-applied');
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const middleware =
    <I extends { input?: unknown }, O>(next: (args: I) => Promise<O>) =>
    async (args: I): Promise<O> => {
      try {
        return await next(args);
      } catch (error) {
        if (!isMissingInfrastructure(error)) throw error;
        await repair();
        // A streamed body was consumed by the first try and cannot be sent again: the caller
        // retries that call itself, now against infrastructure that exists.
        if (!replayable(args.input)) throw error;
        return next(args);
      }
    };
  const options = { step: 'initialize', name: 'repairMissingInfrastructure' } as const;
  clients.sqs.middlewareStack.add(middleware, options);
  clients.s3.middlewareStack.add(middleware, options);
  return {
    repair,
    get repairs() {
      return repairs;
    },
  };
}
