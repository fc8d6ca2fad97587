// SQS actions over the domain: each takes the decoded, typed request of its action (already
// checked against the model's shape) and returns the typed response. This is where queue URLs
// become names and back, where batches fan out and where list pagination lives; no wire format.
import { checkBatch, runBatch } from './batch.ts';
import type { SqsEngine } from './engine.ts';
import { invalidValue, SqsError } from './errors.ts';
import { DEFAULT_LIST_RESULTS, MAX_MESSAGE_BYTES } from './limits.ts';
import { checkMessageAttributes } from './message-validation.ts';
import type { MoveTasks } from './move-tasks.ts';
import type { SqsAction } from './protocol/model.ts';
import { queueNameFromUrl, queueUrl } from './queue-url.ts';
import type { ReceiveInput, SendInput } from './types.ts';

export interface ActionContext {
  engine: SqsEngine;
  moveTasks: MoveTasks;
  /** Scheme and authority the client reached us on, e.g. `http://127.0.0.1:4566`. */
  baseUrl: string;
  /** Aborted when the client goes away (ends parked long polls early). */
  signal?: AbortSignal;
}

// Inputs arrive validated against the action's shape, so the casts below only name the shape.
type Input = Record<string, unknown>;
type Output = Record<string, unknown>;
type Handler = (ctx: ActionContext, input: Input) => Output | Promise<Output>;

interface WithQueue {
  QueueUrl: string;
}

const name = (input: Input): string => queueNameFromUrl((input as unknown as WithQueue).QueueUrl);

function paginate(
  names: readonly string[],
  maxResults: number | undefined,
  nextToken: string | undefined,
): { page: string[]; next: string | undefined } {
  if (maxResults !== undefined && (maxResults < 1 || maxResults > DEFAULT_LIST_RESULTS)) {
    throw invalidValue(
      maxResults,
      'MaxResults',
      `MaxResults must be an integer between 1 and ${DEFAULT_LIST_RESULTS}.`,
    );
  }
  let start = 0;
  if (nextToken !== undefined) {
    const after = decodeToken(nextToken);
    start = names.findIndex((n) => n > after);
    if (start === -1) start = names.length;
  }
  const limit = maxResults ?? DEFAULT_LIST_RESULTS;
  const page = names.slice(start, start + limit);
  const more = maxResults !== undefined && start + limit < names.length;
  return { page, next: more ? encodeToken(page.at(-1)!) : undefined };
}

function encodeToken(after: string): string {
  return Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');
}

function decodeToken(token: string): string {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && 'after' in value) {
      const after = (value as { after: unknown }).after;
      if (typeof after === 'string') return after;
    }
  } catch {
    // fall through to the error below
  }
  throw new SqsError('InvalidParameterValue', 'Invalid NextToken value.');
}

function listUrls(
  ctx: ActionContext,
  names: readonly string[],
  input: { MaxResults?: number; NextToken?: string },
  key: string,
): Output {
  const { page, next } = paginate(names, input.MaxResults, input.NextToken);
  const out: Output = { [key]: page.map((n) => queueUrl(ctx.baseUrl, n)) };
  if (next !== undefined) out.NextToken = next;
  return out;
}

function sendSize(entry: SendInput): number {
  let size = Buffer.byteLength(entry.MessageBody ?? '');
  try {
    size += checkMessageAttributes(entry.MessageAttributes ?? {});
  } catch {
    // Invalid attributes fail their own entry later; only the body counts towards the batch here.
  }
  return size;
}

