// Shapes a stored message into what ReceiveMessage returns: the system attributes the caller asked
// for (AttributeNames or MessageSystemAttributeNames), the message attributes matching the
// requested names or `prefix.*` patterns, and the MD5 of exactly the attributes returned.
import { ACCOUNT_ID } from './limits.ts';
import { md5Hex, md5OfMessageAttributes } from './md5.ts';
import { setOwn } from './records.ts';
import type { StoredMessage } from './stored-message.ts';
import type { MessageAttributeMap, ReceivedMessage } from './types.ts';

export const SYSTEM_ATTRIBUTE_NAMES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
] as const;

function systemAttribute(message: StoredMessage, name: string): string | undefined {
  switch (name) {
    case 'SenderId':
      return ACCOUNT_ID;
    case 'SentTimestamp':
      return String(message.sentAt);
    case 'ApproximateReceiveCount':
      return String(message.receiveCount);
    case 'ApproximateFirstReceiveTimestamp':
      return message.firstReceiveAt === undefined ? undefined : String(message.firstReceiveAt);
    case 'SequenceNumber':
      return message.sequenceNumber;
    case 'MessageDeduplicationId':
      return message.deduplicationId;
    case 'MessageGroupId':
      return message.groupId;
    case 'AWSTraceHeader':
      return message.traceHeader;
    case 'DeadLetterQueueSourceArn':
      return message.deadLetterSourceArn;
    default:
      return undefined;
  }
}

export interface ViewRequest {
  systemNames: readonly string[];
  attributeNames: readonly string[];
}

export function receivedView(
  message: StoredMessage,
  handle: string,
  request: ViewRequest,
): ReceivedMessage {
  const out: ReceivedMessage = {
    MessageId: message.messageId,
    ReceiptHandle: handle,
    // Computed per receive rather than stored with each of possibly a million messages.
    MD5OfBody: md5Hex(message.body),
    Body: message.body,
  };
  const wanted = request.systemNames.includes('All') ? SYSTEM_ATTRIBUTE_NAMES : request.systemNames;
  const attributes: Record<string, string> = {};
  for (const name of wanted) {
    const value = systemAttribute(message, name);
    if (value !== undefined) attributes[name] = value;
  }
  if (Object.keys(attributes).length > 0) out.Attributes = attributes;
  const selected = selectAttributes(message.attributes, request.attributeNames);
  const md5 = md5OfMessageAttributes(selected);
  if (md5 !== undefined) {
    out.MessageAttributes = selected;
    out.MD5OfMessageAttributes = md5;
  }
  return out;
}

function selectAttributes(all: MessageAttributeMap, names: readonly string[]): MessageAttributeMap {
  if (names.length === 0) return {};
  const matchAll = names.includes('All') || names.includes('.*') || names.includes('*');
  // `Prefix.*` selects the names starting with `Prefix`.
  const prefixes = names.filter((n) => n.endsWith('.*')).map((n) => n.slice(0, -2));
  const out: MessageAttributeMap = {};
  for (const [name, value] of Object.entries(all)) {
    if (matchAll || names.includes(name) || prefixes.some((p) => name.startsWith(p))) {
      setOwn(out, name, value);
    }
  }
  return out;
}
