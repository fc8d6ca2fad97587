// ReceiveMessage: parameter checks, the in-flight limit, FIFO receive-attempt retries, taking
// messages (moving those past maxReceiveCount to the dead-letter queue on the way) and parking a
// long poll when nothing is there yet.

import { invalidValue, SqsError } from './errors.ts';
import {
  FIFO_DEDUP_WINDOW_MS,
  MAX_RECEIVE_MESSAGES,
  MAX_VISIBILITY_SECONDS,
  MAX_WAIT_SECONDS,
} from './limits.ts';
import type { Queue } from './queue.ts';
import { encodeHandle } from './receipt-handle.ts';
import { receivedView } from './received-view.ts';
import type { QueueRegistry } from './registry.ts';
import { checkToken } from './send-rules.ts';
import { deadLetterCopy, type StoredMessage } from './stored-message.ts';
import type { ReceivedMessage, ReceiveInput } from './types.ts';

export function isVisibility(seconds: number): boolean {
  return Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_VISIBILITY_SECONDS;
}

export function receiveMessage(
  registry: QueueRegistry,
  name: string,
  input: ReceiveInput,
  signal?: AbortSignal,
): Promise<ReceivedMessage[]> {
  const queue = registry.queue(name);
  const max = input.MaxNumberOfMessages ?? 1;
  if (!Number.isInteger(max) || max < 1 || max > MAX_RECEIVE_MESSAGES) {
    throw invalidValue(
      max,
      'MaxNumberOfMessages',
      `Must be between 1 and ${MAX_RECEIVE_MESSAGES}, if provided.`,
    );
  }
  const wait = input.WaitTimeSeconds ?? queue.receiveWaitSeconds;
  if (!Number.isInteger(wait) || wait < 0 || wait > MAX_WAIT_SECONDS) {
    throw invalidValue(
      wait,
      'WaitTimeSeconds',
      `Must be >= 0 and <= ${MAX_WAIT_SECONDS}, if provided.`,
    );
  }
  const visibility = input.VisibilityTimeout;
  if (visibility !== undefined && !isVisibility(visibility)) {
    throw invalidValue(
      visibility,
      'VisibilityTimeout',
      `Must be >= 0 and <= ${MAX_VISIBILITY_SECONDS}, if provided.`,
    );
  }
  const view = {
    systemNames: [...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])],
    attributeNames: input.MessageAttributeNames ?? [],
  };
  const room = (): number => registry.maxInFlight - queue.inFlightCount(registry.clock.now());
  const seconds = visibility ?? queue.visibilityTimeout;
  const attemptId = queue.fifo ? input.ReceiveRequestAttemptId : undefined;
  if (attemptId !== undefined) {
    checkToken(attemptId, 'ReceiveRequestAttemptId');
    const repeated = repeatAttempt(registry, queue, attemptId, seconds);
    if (repeated) return Promise.resolve(repeated.map((m) => receivedView(m, m.handle!, view)));
  }
  const take = (): ReceivedMessage[] => {
    const allowed = Math.min(max, room());
    if (allowed <= 0) return [];
    const taken = takeMessages(registry, queue, allowed, seconds);
    if (attemptId !== undefined && taken.length > 0) {
      const now = registry.clock.now();
      if (queue.attempts.size >= 1024) {
        for (const [id, a] of queue.attempts) if (a.expiresAt <= now) queue.attempts.delete(id);
      }
      queue.attempts.set(attemptId, {
        expiresAt: now + FIFO_DEDUP_WINDOW_MS,
        messages: taken.map((m) => ({ message: m, serial: m.serial })),
      });
    }
    return taken.map((m) => receivedView(m, m.handle!, view));
  };
  // A short poll at the in-flight limit is refused; a long poll waits for room.
  if (wait === 0 && room() <= 0) {
    throw new SqsError(
      'OverLimit',
      `The queue ${name} already has ${registry.maxInFlight} messages in flight, the most allowed; delete or release some first.`,
    );
  }
  const first = take();
  if (first.length > 0 || wait === 0 || signal?.aborted) return Promise.resolve(first);
  return registry.polls.park(queue, wait, take, signal);
}

/**
 * FIFO retries: the same ReceiveRequestAttemptId within 5 minutes gets the same messages and
 * receipt handles again, with their visibility timeout restarted, as long as none of them was
 * deleted or received since.
 */
function repeatAttempt(
  registry: QueueRegistry,
  queue: Queue,
  attemptId: string,
  seconds: number,
): StoredMessage[] | undefined {
  const now = registry.clock.now();
  const attempt = queue.attempts.get(attemptId);
  if (!attempt) return undefined;
  queue.attempts.delete(attemptId);
  if (attempt.expiresAt <= now) return undefined;
  const unchanged = attempt.messages.every(
    ({ message, serial }) => !message.deleted && message.serial === serial,
  );
  if (!unchanged) return undefined;
  queue.attempts.set(attemptId, attempt);
  const messages = attempt.messages.map(({ message }) => message);
  for (const message of messages) {
    queue.setVisibleAt(message, now + seconds * 1000, now, registry.nextKey());
  }
  return messages;
}

function takeMessages(
  registry: QueueRegistry,
  queue: Queue,
  max: number,
  visibilitySeconds: number,
): StoredMessage[] {
  const now = registry.clock.now();
  const touched = new Set<Queue>();
  const taken = queue.take(now, max, (m) => {
    const target = deadLetterTarget(registry, queue, m);
    if (!target) return false;
    queue.remove(m);
    target.add(deadLetterCopy(m, registry.nextKey(), queue.arn, now), now);
    touched.add(target);
    return true;
  });
  for (const message of taken) {
    queue.markReceived(message);
    message.receiveCount++;
    message.serial++;
    const handle = encodeHandle(message.key, message.serial, registry.ids.hex(16));
    if (message.receipt === undefined) {
      message.receipt = { firstReceiveAt: now, receivedAt: now, handle };
    } else {
      message.receipt.receivedAt = now;
      message.receipt.handle = handle;
    }
    const offset = registry.hooks.visibilityOffsetMs?.(queue.name, message) ?? 0;
    const at = Math.max(now, now + visibilitySeconds * 1000 + offset);
    queue.setVisibleAt(message, at, now, registry.nextKey());
  }
  // DLQ waiters are served after this receive has finished with the source queue.
  for (const target of touched) queueMicrotask(() => registry.polls.serve(target));
  return taken;
}

function deadLetterTarget(
  registry: QueueRegistry,
  queue: Queue,
  message: StoredMessage,
): Queue | undefined {
  const policy = queue.redrivePolicy;
  if (!policy || message.receiveCount < policy.maxReceiveCount) return undefined;
  const target = registry.queueByArn(policy.deadLetterTargetArn);
  return target && target !== queue ? target : undefined;
}
