// Queue lifecycle: CreateQueue (name rules, idempotent re-creation, the 60-second cooldown after a
// delete), DeleteQueue, the listings, PurgeQueue and the control plane's reset.

import { SqsError } from './errors.ts';
import {
  DELETED_NAME_COOLDOWN_MS,
  FIFO_QUEUE_NAME_PATTERN,
  PURGE_INTERVAL_MS,
  QUEUE_NAME_PATTERN,
} from './limits.ts';
import { Queue } from './queue.ts';
import { applyEncryptionRules, requestedFifo, validateSettable } from './queue-attributes.ts';
import { checkTags } from './queue-policy.ts';
import { checkRedrive } from './queue-settings.ts';
import type { QueueRegistry } from './registry.ts';

export function createQueue(
  registry: QueueRegistry,
  name: string,
  attributes: Record<string, string>,
  tags: Record<string, string>,
): Queue {
  const wantsFifo = requestedFifo(attributes);
  const namePattern = wantsFifo ? FIFO_QUEUE_NAME_PATTERN : QUEUE_NAME_PATTERN;
  if (!namePattern.test(name) || (!wantsFifo && name.endsWith('.fifo'))) {
    throw new SqsError(
      'InvalidParameterValue',
      wantsFifo || name.endsWith('.fifo')
        ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
        : 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
    );
  }
  const normalised = validateSettable(attributes, wantsFifo);
  applyEncryptionRules(normalised, new Map());
  const now = registry.clock.now();
  const existing = registry.queues.get(name);
  if (existing) {
    const differing = Object.entries(normalised).filter(
      ([k, v]) => (existing.attributes.get(k) ?? '') !== v,
    );
    if (differing.length > 0) {
      throw new SqsError(
        'QueueNameExists',
        `A queue already exists with the same name and a different value for attribute ${differing[0]![0]}`,
      );
    }
    return existing;
  }
  const deletedAt = registry.deletedAt.get(name);
  if (deletedAt !== undefined && now - deletedAt < DELETED_NAME_COOLDOWN_MS) {
    throw new SqsError(
      'QueueDeletedRecently',
      'You must wait 60 seconds after deleting a queue before you can create another with the same name.',
    );
  }
  checkTags(tags, 0);
  const queue = new Queue(name, registry.arnOf(name), wantsFifo, now);
  checkRedrive(registry, queue, normalised);
  queue.applyAttributes(normalised, now);
  for (const [k, v] of Object.entries(tags)) queue.tags.set(k, v);
  queue.changes = registry.changes;
  registry.queues.set(name, queue);
  registry.changes?.queue(queue);
  registry.deletedAt.delete(name);
  return queue;
}

export function deleteQueue(registry: QueueRegistry, name: string): void {
  const queue = registry.queue(name);
  registry.queues.delete(name);
  registry.deletedAt.set(name, registry.clock.now());
  queue.purge();
  registry.polls.cancel(queue);
  registry.changes?.queueDeleted(name);
}

export function listQueues(registry: QueueRegistry, prefix: string | undefined): string[] {
  return registry.queueNames().filter((n) => prefix === undefined || n.startsWith(prefix));
}

export function listDeadLetterSourceQueues(registry: QueueRegistry, name: string): string[] {
  const arn = registry.queue(name).arn;
  return registry
    .queueNames()
    .filter((n) => registry.queues.get(n)!.redrivePolicy?.deadLetterTargetArn === arn);
}

export function purgeQueue(registry: QueueRegistry, name: string): void {
  const queue = registry.queue(name);
  const now = registry.clock.now();
  if (
    !registry.settings.allowRepeatedPurge &&
    queue.lastPurgeAt !== undefined &&
    now - queue.lastPurgeAt < PURGE_INTERVAL_MS
  ) {
    throw new SqsError(
      'PurgeQueueInProgress',
      `Only one PurgeQueue operation on ${name} is allowed every 60 seconds.`,
    );
  }
  queue.lastPurgeAt = now;
  queue.purge();
  registry.changes?.queue(queue);
}

/** Answers every parked poll empty and forgets all queues (control-plane reset, shutdown). */
export function resetQueues(registry: QueueRegistry): void {
  for (const queue of registry.queues.values()) {
    queue.purge();
    registry.polls.cancel(queue);
  }
  registry.queues.clear();
  registry.deletedAt.clear();
  registry.changes?.reset();
}
