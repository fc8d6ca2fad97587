// Recorded: queue tags — TagQueue, UntagQueue, ListQueueTags and tags given at CreateQueue.
import { expect, it } from 'vitest';
import { recordedSuite } from './support.ts';

recordedSuite('queue tags', ({ sqs, create }) => {
  const tagsOf = async (url: string) => sqs().call('ListQueueTags', { QueueUrl: url });

  it('tags, untags and omits Tags once none are left (test_tag_untag_queue)', async () => {
    const url = await create('tagged');
    const tags = { tag1: 'value1', tag2: 'value2', tag3: '' };
    await sqs().call('TagQueue', { QueueUrl: url, Tags: tags });
    expect((await tagsOf(url)).Tags).toEqual(tags);
    await sqs().call('UntagQueue', { QueueUrl: url, TagKeys: ['tag1', 'tag3'] });
    expect((await tagsOf(url)).Tags).toEqual({ tag2: 'value2' });
    await sqs().call('UntagQueue', { QueueUrl: url, TagKeys: ['tag2'] });
    expect(await tagsOf(url)).not.toHaveProperty('Tags');
  });

  it('keeps tag keys case-sensitive (test_tags_case_sensitive)', async () => {
    const url = await create('tagged');
    const tags = { MyTag: 'value1', mytag: 'value2' };
    await sqs().call('TagQueue', { QueueUrl: url, Tags: tags });
    expect((await tagsOf(url)).Tags).toEqual(tags);
  });

  it('ignores unknown keys on UntagQueue (test_untag_queue_ignores_non_existing_tag)', async () => {
    const url = await create('tagged');
    await sqs().call('TagQueue', { QueueUrl: url, Tags: { tag1: 'value1', tag2: 'value2' } });
    await sqs().call('UntagQueue', { QueueUrl: url, TagKeys: ['tag1', 'tag3'] });
    expect((await tagsOf(url)).Tags).toEqual({ tag2: 'value2' });
  });

  it('overwrites an existing tag and keeps the others (test_tag_queue_overwrites_existing_tag)', async () => {
    const url = await create('tagged');
    await sqs().call('TagQueue', { QueueUrl: url, Tags: { tag1: 'value1', tag2: 'value2' } });
    await sqs().call('TagQueue', { QueueUrl: url, Tags: { tag1: 'VALUE1', tag3: 'value3' } });
    expect((await tagsOf(url)).Tags).toEqual({ tag1: 'VALUE1', tag2: 'value2', tag3: 'value3' });
  });

  it('takes tags at creation (test_create_queue_with_tags)', async () => {
    const tags = { tag1: 'value1', tag2: 'value2' };
    const { QueueUrl } = await sqs().call('CreateQueue', { QueueName: 'tagged', tags });
    expect((await tagsOf(QueueUrl)).Tags).toEqual(tags);
  });

  it('lists the tags set (test_list_queue_tags)', async () => {
    const url = await create('tagged');
    const tags = { testTag1: 'test1', testTag2: 'test2' };
    await sqs().call('TagQueue', { QueueUrl: url, Tags: tags });
    expect((await tagsOf(url)).Tags).toEqual(tags);
  });

  it('omits Tags for an untagged queue (test_queue_list_nonexistent_tags)', async () => {
    const url = await create('untagged');
    expect(await tagsOf(url)).not.toHaveProperty('Tags');
  });
});
