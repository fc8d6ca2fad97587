// Queue lifecycle and settings actions: create, find, delete, list, attributes, purge.
import { type Handlers, queueAt, requestRegion, urlOf } from './context.ts';
import { listUrls } from './pagination.ts';

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
    const { engine } = requestRegion(ctx);
    const queue = engine.createQueue(input.QueueName, input.Attributes ?? {}, input.tags ?? {});
    return { QueueUrl: urlOf(ctx, engine, queue.name) };
  },
  GetQueueUrl: (ctx, input) => {
    const { engine } = requestRegion(ctx);
    return { QueueUrl: urlOf(ctx, engine, engine.queue(input.QueueName).name) };
  },
  DeleteQueue: (ctx, input) => {
    const { engine, name } = queueAt(ctx, input.QueueUrl);
    engine.deleteQueue(name);
    return {};
  },
  ListQueues: (ctx, input) => {
    const { engine } = requestRegion(ctx);
    const names = engine.listQueues(input.QueueNamePrefix);
    const { urls, NextToken } = listUrls(ctx, engine, names, input);
    // AWS leaves QueueUrls out of an empty answer.
    if (urls.length === 0) return {};
    return NextToken === undefined ? { QueueUrls: urls } : { QueueUrls: urls, NextToken };
  },
  ListDeadLetterSourceQueues: (ctx, input) => {
    const { engine, name } = queueAt(ctx, input.QueueUrl);
    const names = engine.listDeadLetterSourceQueues(name);
    const { urls, NextToken } = listUrls(ctx, engine, names, input);
    return NextToken === undefined ? { queueUrls: urls } : { queueUrls: urls, NextToken };
  },
  GetQueueAttributes: (ctx, input) => {
    const { engine, name } = queueAt(ctx, input.QueueUrl);
    const attributes = engine.getQueueAttributes(name, input.AttributeNames ?? []);
    return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
  },
  SetQueueAttributes: (ctx, input) => {
    const { engine, name } = queueAt(ctx, input.QueueUrl);
    engine.setQueueAttributes(name, input.Attributes);
    return {};
  },
  PurgeQueue: (ctx, input) => {
    const { engine, name } = queueAt(ctx, input.QueueUrl);
    engine.purgeQueue(name);
    return {};
  },
};
