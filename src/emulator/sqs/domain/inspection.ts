// Read-only views of a queue's messages and parked polls for the control plane; nothing here
// changes a message or counts as a receive.

import type { MessageState } from './queue.ts';
import type { QueueRegistry } from './registry.ts';

export interface MessageInspection {
  messageId: string;
  state: MessageState;
  body: string;
  receiveCount: number;
  sentAt: number;
  visibleAt: number;
  firstReceiveAt: number | undefined;
  receiptHandle: string | undefined;
  messageGroupId: string | undefined;
  deadLetterSourceArn: string | undefined;
  messageAttributes: string[];
}

export function inspectMessages(registry: QueueRegistry, name: string): MessageInspection[] {
  const queue = registry.queue(name);
  const now = registry.clock.now();
  return queue.allMessages().map((m) => ({
    messageId: m.messageId,
    state: queue.stateOf(m, now),
    body: m.body,
    receiveCount: m.receiveCount,
    sentAt: m.sentAt,
    visibleAt: m.visibleAt,
    firstReceiveAt: m.firstReceiveAt,
    receiptHandle: m.handle,
    messageGroupId: m.groupId,
    deadLetterSourceArn: m.deadLetterSourceArn,
    messageAttributes: Object.keys(m.attributes),
  }));
}

export function waitingPolls(registry: QueueRegistry, name: string): number {
  return registry.queue(name).waiters.length;
}
