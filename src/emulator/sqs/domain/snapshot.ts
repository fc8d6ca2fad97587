// Queues and messages as plain, JSON-safe data and back: what a state keeper (persistence) writes
// and what it hands back on restart. Restoring rebuilds the same in-memory layout a live queue
// has (ready list, deadline heap, in-flight count, receipt-handle index), so a restored message
// answers receives, deletes and visibility changes as it did before.
import { type DedupEntry, type Permission, Queue } from './queue.ts';
import type { QueueRegistry } from './registry.ts';
import { type MessageDetails, NO_ATTRIBUTES, StoredMessage } from './stored-message.ts';
import type { MessageAttributeMap, MessageAttributeValue } from './types.ts';

export interface QueueState {
  name: string;
  fifo: boolean;
  createdAt: number;
  lastModifiedAt: number;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  permissions: Record<string, Permission>;
  lastPurgeAt: number | undefined;
}

/** A message attribute: data type, string value, binary value as base64. */
/** DataType, StringValue, BinaryValue (base64); JSON turns an absent member into null. */
export type AttributeState = [string, string | null | undefined, string | null | undefined];

export interface MessageState {
  key: number;
  id: number;
  body: string;
  attributes: Record<string, AttributeState> | undefined;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  serial: number;
  receipt: StoredMessage['receipt'];
  details: MessageDetails | undefined;
}

/** What a receive or a visibility change alters; the rest of a message never changes. */
export interface ReceiveState {
  visibleAt: number;
  receiveCount: number;
  serial: number;
  receipt: StoredMessage['receipt'];
}

export function receiveState(message: StoredMessage): ReceiveState {
  return {
    visibleAt: message.visibleAt,
    receiveCount: message.receiveCount,
    serial: message.serial,
    receipt: message.receipt,
  };
}

export function queueState(queue: Queue): QueueState {
  return {
    name: queue.name,
    fifo: queue.fifo,
    createdAt: queue.createdAt,
    lastModifiedAt: queue.lastModifiedAt,
    attributes: Object.fromEntries(queue.attributes),
    tags: Object.fromEntries(queue.tags),
    permissions: Object.fromEntries(queue.permissions),
    lastPurgeAt: queue.lastPurgeAt,
  };
}

/** Makes (or re-makes) the queue `state` describes, without messages. */
export function restoreQueue(registry: QueueRegistry, state: QueueState): Queue {
  const existing = registry.queues.get(state.name);
  const queue =
    existing ??
    new Queue(
      state.name,
      registry.arnOf(state.name),
      state.fifo,
      state.lastModifiedAt,
      state.createdAt,
    );
  queue.attributes.clear();
  queue.tags.clear();
  queue.permissions.clear();
  queue.applyAttributes(state.attributes, state.lastModifiedAt);
  for (const [k, v] of Object.entries(state.tags)) queue.tags.set(k, v);
  for (const [k, v] of Object.entries(state.permissions)) queue.permissions.set(k, v);
  queue.lastPurgeAt = state.lastPurgeAt;
  queue.changes = registry.changes;
  registry.queues.set(state.name, queue);
  return queue;
}

export function messageState(message: StoredMessage): MessageState {
  return {
    key: message.key,
    id: message.idNumber,
    body: message.body,
    attributes:
      message.attributes === NO_ATTRIBUTES ? undefined : attributesState(message.attributes),
    sentAt: message.sentAt,
    visibleAt: message.visibleAt,
    receiveCount: message.receiveCount,
    serial: message.serial,
    receipt: message.receipt,
    details: message.details,
  };
}

/**
 * Puts the message `state` describes into `queue`. Call in key order: a FIFO queue keeps its
 * messages in the order they are added, a standard queue its receivable ones.
 */
export function restoreMessage(
  registry: QueueRegistry,
  queue: Queue,
  state: MessageState,
  now: number,
): void {
  const message = new StoredMessage({
    key: state.key,
    idNumber: state.id,
    idFormat: registry.idFormat,
    body: state.body,
    attributes: state.attributes === undefined ? NO_ATTRIBUTES : attributesFrom(state.attributes),
    sentAt: state.sentAt,
    visibleAt: state.visibleAt,
    details: state.details,
  });
  message.receiveCount = state.receiveCount;
  message.serial = state.serial;
  message.receipt = state.receipt === undefined ? undefined : { ...state.receipt };
  queue.add(message, now);
  if (message.receiveCount > 0) {
    queue.markReceived(message);
    // Counts it in flight when its visibility timeout is still running.
    if (message.visibleAt > now) queue.setVisibleAt(message, message.visibleAt, now);
  }
}

export function restoreDedup(queue: Queue, key: string, entry: DedupEntry, now: number): void {
  if (entry.expiresAt > now) queue.dedup.set(key, { ...entry });
}

function attributesState(map: MessageAttributeMap): Record<string, AttributeState> {
  const out: Record<string, AttributeState> = {};
  for (const [name, value] of Object.entries(map)) {
    out[name] = [value.DataType, value.StringValue, value.BinaryValue?.toString('base64')];
  }
  return out;
}

function attributesFrom(state: Record<string, AttributeState>): MessageAttributeMap {
  const out: MessageAttributeMap = {};
  for (const [name, [dataType, text, binary]] of Object.entries(state)) {
    const value: MessageAttributeValue = { DataType: dataType };
    // JSON writes an absent member of the tuple as null: both mean "not set".
    if (text != null) value.StringValue = text;
    if (binary != null) value.BinaryValue = Buffer.from(binary, 'base64');
    out[name] = value;
  }
  return out;
}
