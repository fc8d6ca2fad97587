// Read-only, paged views for the control plane and the dashboard: a queue's messages with bodies
// and attribute values cut to previews, redrive links between queues, and S3 buckets and objects.
// Nothing here changes a message, counts as a receive or moves an object.
import type { S3Service } from '../s3/index.ts';
import type { SqsEngine } from '../sqs/domain/engine.ts';
import type { MessageState } from '../sqs/domain/queue.ts';
import type { MessageAttributeValue } from '../sqs/domain/types.ts';
import type {
  AttributePreview,
  MessagePage,
  MessagePreview,
  ObjectPage,
  QueueLinks,
  TextPreview,
} from './views.ts';

/** Characters of a body shown in a listing; the full body is a separate download. */
export const BODY_PREVIEW_CHARS = 2048;
/** Characters of a name or attribute value shown in a listing. */
export const NAME_PREVIEW_CHARS = 256;
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 1000;

// C0 and C1 control characters other than tab and newline: invisible or layout-breaking on a
// page, so they are spelled out. Matched by the Unicode property to keep literals out of the regex.
const CONTROL = /(?![\t\n])\p{Cc}/gu;

/** `text` cut to `max` characters, with control characters spelled out as `\u{..}`. */
export function preview(text: string, max: number): TextPreview {
  const truncated = text.length > max;
  const cut = truncated ? text.slice(0, max) : text;
  return {
    text: cut.replace(CONTROL, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`),
    bytes: Buffer.byteLength(text),
    truncated,
  };
}

function attributeValue(value: MessageAttributeValue): string {
  if (value.StringValue !== undefined) return value.StringValue;
  if (value.BinaryValue !== undefined) return `base64:${value.BinaryValue.toString('base64')}`;
  if (value.StringListValues !== undefined) return JSON.stringify(value.StringListValues);
  if (value.BinaryListValues !== undefined) {
    return JSON.stringify(value.BinaryListValues.map((b) => b.toString('base64')));
  }
  return '';
}

/** A cursor is the position after the last message of the previous page, as a decimal string. */
function parseCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  if (!/^\d{1,12}$/.test(cursor)) throw new RangeError(`bad cursor "${cursor.slice(0, 40)}"`);
  return Number(cursor);
}

export interface MessagePageQuery {
  state: MessageState | undefined;
  cursor: string | undefined;
  limit: number;
}

export function messagePage(engine: SqsEngine, name: string, q: MessagePageQuery): MessagePage {
  const queue = engine.queue(name);
  const now = engine.clock.now();
  const start = parseCursor(q.cursor);
  // allMessages() is one pass over the queue; only the page's messages are turned into views.
  const all = queue.allMessages();
  const matching =
    q.state === undefined ? all : all.filter((m) => queue.stateOf(m, now) === q.state);
  const page = matching.slice(start, start + q.limit);
  const messages = page.map(
    (m): MessagePreview => ({
      messageId: m.messageId,
      state: queue.stateOf(m, now),
      body: preview(m.body, BODY_PREVIEW_CHARS),
      attributes: Object.entries(m.attributes).map(
        ([attrName, value]): AttributePreview => ({
          name: preview(attrName, NAME_PREVIEW_CHARS),
          dataType: value.DataType.slice(0, NAME_PREVIEW_CHARS),
          value: preview(attributeValue(value), NAME_PREVIEW_CHARS),
        }),
      ),
      receiveCount: m.receiveCount,
      sentAt: m.sentAt,
      visibleAt: m.visibleAt,
      firstReceiveAt: m.firstReceiveAt,
      messageGroupId: m.groupId,
      deadLetterSourceArn: m.deadLetterSourceArn,
    }),
  );
  const end = start + page.length;
  return {
    queue: name,
    total: matching.length,
    messages,
    nextCursor: end < matching.length ? String(end) : undefined,
  };
}

/** The full body of one message, or undefined when no live message has that id. */
export function messageBody(
  engine: SqsEngine,
  name: string,
  messageId: string,
): string | undefined {
  return engine
    .queue(name)
    .allMessages()
    .find((m) => m.messageId === messageId)?.body;
}

export function queueLinks(engine: SqsEngine): QueueLinks[] {
  return engine.queueNames().map((name) => {
    const policy = engine.queue(name).redrivePolicy;
    return {
      name,
      deadLetterQueue:
        policy === undefined ? undefined : engine.queueByArn(policy.deadLetterTargetArn)?.name,
      maxReceiveCount: policy?.maxReceiveCount,
      sourceQueues: engine.listDeadLetterSourceQueues(name),
    };
  });
}

export interface ObjectPageQuery {
  prefix: string;
  /** The last key of the previous page. */
  cursor: string | undefined;
  limit: number;
}

/** One page of a bucket's objects, or undefined when the bucket does not exist. */
export function objectPage(
  s3: S3Service,
  bucket: string,
  q: ObjectPageQuery,
): ObjectPage | undefined {
  if (!s3.listBuckets().some((b) => b.name === bucket)) return undefined;
  const keys = s3.listKeys(bucket).filter((k) => k.startsWith(q.prefix));
  let start = 0;
  if (q.cursor !== undefined && q.cursor !== '') {
    // S3 lists keys in UTF-8 byte order; the next page starts after the cursor in that order.
    const after = Buffer.from(q.cursor);
    start = keys.findIndex((k) => Buffer.compare(Buffer.from(k), after) > 0);
    if (start === -1) start = keys.length;
  }
  const page = keys.slice(start, start + q.limit);
  const objects = page.flatMap((key) => {
    const object = s3.getObject(bucket, key);
    if (object === undefined) return [];
    return [
      {
        key: preview(key, NAME_PREVIEW_CHARS),
        fullKey: key,
        size: object.body.length,
        etag: object.etag,
        contentType: object.headers.contentType,
        lastModified: object.lastModified,
      },
    ];
  });
  const last = page.at(-1);
  return {
    bucket,
    objects,
    nextCursor: start + page.length < keys.length && last !== undefined ? last : undefined,
  };
}
