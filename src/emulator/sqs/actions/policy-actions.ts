// Tag and permission actions: TagQueue, UntagQueue, ListQueueTags, AddPermission, RemovePermission.
import { type Handlers, queueAt } from './context.ts';

export const POLICY_ACTIONS: Handlers<
  'TagQueue' | 'UntagQueue' | 'ListQueueTags' | 'AddPermission' | 'RemovePermission'
> = {
  TagQueue: (ctx, input) => {
    const { engine, name } = queueAt(ctx, input.QueueUrl);
    engine.tagQueue(name, input.Tags);
    return {};
  },
  UntagQueue: (ctx, input) => {
    const { engine, name } = queueAt(ctx, input.QueueUrl);
    engine.untagQueue(name, input.TagKeys);
    return {};
  },
  ListQueueTags: (ctx, input) => {
    const { engine, name } = queueAt(ctx, input.QueueUrl);
    const tags = engine.listQueueTags(name);
    return Object.keys(tags).length > 0 ? { Tags: tags } : {};
  },
  AddPermission: (ctx, input) => {
    const { engine, name } = queueAt(ctx, input.QueueUrl);
    engine.addPermission(name, input.Label, input.AWSAccountIds, input.Actions);
    return {};
  },
  RemovePermission: (ctx, input) => {
    const { engine, name } = queueAt(ctx, input.QueueUrl);
    engine.removePermission(name, input.Label);
    return {};
  },
};
