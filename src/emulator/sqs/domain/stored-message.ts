// One stored message, laid out for queues a million messages deep. Every message pays for its
// fields, so the common case (a standard-queue message without attributes, not yet received) is
// one small fixed-shape object beside its body: send-time details only some messages have (FIFO
// fields, trace header, dead-letter source) sit in a shared `details` object, the state of the
// current receive in `receipt` (created on first receive), and messages without attributes share
// one frozen empty map. What can be derived on output (body MD5, sender id, the id's UUID text) is
// not stored.
import type { MessageIdFormat } from './message-id.ts';
import type { MessageAttributeMap } from './types.ts';

/** Shared by every message sent without attributes; frozen so no code path can fill it. */
export const NO_ATTRIBUTES: MessageAttributeMap = Object.freeze({}) as MessageAttributeMap;

/** Send-time facts only some messages have. Never mutated: copies of a message share it. */
export interface MessageDetails {
  readonly traceHeader: string | undefined;
  readonly groupId: string | undefined;
  readonly deduplicationId: string | undefined;
  readonly sequenceNumber: string | undefined;
  /** Set on the copy a redrive policy moved to a dead-letter queue. */
  readonly deadLetterSourceArn: string | undefined;
}

/** Receive state, from a message's first receive on. */
export interface ReceiptState {
  firstReceiveAt: number;
  /** When the current receive happened; caps the total visibility of one receive at 12 h. */
  receivedAt: number | undefined;
  /** The receipt handle of the current receive (for inspection and FIFO attempt retries). */
  handle: string | undefined;
  /**
   * From the engine's key counter when the message last went back to its queue (received, its
   * visibility changed): orders a FIFO group against messages sent since. Absent: its key.
   */
  readyStamp?: number;
}

/** What a sent message starts with. */
export interface NewMessage {
  key: number;
  /** The message's id as a number; copies of one message share it (see message-id.ts). */
  idNumber: number;
  idFormat: MessageIdFormat;
  body: string;
  attributes: MessageAttributeMap;
  sentAt: number;
  visibleAt: number;
  details: MessageDetails | undefined;
}

export class StoredMessage {
  /** Engine-wide unique key; receipt handles carry it. Duplicated deliveries get their own key. */
  readonly key: number;
  readonly idNumber: number;
  /** The engine's id format, shared by all its messages: one pointer instead of a 36-char text. */
  readonly idFormat: MessageIdFormat;
  readonly body: string;
  readonly attributes: MessageAttributeMap;
  /** Also where retention counts from: copies (duplicates, dead-letter moves) keep it. */
  readonly sentAt: number;
  visibleAt: number;
  receiveCount = 0;
  /** Increments per receive; a receipt handle is valid for the serial it was issued with. */
  serial = 0;
  /** Slot in its queue's deadline heap while it waits to become visible; -1 otherwise. */
  heapIndex = -1;
  /** Whether that heap is its queue's heap of returned messages rather than its deadline heap. */
  returned = false;
  deleted = false;
  /** Counted in the queue's in-flight total (standard queues; released lazily). */
  holdsInFlight = false;
  readonly details: MessageDetails | undefined;
  receipt: ReceiptState | undefined = undefined;

  constructor(init: NewMessage) {
    this.key = init.key;
    this.idNumber = init.idNumber;
    this.idFormat = init.idFormat;
    this.body = init.body;
    this.attributes = init.attributes;
    this.sentAt = init.sentAt;
    this.visibleAt = init.visibleAt;
    this.details = init.details;
  }

  get messageId(): string {
    return this.idFormat.text(this.idNumber);
  }
  get groupId(): string | undefined {
    return this.details?.groupId;
  }
  get deduplicationId(): string | undefined {
    return this.details?.deduplicationId;
  }
  get sequenceNumber(): string | undefined {
    return this.details?.sequenceNumber;
  }
  get traceHeader(): string | undefined {
    return this.details?.traceHeader;
  }
  get deadLetterSourceArn(): string | undefined {
    return this.details?.deadLetterSourceArn;
  }
  get firstReceiveAt(): number | undefined {
    return this.receipt?.firstReceiveAt;
  }
  get handle(): string | undefined {
    return this.receipt?.handle;
  }
}

/** Details worth an object, or undefined when the message has none of them. */
export function messageDetails(details: MessageDetails): MessageDetails | undefined {
  return details.traceHeader === undefined &&
    details.groupId === undefined &&
    details.deduplicationId === undefined &&
    details.sequenceNumber === undefined &&
    details.deadLetterSourceArn === undefined
    ? undefined
    : details;
}

/** The message a redrive policy moves to a dead-letter queue: same id, body and receive count. */
export function deadLetterCopy(
  message: StoredMessage,
  key: number,
  sourceArn: string,
  now: number,
): StoredMessage {
  const copy = new StoredMessage({
    key,
    idNumber: message.idNumber,
    idFormat: message.idFormat,
    body: message.body,
    attributes: message.attributes,
    sentAt: message.sentAt,
    visibleAt: now,
    details: { ...emptyDetails, ...message.details, deadLetterSourceArn: sourceArn },
  });
  copy.receiveCount = message.receiveCount;
  const firstReceiveAt = message.receipt?.firstReceiveAt;
  if (firstReceiveAt !== undefined) {
    copy.receipt = { firstReceiveAt, receivedAt: undefined, handle: undefined };
  }
  return copy;
}

const emptyDetails: MessageDetails = {
  traceHeader: undefined,
  groupId: undefined,
  deduplicationId: undefined,
  sequenceNumber: undefined,
  deadLetterSourceArn: undefined,
};
