// Putting messages on a queue: SendMessage (with FIFO deduplication inside its 5-minute window),
// the copies a duplicate-delivery fault asks for, and the re-enqueue a message move task does.
// What a message must satisfy before it is stored lives in send-rules.ts.

import { FIFO_DEDUP_WINDOW_MS } from './limits.ts';
import type { Queue } from './queue.ts';
import type { QueueRegistry } from './registry.ts';
import { type PreparedMessage, prepareSend, type SendOrigin, sendResult } from './send-rules.ts';
import { messageDetails, StoredMessage } from './stored-message.ts';
import type { SendInput, SendResult } from './types.ts';

export function sendMessage(
  registry: QueueRegistry,
  name: string,
  input: SendInput,
  origin: SendOrigin = 'single',
): SendResult {
  const queue = registry.queue(name);
  const now = registry.clock.now();
  const prepared = prepareSend(queue, input, origin);
  if (!queue.fifo) {
    const message = store(registry, queue, prepared, undefined, now);
    return sendResult(prepared, message.messageId, undefined);
  }
  const dedupKey =
    queue.deduplicationScope === 'messageGroup'
      ? `${prepared.groupId}\u0000${prepared.deduplicationId}`
      : prepared.deduplicationId!;
  const seen = queue.dedup.get(dedupKey);
  // Within the window a repeated send answers like the first one and stores nothing.
  if (seen && seen.expiresAt > now)
    return sendResult(prepared, seen.messageId, seen.sequenceNumber);
  const sequenceNumber = registry.nextSequenceNumber();
  const message = store(registry, queue, prepared, sequenceNumber, now);
  const messageId = message.messageId;
  const entry = { expiresAt: now + FIFO_DEDUP_WINDOW_MS, messageId, sequenceNumber };
  queue.dedup.set(dedupKey, entry);
  queue.changes?.dedup(queue, dedupKey, entry);
  pruneDedup(queue, now);
  return sendResult(prepared, messageId, sequenceNumber);
}

/** Re-enqueues an existing message body as a new message (message move tasks). */
export function redriveCopy(registry: QueueRegistry, target: Queue, message: StoredMessage): void {
  const prepared: PreparedMessage = {
    body: message.body,
    attributes: message.attributes,
    traceHeader: message.traceHeader,
    delay: 0,
    groupId: message.groupId,
    deduplicationId: message.deduplicationId,
  };
  const sequenceNumber = target.fifo ? registry.nextSequenceNumber() : undefined;
  store(registry, target, prepared, sequenceNumber, registry.clock.now());
}

function store(
  registry: QueueRegistry,
  queue: Queue,
  m: PreparedMessage,
  sequenceNumber: string | undefined,
  now: number,
): StoredMessage {
  const idNumber = registry.nextIdNumber();
  const message = new StoredMessage({
    key: registry.nextKey(),
    idNumber,
    idFormat: registry.idFormat,
    body: m.body,
    attributes: m.attributes,
    sentAt: now,
    visibleAt: now + m.delay * 1000,
    details: messageDetails({
      traceHeader: m.traceHeader,
      groupId: m.groupId,
      deduplicationId: m.deduplicationId,
      sequenceNumber,
      deadLetterSourceArn: undefined,
    }),
  });
  queue.add(message, now);
  const copies = registry.hooks.extraCopiesOnSend?.(queue.name, message) ?? 0;
  for (let i = 0; i < copies; i++) {
    queue.add(
      new StoredMessage({
        key: registry.nextKey(),
        idNumber,
        idFormat: registry.idFormat,
        body: message.body,
        attributes: message.attributes,
        sentAt: message.sentAt,
        visibleAt: message.visibleAt,
        details: message.details,
      }),
      now,
    );
  }
  registry.polls.serve(queue);
  return message;
}

function pruneDedup(queue: Queue, now: number): void {
  // Cheap amortised cleanup: only when the map has grown, drop expired ids.
  if (queue.dedup.size < 1024) return;
  for (const [id, entry] of queue.dedup) if (entry.expiresAt <= now) queue.dedup.delete(id);
}
