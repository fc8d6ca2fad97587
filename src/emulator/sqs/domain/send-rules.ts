// Everything SendMessage checks before a message is stored, for the queue it is sent to: body and
// attribute rules, size against the queue's MaximumMessageSize, delay, and the FIFO fields
// (MessageGroupId required, deduplication id or content-based SHA-256). Returns the message's
// checksums alongside, computed once.
import { createHash } from 'node:crypto';
import {
  invalidParameter,
  invalidValue,
  missingParameter,
  SqsError,
  unvalidatedParameter,
} from './errors.ts';
import { DEDUPLICATION_ID_PATTERN, MAX_DELAY_SECONDS } from './limits.ts';
import { md5Hex, md5OfMessageAttributes } from './md5.ts';
import { checkBody, checkMessageAttributes, checkSystemAttributes } from './message-validation.ts';
import type { Queue } from './queue.ts';
import { NO_ATTRIBUTES } from './stored-message.ts';
import type { MessageAttributeMap, SendInput, SendResult } from './types.ts';

/** What is stored of a checked send. */
export interface PreparedMessage {
  body: string;
  attributes: MessageAttributeMap;
  traceHeader: string | undefined;
  delay: number;
  groupId: string | undefined;
  deduplicationId: string | undefined;
}

/** A checked send with the checksums its answer carries (not stored: derivable on output). */
export interface PreparedSend extends PreparedMessage {
  md5OfBody: string;
  md5OfAttributes: string | undefined;
  md5OfSystemAttributes: string | undefined;
}

const NOT_FOR_QUEUE_TYPE = 'The request include parameter that is not valid for this queue type.';

/** Where a send comes from: AWS words a batch entry's size failure differently. */
export type SendOrigin = 'single' | 'batch';

export function prepareSend(
  queue: Queue,
  input: SendInput,
  origin: SendOrigin = 'single',
): PreparedSend {
  const body = input.MessageBody;
  if (typeof body !== 'string' || body.length === 0) throw missingParameter('MessageBody');
  checkBody(body);
  const attributes = input.MessageAttributes ?? {};
  const attributeBytes = checkMessageAttributes(attributes);
  const systemAttributes = input.MessageSystemAttributes ?? {};
  checkSystemAttributes(systemAttributes);
  if (Buffer.byteLength(body) + attributeBytes > queue.maximumMessageSize) {
    const reason = `Message must be shorter than ${queue.maximumMessageSize} bytes.`;
    throw origin === 'batch' ? unvalidatedParameter(reason) : invalidParameter(reason);
  }
  const groupId = input.MessageGroupId;
  if (groupId !== undefined) checkToken(groupId, 'MessageGroupId');
  return {
    body,
    md5OfBody: md5Hex(body),
    // A million messages without attributes share one empty map instead of holding one each.
    attributes: Object.keys(attributes).length === 0 ? NO_ATTRIBUTES : attributes,
    md5OfAttributes: md5OfMessageAttributes(attributes),
    traceHeader: systemAttributes.AWSTraceHeader?.StringValue,
    md5OfSystemAttributes: md5OfMessageAttributes(systemAttributes),
    delay: sendDelay(queue, input.DelaySeconds),
    groupId,
    deduplicationId: deduplicationId(queue, input, body),
  };
}

function sendDelay(queue: Queue, delay: number | undefined): number {
  // FIFO queues only take the queue-level delay; an explicit 0 asks for nothing and is allowed.
  if (delay === undefined || (queue.fifo && delay === 0)) return queue.delaySeconds;
  if (queue.fifo) throw invalidValue(delay, 'DelaySeconds', NOT_FOR_QUEUE_TYPE);
  if (!Number.isInteger(delay) || delay < 0 || delay > MAX_DELAY_SECONDS) {
    throw invalidValue(
      delay,
      'DelaySeconds',
      `Must be >= 0 and <= ${MAX_DELAY_SECONDS}, if provided.`,
    );
  }
  return delay;
}

function deduplicationId(queue: Queue, input: SendInput, body: string): string | undefined {
  const given = input.MessageDeduplicationId;
  if (!queue.fifo) {
    if (given !== undefined)
      throw invalidValue(given, 'MessageDeduplicationId', NOT_FOR_QUEUE_TYPE);
    return undefined;
  }
  if (input.MessageGroupId === undefined) throw missingParameter('MessageGroupId');
  if (given !== undefined) {
    checkToken(given, 'MessageDeduplicationId');
    return given;
  }
  if (!queue.contentBasedDeduplication) {
    throw new SqsError('InvalidParameterValue', NO_DEDUPLICATION_ID);
  }
  return createHash('sha256').update(body).digest('hex');
}

/**
 * A FIFO SendMessageBatch is refused as a whole when an entry lacks its group id, or lacks a
 * deduplication id on a queue without content-based deduplication.
 */
export function checkFifoBatch(queue: Queue, entries: readonly SendInput[]): void {
  if (!queue.fifo) return;
  if (entries.some((e) => e.MessageGroupId === undefined)) {
    throw new SqsError(
      'InvalidParameterValue',
      'The request must contain the parameter MessageGroupId.',
    );
  }
  if (
    !queue.contentBasedDeduplication &&
    entries.some((e) => e.MessageDeduplicationId === undefined)
  ) {
    throw new SqsError('InvalidParameterValue', NO_DEDUPLICATION_ID);
  }
}

const NO_DEDUPLICATION_ID =
  'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly';

/** FIFO tokens (group, deduplication and receive-attempt ids): 1–128 printable ASCII characters. */
export function checkToken(value: string, parameter: string): void {
  if (!DEDUPLICATION_ID_PATTERN.test(value)) {
    throw invalidValue(
      value,
      parameter,
      `${parameter} can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
  }
}

export function sendResult(
  prepared: PreparedSend,
  messageId: string,
  sequenceNumber: string | undefined,
): SendResult {
  const out: SendResult = { MessageId: messageId, MD5OfMessageBody: prepared.md5OfBody };
  if (prepared.md5OfAttributes !== undefined) out.MD5OfMessageAttributes = prepared.md5OfAttributes;
  if (prepared.md5OfSystemAttributes !== undefined) {
    out.MD5OfMessageSystemAttributes = prepared.md5OfSystemAttributes;
  }
  if (sequenceNumber !== undefined) out.SequenceNumber = sequenceNumber;
  return out;
}
