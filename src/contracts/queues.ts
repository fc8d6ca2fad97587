// The two queues of the contract (logical names; deployments map them to queue URLs through
// SQS_REQUEST_QUEUE_URL / SQS_RESULT_QUEUE_URL), which messages each carries, and the redrive
// policy their dead-letter queues share.
import { MANIFEST, type ManifestQueue } from './manifest.ts';
import type { TaskType } from './task-types.ts';

export type ContractQueue = ManifestQueue;

export const REQUEST_QUEUE: ContractQueue = MANIFEST.queues.request;
export const RESULT_QUEUE: ContractQueue = MANIFEST.queues.result;
/** Receives before SQS moves a message to the dead-letter queue (RedrivePolicy.maxReceiveCount). */
export const MAX_RECEIVE_COUNT: number = MANIFEST.redrive.maxReceiveCount;

/** The queue a message type travels on. */
export function queueFor(taskType: TaskType): ContractQueue {
  return REQUEST_QUEUE.messages.includes(taskType) ? REQUEST_QUEUE : RESULT_QUEUE;
}
