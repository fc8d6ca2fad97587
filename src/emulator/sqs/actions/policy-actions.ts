// Tag and permission actions: TagQueue, UntagQueue, ListQueueTags, AddPermission, RemovePermission.
import type { Handlers } from './context.ts';
import { queueNameFromUrl } from './queue-url.ts';

export const POLICY_ACTIONS: Handlers<
  'TagQueue' | 'UntagQueue' | 'ListQueueTags' | 'AddPermission' | 'RemovePermission'
> = {
  TagQueue: (ctx, input) => {
    ctx.engine.tagQueue(queueNameFromUrl(input.QueueUrl), input.Tags);
    return {};
  },
  UntagQueue: (ctx, input) => {
    ctx.engine.untagQueue(queueNameFromUrl(input.QueueUrl), input.TagKeys);
    return {};
  },
  ListQueueTags: (ctx, input) => {
    const tags = ctx.engine.listQueueTags(queueNameFromUrl(input.QueueUrl));
    return Object.keys(tags).length > 0 ? { Tags: tags } : {};
  },
  AddPermission: (ctx, input) => {
    const name = queueNameFromUrl(input.QueueUrl);
    ctx.engine.addPermission(name, input.Label, input.AWSAccountIds, input.Actions);
    return {};
  },
  RemovePermission: (ctx, input) => {
    ctx.engine.removePermission(queueNameFromUrl(input.QueueUrl), input.Label);
    return {};
  },
};