export const ACTIONS: Record<SqsAction, Handler> = {
  CreateQueue: (ctx, input) => {
    const i = input as {
      QueueName: string;
      Attributes?: Record<string, string>;
      tags?: Record<string, string>;
    };
    const queue = ctx.engine.createQueue(i.QueueName, i.Attributes ?? {}, i.tags ?? {});
    return { QueueUrl: queueUrl(ctx.baseUrl, queue.name) };
  },
  GetQueueUrl: (ctx, input) => {
    const i = input as { QueueName: string };
    return { QueueUrl: queueUrl(ctx.baseUrl, ctx.engine.queue(i.QueueName).name) };
  },
  DeleteQueue: (ctx, input) => {
    ctx.engine.deleteQueue(name(input));
    return {};
  },
  ListQueues: (ctx, input) => {
    const i = input as { QueueNamePrefix?: string; MaxResults?: number; NextToken?: string };
    return listUrls(ctx, ctx.engine.listQueues(i.QueueNamePrefix), i, 'QueueUrls');
  },
  ListDeadLetterSourceQueues: (ctx, input) => {
    const i = input as { MaxResults?: number; NextToken?: string };
    return listUrls(ctx, ctx.engine.listDeadLetterSourceQueues(name(input)), i, 'queueUrls');
  },
  GetQueueAttributes: (ctx, input) => {
    const i = input as { AttributeNames?: string[] };
    const attributes = ctx.engine.getQueueAttributes(name(input), i.AttributeNames ?? []);
    return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
  },
  SetQueueAttributes: (ctx, input) => {
    const i = input as { Attributes: Record<string, string> };
    ctx.engine.setQueueAttributes(name(input), i.Attributes);
    return {};
  },
  PurgeQueue: (ctx, input) => {
    ctx.engine.purgeQueue(name(input));
    return {};
  },
  TagQueue: (ctx, input) => {
    ctx.engine.tagQueue(name(input), (input as { Tags: Record<string, string> }).Tags);
    return {};
  },
  UntagQueue: (ctx, input) => {
    ctx.engine.untagQueue(name(input), (input as { TagKeys: string[] }).TagKeys);
    return {};
  },
  ListQueueTags: (ctx, input) => {
    const tags = ctx.engine.listQueueTags(name(input));
    return Object.keys(tags).length > 0 ? { Tags: tags } : {};
  },
  AddPermission: (ctx, input) => {
    const i = input as { Label: string; AWSAccountIds: string[]; Actions: string[] };
    ctx.engine.addPermission(name(input), i.Label, i.AWSAccountIds, i.Actions);
    return {};
  },
  RemovePermission: (ctx, input) => {
    ctx.engine.removePermission(name(input), (input as { Label: string }).Label);
    return {};
  },
  SendMessage: (ctx, input) => {
    const result = ctx.engine.sendMessage(name(input), input as unknown as SendInput);
    return { ...result };
  },
  SendMessageBatch: async (ctx, input) => {
    const queueName = name(input);
    ctx.engine.queue(queueName);
    const entries =
      (input as unknown as { Entries?: (SendInput & { Id: string })[] }).Entries ?? [];
    checkBatch('SendMessageBatch', entries);
    const total = entries.reduce((sum, e) => sum + sendSize(e), 0);
    if (total > MAX_MESSAGE_BYTES) {
      throw new SqsError(
        'BatchRequestTooLong',
        `Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes. You have sent ${total} bytes.`,
      );
    }
    return runBatch(entries, (e) => ctx.engine.sendMessage(queueName, e));
  },
  ReceiveMessage: async (ctx, input) => {
    const messages = await ctx.engine.receiveMessage(
      name(input),
      input as ReceiveInput,
      ctx.signal,
    );
    return messages.length > 0 ? { Messages: messages } : {};
  },
  DeleteMessage: (ctx, input) => {
    ctx.engine.deleteMessage(name(input), (input as { ReceiptHandle: string }).ReceiptHandle);
    return {};
  },
  DeleteMessageBatch: async (ctx, input) => {
    const queueName = name(input);
    ctx.engine.queue(queueName);
    const entries = (input as { Entries?: { Id: string; ReceiptHandle: string }[] }).Entries ?? [];
    checkBatch('DeleteMessageBatch', entries);
    return runBatch(entries, (e) => {
      ctx.engine.deleteMessage(queueName, e.ReceiptHandle);
      return {};
    });
  },
  ChangeMessageVisibility: (ctx, input) => {
    const i = input as { ReceiptHandle: string; VisibilityTimeout: number };
    ctx.engine.changeMessageVisibility(name(input), i.ReceiptHandle, i.VisibilityTimeout);
    return {};
  },
  ChangeMessageVisibilityBatch: async (ctx, input) => {
    const queueName = name(input);
    ctx.engine.queue(queueName);
    const entries =
      (input as { Entries?: { Id: string; ReceiptHandle: string; VisibilityTimeout?: number }[] })
        .Entries ?? [];
    checkBatch('ChangeMessageVisibilityBatch', entries);
    return runBatch(entries, (e) => {
      ctx.engine.changeMessageVisibility(queueName, e.ReceiptHandle, e.VisibilityTimeout ?? 0);
      return {};
    });
  },
  StartMessageMoveTask: (ctx, input) => {
    const i = input as {
      SourceArn: string;
      DestinationArn?: string;
      MaxNumberOfMessagesPerSecond?: number;
    };
    return {
      TaskHandle: ctx.moveTasks.start(
        i.SourceArn,
        i.DestinationArn,
        i.MaxNumberOfMessagesPerSecond,
      ),
    };
  },
  CancelMessageMoveTask: (ctx, input) => ({
    ApproximateNumberOfMessagesMoved: ctx.moveTasks.cancel(
      (input as { TaskHandle: string }).TaskHandle,
    ),
  }),
  ListMessageMoveTasks: (ctx, input) => {
    const i = input as { SourceArn: string; MaxResults?: number };
    return { Results: ctx.moveTasks.list(i.SourceArn, i.MaxResults) };
  },
};

/** The queue an action's request names, for fault matching and logs; undefined if none. */
export function queueOfRequest(input: Input): string | undefined {
  try {
    if (typeof input.QueueUrl === 'string') return queueNameFromUrl(input.QueueUrl);
    if (typeof input.QueueName === 'string') return input.QueueName;
  } catch {
    return undefined;
  }
  return undefined;
}
