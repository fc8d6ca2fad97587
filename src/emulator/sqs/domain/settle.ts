// What a consumer does with a received message: DeleteMessage and ChangeMessageVisibility, both
// addressed by receipt handle, with AWS's rules for stale and expired handles.

import { invalidValue, SqsError } from './errors.ts';
import { MAX_VISIBILITY_SECONDS } from './limits.ts';
import type { Queue } from './queue.ts';
import { parseHandle } from './receipt-handle.ts';
import { isVisibility } from './receive.ts';
import type { QueueRegistry } from './registry.ts';
import type { StoredMessage } from './stored-message.ts';

function messageOf(
  queue: Queue,
  handle: string,
): { message: StoredMessage | undefined; serial: number } {
  const parsed = parseHandle(handle);
  if (!parsed) {
    throw new SqsError(
      'ReceiptHandleIsInvalid',
      // Quoted like AWS does, but a hostile megabyte-long handle is not echoed back whole.
      `The input receipt handle "${handle.length > 256 ? `${handle.slice(0, 256)}…` : handle}" is not a valid receipt handle.`,
    );
  }
  return { message: queue.receivedMessage(parsed.key), serial: parsed.serial };
}

/**
 * Pinned behaviours: the current handle deletes; the handle of an expired, not yet re-received
 * message deletes on standard queues and fails on FIFO queues; a handle from before the latest
 * receive answers success but leaves the message alone (AWS: "might not be deleted"); a handle
 * of a message already gone answers success.
 */
export function deleteMessage(registry: QueueRegistry, name: string, handle: string): void {
  const queue = registry.queue(name);
  const { message, serial } = messageOf(queue, handle);
  if (!message || serial !== message.serial) return;
  const now = registry.clock.now();
  if (queue.fifo && message.visibleAt <= now) {
    throw invalidValue(handle, 'ReceiptHandle', 'The receipt handle has expired.');
  }
  if (registry.hooks.keepOnDelete?.(queue.name, message)) return;
  queue.remove(message);
  // Deleting releases a FIFO group, or in-flight room, for parked polls.
  if (queue.waiters.length > 0) registry.polls.serve(queue);
}

export function changeMessageVisibility(
  registry: QueueRegistry,
  name: string,
  handle: string,
  seconds: number,
): void {
  const queue = registry.queue(name);
  if (!isVisibility(seconds)) {
    throw invalidValue(
      seconds,
      'VisibilityTimeout',
      `Must be between 0 and ${MAX_VISIBILITY_SECONDS}, if provided.`,
    );
  }
  const { message, serial } = messageOf(queue, handle);
  if (!message) {
    throw invalidValue(
      handle,
      'ReceiptHandle',
      'Message does not exist or is not available for visibility timeout change.',
    );
  }
  // A handle from an earlier receive: on a standard queue it changes the current receive's
  // timeout, as AWS does (recorded: a receive with timeout 0, a second receive with 3 s, then the
  // first handle with 0 makes the message receivable at once). FIFO queues hold handles to their
  // receive (an expired one cannot delete), so there it answers success and leaves the message.
  if (serial !== message.serial && queue.fifo) return;
  // A message whose timeout has passed (not received again) is hidden once more for `seconds`.
  const now = registry.clock.now();
  const until = now + seconds * 1000;
  if (until - (message.receipt?.receivedAt ?? now) > MAX_VISIBILITY_SECONDS * 1000) {
    throw invalidValue(
      seconds,
      'VisibilityTimeout',
      `Total VisibilityTimeout for the message is beyond the limit [${MAX_VISIBILITY_SECONDS} seconds]`,
    );
  }
  queue.hide(message, until, now, registry.nextKey());
  registry.polls.serve(queue);
}
