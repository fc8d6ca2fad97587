// The SQS domain's one entry point: a region's queues and every operation on them, in terms of
// queue names and typed inputs. It knows nothing of HTTP, URLs or wire formats; it takes a clock
// and an id source, and optional hooks through which the fault layer bends delivery. Each
// operation lives in a file of its own (send, receive, settle, queue-admin, queue-settings,
// inspection); rules beside them: send-rules.ts, queue-policy.ts, long-poll.ts.

import { inspectMessages, type MessageInspection, waitingPolls } from './inspection.ts';
import type { Queue } from './queue.ts';
import {
  createQueue,
  deleteQueue,
  listDeadLetterSourceQueues,
  listQueues,
  purgeQueue,
  resetQueues,
} from './queue-admin.ts';
import { addPermission, removePermission, tagQueue } from './queue-policy.ts';
import { getQueueAttributes, setQueueAttributes } from './queue-settings.ts';
import { receiveMessage } from './receive.ts';
import { QueueRegistry } from './registry.ts';
import { redriveCopy, sendMessage } from './send.ts';
import { checkFifoBatch, type SendOrigin } from './send-rules.ts';
import { changeMessageVisibility, deleteMessage } from './settle.ts';
import type { StoredMessage } from './stored-message.ts';
import type { ReceivedMessage, ReceiveInput, SendInput, SendResult } from './types.ts';

export type { MessageInspection } from './inspection.ts';
export type { EngineHooks, EngineOptions, EngineSettings } from './registry.ts';

export class SqsEngine extends QueueRegistry {
  // ---- queue lifecycle and settings ------------------------------------------------------

  createQueue(
    name: string,
    attributes: Record<string, string>,
    tags: Record<string, string>,
  ): Queue {
    return createQueue(this, name, attributes, tags);
  }

  deleteQueue(name: string): void {
    deleteQueue(this, name);
  }

  listQueues(prefix: string | undefined): string[] {
    return listQueues(this, prefix);
  }

  listDeadLetterSourceQueues(name: string): string[] {
    return listDeadLetterSourceQueues(this, name);
  }

  getQueueAttributes(name: string, names: readonly string[]): Record<string, string> {
    return getQueueAttributes(this, name, names);
  }

  setQueueAttributes(name: string, attributes: Record<string, string>): void {
    setQueueAttributes(this, name, attributes);
    this.changes?.queue(this.queue(name));
  }

  purgeQueue(name: string): void {
    purgeQueue(this, name);
  }

  /** Answers every parked poll empty and forgets all queues (control-plane reset, shutdown). */
  reset(): void {
    resetQueues(this);
  }

  // ---- tags and permissions --------------------------------------------------------------

  tagQueue(name: string, tags: Record<string, string>): void {
    tagQueue(this.queue(name), tags);
    this.changes?.queue(this.queue(name));
  }

  untagQueue(name: string, keys: readonly string[]): void {
    const queue = this.queue(name);
    for (const k of keys) queue.tags.delete(k);
    this.changes?.queue(queue);
  }

  listQueueTags(name: string): Record<string, string> {
    return Object.fromEntries(this.queue(name).tags);
  }

  addPermission(
    name: string,
    label: string,
    accounts: readonly string[],
    actions: readonly string[],
  ): void {
    addPermission(this.queue(name), label, accounts, actions);
    this.changes?.queue(this.queue(name));
  }

  removePermission(name: string, label: string): void {
    removePermission(this.queue(name), label);
    this.changes?.queue(this.queue(name));
  }

  // ---- messages --------------------------------------------------------------------------

  sendMessage(name: string, input: SendInput, origin?: SendOrigin): SendResult {
    return sendMessage(this, name, input, origin);
  }

  /** Whole-batch rules of SendMessageBatch, checked before any entry is sent. */
  checkSendBatch(name: string, entries: readonly SendInput[]): void {
    checkFifoBatch(this.queue(name), entries);
  }

  /** Re-enqueues an existing message body as a new message (message move tasks). */
  redriveCopy(target: Queue, message: StoredMessage): void {
    redriveCopy(this, target, message);
  }

  receiveMessage(
    name: string,
    input: ReceiveInput,
    signal?: AbortSignal,
  ): Promise<ReceivedMessage[]> {
    return receiveMessage(this, name, input, signal);
  }

  deleteMessage(name: string, handle: string): void {
    deleteMessage(this, name, handle);
  }

  changeMessageVisibility(name: string, handle: string, seconds: number): void {
    changeMessageVisibility(this, name, handle, seconds);
  }

  // ---- inspection (control plane) --------------------------------------------------------

  inspectMessages(name: string): MessageInspection[] {
    return inspectMessages(this, name);
  }

  waitingPolls(name: string): number {
    return waitingPolls(this, name);
  }
}
