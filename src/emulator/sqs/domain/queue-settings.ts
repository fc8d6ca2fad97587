// GetQueueAttributes and SetQueueAttributes over one queue, and the cross-queue rules a
// RedrivePolicy must meet (target exists, same type, not itself, allowed by the target).

import { invalidValue, missingParameter } from './errors.ts';
import type { Queue } from './queue.ts';
import {
  applyEncryptionRules,
  checkFifoUnchanged,
  READABLE_ATTRIBUTES,
  unknownAttribute,
  validateSettable,
} from './queue-attributes.ts';
import { permissionsPolicy } from './queue-policy.ts';
import type { QueueRegistry } from './registry.ts';

export function getQueueAttributes(
  registry: QueueRegistry,
  name: string,
  names: readonly string[],
): Record<string, string> {
  const queue = registry.queue(name);
  for (const n of names) {
    if (n !== 'All' && !(READABLE_ATTRIBUTES as readonly string[]).includes(n)) {
      throw unknownAttribute(n);
    }
  }
  const wanted = names.includes('All') ? READABLE_ATTRIBUTES : names;
  const counts = queue.counts(registry.clock.now());
  const out: Record<string, string> = {};
  for (const n of wanted) {
    const value = attributeValue(queue, n, counts);
    if (value !== undefined) out[n] = value;
  }
  return out;
}

function attributeValue(
  queue: Queue,
  name: string,
  counts: { visible: number; inflight: number; delayed: number },
): string | undefined {
  switch (name) {
    case 'QueueArn':
      return queue.arn;
    case 'ApproximateNumberOfMessages':
      return String(counts.visible);
    case 'ApproximateNumberOfMessagesNotVisible':
      return String(counts.inflight);
    case 'ApproximateNumberOfMessagesDelayed':
      return String(counts.delayed);
    case 'CreatedTimestamp':
      return String(Math.floor(queue.createdAt / 1000));
    case 'LastModifiedTimestamp':
      return String(Math.floor(queue.lastModifiedAt / 1000));
    case 'Policy':
      return queue.attributes.get('Policy') ?? permissionsPolicy(queue);
    default:
      return queue.attributes.get(name);
  }
}

export function setQueueAttributes(
  registry: QueueRegistry,
  name: string,
  attributes: Record<string, string>,
): void {
  const queue = registry.queue(name);
  if (Object.keys(attributes).length === 0) {
    throw missingParameter('Attribute.1.Name');
  }
  checkFifoUnchanged(attributes.FifoQueue, queue.fifo);
  const normalised = validateSettable(attributes, queue.fifo);
  delete normalised.FifoQueue;
  applyEncryptionRules(normalised, queue.attributes);
  checkRedrive(registry, queue, normalised);
  queue.applyAttributes(normalised, registry.clock.now());
  // A shorter delay or visibility can make messages receivable sooner for parked polls.
  registry.polls.serve(queue);
}

/** Cross-queue rules for RedrivePolicy / RedriveAllowPolicy being set on `queue`. */
export function checkRedrive(
  registry: QueueRegistry,
  queue: Queue,
  attributes: Record<string, string>,
): void {
  const raw = attributes.RedrivePolicy;
  if (raw === undefined || raw === '') return;
  const policy = JSON.parse(raw) as { deadLetterTargetArn: string };
  const dlq = registry.queueByArn(policy.deadLetterTargetArn);
  if (!dlq) {
    throw invalidValue(raw, 'RedrivePolicy', 'Dead-letter target does not exist.');
  }
  if (dlq.fifo !== queue.fifo) {
    throw invalidValue(
      raw,
      'RedrivePolicy',
      'Dead-letter queue and source queue must be of the same type (both standard or both FIFO).',
    );
  }
  if (dlq === queue) {
    throw invalidValue(raw, 'RedrivePolicy', 'A queue cannot be its own dead-letter queue.');
  }
  const allow = dlq.redriveAllowPolicy;
  if (
    allow &&
    (allow.redrivePermission === 'denyAll' ||
      (allow.redrivePermission === 'byQueue' && !allow.sourceQueueArns.includes(queue.arn)))
  ) {
    throw invalidValue(
      raw,
      'RedrivePolicy',
      `The dead-letter queue's RedriveAllowPolicy does not allow ${queue.arn} as a source queue.`,
    );
  }
}
