// Queue lifecycle and settings actions: create, find, delete, list, attributes, purge.
import type { Handlers } from './context.ts';
import { listUrls } from './pagination.ts';
import { queueNameFromUrl, queueUrl } from './queue-url.ts';

export const QUEUE_ACTIONS: Handlers<
  | 'CreateQueue'
  | 'GetQueueUrl'
  | 'DeleteQueue'
  | 'ListQueues'
  | 'ListDeadLetterSourceQueues'
  | 'GetQueueAttributes'
  | 'SetQueueAttributes'
  | 'PurgeQueue'
> = {
  CreateQueue: (ctx, input) => {
    const queue = ctx.engine.createQueue(input.QueueName, input.Attributes ?? {}, input.tags ?? {});
    return { QueueUrl: queueUrl(ctx.baseUrl, queue.name) };
  },
  GetQueueUrl: (ctx, input) => ({
    QueueUrl: queueUrl(ctx.baseUrl, ctx.engine.queue(input.QueueName).name),
  }),
  DeleteQueue: (ctx, input) => {
    ctx.engine.deleteQueue(queueNameFromUrl(input.QueueUrl));
    return {};
  },
  ListQueues: (ctx, input) => {
    const { urls, NextToken } = listUrls(ctx, ctx.engine.listQueues(input.QueueNamePrefix), input);
    // AWS leaves QueueUrls out of an empty answer.
    if (urls.length === 0) return {};
    return NextToken === undefined ? { QueueUrls: urls } : { QueueUrls: urls, NextToken };
  },
  ListDeadLetterSourceQueues: (ctx, input) => {
    const names = ctx.engine.listDeadLetterSourceQueues(queueNameFromUrl(input.QueueUrl));
    const { urls, NextToken } = listUrls(ctx, names, input);
    return NextToken === undefined ? { queueUrls: urls } : { queueUrls: urls, NextToken };
  },
  GetQueueAttributes: (ctx, input) => {
    const name = queueNameFromUrl(input.QueueUrl);
    const attributes = ctx.engine.getQueueAttributes(name, input.AttributeNames ?? []);
    return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
  },
  SetQueueAttributes: (ctx, input) => {
    ctx.engine.setQueueAttributes(queueNameFromUrl(input.QueueUrl), input.Attributes);
    return {};
  },
  PurgeQueue: (ctx, input) => {
    ctx.engine.purgeQueue(queueNameFromUrl(input.QueueUrl));
    return {};
  },
};
