// JSON shapes of the control plane's answers, shared by the routes and the typed client.
import type { JournalEvent, JournalPage } from '../faults/journal.ts';
import type { FaultRule, FaultRuleSpec } from '../faults/rules.ts';
import type { MessageInspection } from '../sqs/domain/engine.ts';

export interface ClockView {
  /** Virtual epoch ms. */
  now: number;
  iso: string;
  /** Virtual ms per real ms; 0 = frozen. */
  scale: number;
}

export interface SettingsView {
  allowRepeatedPurge: boolean;
}

export interface QueueSummary {
  name: string;
  url: string;
  arn: string;
  fifo: boolean;
  /** Every attribute GetQueueAttributes(All) would return, Approximate* counts included. */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  /** Long polls currently parked on the queue. */
  waitingPolls: number;
}

export interface QueueDetail extends QueueSummary {
  messages: MessageInspection[];
}

export type { FaultRule, FaultRuleSpec, JournalEvent, JournalPage, MessageInspection };

/** A string cut for display: at most a few KiB, control characters spelled out. */
export interface TextPreview {
  text: string;
  /** Size of the whole value in UTF-8 bytes. */
  bytes: number;
  truncated: boolean;
}

/** One message attribute for display; binary values are shown as (truncated) base64. */
export interface AttributePreview {
  name: TextPreview;
  dataType: string;
  value: TextPreview;
}

/** A message as the dashboard lists it: everything inspection knows, bodies cut to a preview. */
export interface MessagePreview {
  messageId: string;
  state: MessageInspection['state'];
  body: TextPreview;
  attributes: AttributePreview[];
  receiveCount: number;
  sentAt: number;
  /** When the message is (again) visible: the visibility deadline of one in flight. */
  visibleAt: number;
  firstReceiveAt: number | undefined;
  messageGroupId: string | undefined;
  deadLetterSourceArn: string | undefined;
}

/** One page of a queue's messages in queue order; pass `nextCursor` back for the next page. */
export interface MessagePage {
  queue: string;
  /** Messages matching the filter, over all pages. */
  total: number;
  messages: MessagePreview[];
  nextCursor: string | undefined;
}

/** A queue's redrive links as the dashboard draws them. */
export interface QueueLinks {
  name: string;
  /** The dead-letter queue this queue sends to, if it has a redrive policy. */
  deadLetterQueue: string | undefined;
  maxReceiveCount: number | undefined;
  /** Queues whose redrive policy names this one (it is their DLQ). */
  sourceQueues: string[];
}

export interface MoveTaskProgress {
  taskHandle: string | undefined;
  status: string;
  sourceArn: string;
  destinationArn: string | undefined;
  moved: number;
  toMove: number | undefined;
  failureReason: string | undefined;
  startedAt: number;
}

export interface BucketView {
  name: string;
  region: string;
  creationDate: number;
}

export interface ObjectView {
  key: TextPreview;
  /** The whole key, for the download link (keys are at most 1024 bytes). */
  fullKey: string;
  size: number;
  etag: string;
  contentType: string;
  lastModified: number;
}

/** One page of a bucket's objects in S3 listing order. */
export interface ObjectPage {
  bucket: string;
  objects: ObjectView[];
  nextCursor: string | undefined;
}
