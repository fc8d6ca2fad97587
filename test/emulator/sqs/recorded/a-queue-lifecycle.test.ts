// Recorded: creating, listing and re-creating queues — idempotent CreateQueue, the attribute
// conflict, the 60-second name cooldown after DeleteQueue and the .fifo suffix rules.
import { expect, it } from 'vitest';
import { recordedSuite } from './support.ts';

recordedSuite('queue lifecycle', ({ sqs, create, control }) => {
  it('lists queues by name prefix and without one (test_list_queues)', async () => {
    const names = ['a-test-queue-1', 'a-test-queue-2', 'b-test-queue-1'];
    const urls: string[] = [];
    for (const name of names) {
      await create(name);
      const url = (await sqs().call('GetQueueUrl', { QueueName: name })).QueueUrl as string;
      expect(url.endsWith(name)).toBe(true);
      urls.push(url);
    }
    const a = (await sqs().call('ListQueues', { QueueNamePrefix: 'a-test-queue-' })).QueueUrls;
    expect([...a].sort()).toEqual([urls[0], urls[1]]);
    const b = (await sqs().call('ListQueues', { QueueNamePrefix: 'b-test-queue-' })).QueueUrls;
    expect(b).toEqual([urls[2]]);
    const all = (await sqs().call('ListQueues', {})).QueueUrls;
    expect(all).toEqual(expect.arrayContaining(urls));
  });

  it('refuses a name deleted less than 60 s ago (test_create_queue_recently_deleted)', async () => {
    const url = await create('recently-deleted');
    await sqs().call('DeleteQueue', { QueueUrl: url });
    const failure = await sqs().fail('CreateQueue', { QueueName: 'recently-deleted' });
    expect(failure.code).toContain('QueueDeletedRecently');
    expect(failure.message).toBe(
      'You must wait 60 seconds after deleting a queue before you can create another with the same name.',
    );
    expect(failure.status).toBe(400);
    await control().advance(60_000);
    expect(await create('recently-deleted')).toBe(url);
  });

  it('answers the same URL for a re-creation without attributes (test_create_queue_without_attributes_is_idempotent)', async () => {
    const url = await create('idem');
    expect(await create('idem')).toBe(url);
  });

  it('answers the same URL for a re-creation with equal attributes (test_create_queue_with_same_attributes_is_idempotent)', async () => {
    const url = await create('idem-same', { VisibilityTimeout: '69' });
    expect(await create('idem-same', { VisibilityTimeout: '69' })).toBe(url);
  });

  it('answers the same URL for a re-creation without the non-default attributes (test_create_queue_with_default_attributes_is_idempotent)', async () => {
    const url = await create('idem-default', {
      VisibilityTimeout: '69',
      ReceiveMessageWaitTimeSeconds: '1',
    });
    expect(await create('idem-default')).toBe(url);
  });

  it('answers the same URL for a FIFO re-creation with equal attributes (test_create_fifo_queue_with_same_attributes_is_idempotent)', async () => {
    const url = await create('idem.fifo', { FifoQueue: 'true' });
    expect(await create('idem.fifo', { FifoQueue: 'true' })).toBe(url);
  });

  it('refuses a FIFO re-creation with another ContentBasedDeduplication (test_create_fifo_queue_with_different_attributes_raises_error)', async () => {
    await create('conflict.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    const failure = await sqs().fail('CreateQueue', {
      QueueName: 'conflict.fifo',
      Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'false' },
    });
    expect(failure.code).toBe('QueueAlreadyExists');
    expect(failure.message).toBe(
      'A queue already exists with the same name and a different value for attribute ContentBasedDeduplication',
    );
  });

  it('compares a re-creation with the queue’s current attributes (test_create_queue_with_different_attributes_raises_exception)', async () => {
    const url = await create('conflict', { ReceiveMessageWaitTimeSeconds: '1', DelaySeconds: '1' });
    expect(await create('conflict')).toBe(url);
    expect(await create('conflict', { DelaySeconds: '1' })).toBe(url);
    const changed = await sqs().fail('CreateQueue', {
      QueueName: 'conflict',
      Attributes: { ReceiveMessageWaitTimeSeconds: '1', DelaySeconds: '2' },
    });
    expect(changed.code).toBe('QueueAlreadyExists');
    expect(changed.message).toBe(
      'A queue already exists with the same name and a different value for attribute DelaySeconds',
    );
    await sqs().call('SetQueueAttributes', { QueueUrl: url, Attributes: { DelaySeconds: '2' } });
    expect(
      await create('conflict', { ReceiveMessageWaitTimeSeconds: '1', DelaySeconds: '2' }),
    ).toBe(url);
    const original = await sqs().fail('CreateQueue', {
      QueueName: 'conflict',
      Attributes: { ReceiveMessageWaitTimeSeconds: '1', DelaySeconds: '1' },
    });
    expect(original.code).toBe('QueueAlreadyExists');
    expect(original.message).toBe(
      'A queue already exists with the same name and a different value for attribute DelaySeconds',
    );
  });

  /**
   * The recorded pair: after SetQueueAttributes changed VisibilityTimeout and
   * ReceiveMessageWaitTimeSeconds to 2, a re-creation with 1 is refused, one with 2 or with
   * nothing answers the queue's URL.
   */
  const recreateAfterModifying = async (name: string, created?: Record<string, string>) => {
    const url = await create(name, created);
    const modified = { VisibilityTimeout: '2', ReceiveMessageWaitTimeSeconds: '2' };
    await sqs().call('SetQueueAttributes', { QueueUrl: url, Attributes: modified });
    const original = await sqs().fail('CreateQueue', {
      QueueName: name,
      Attributes: { VisibilityTimeout: '1', ReceiveMessageWaitTimeSeconds: '1' },
    });
    expect(original.code).toBe('QueueAlreadyExists');
    expect(await create(name, modified)).toBe(url);
    expect(await create(name)).toBe(url);
  };

  it('re-creates with defaults after the attributes were modified (test_create_queue_with_default_arguments_works_with_modified_attributes)', async () => {
    await recreateAfterModifying('modified');
  });

  it('refuses the creation attributes once they were modified (test_create_queue_after_modified_attributes)', async () => {
    await recreateAfterModifying('modified-2', {
      VisibilityTimeout: '1',
      ReceiveMessageWaitTimeSeconds: '1',
    });
  });

  it('re-creates a queue holding delayed and visible messages (test_create_queue_after_internal_attributes_changes_works)', async () => {
    const url = await create('internal');
    await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'foobar-1', DelaySeconds: 1 });
    await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'foobar-2' });
    expect(await create('internal')).toBe(url);
  });

  it('re-creates a queue whose message count changed (test_create_queue_after_send)', async () => {
    const url = await create('after-send');
    for (const body of ['foobar', 'bared', 'baz']) {
      await sqs().call('SendMessage', { QueueUrl: url, MessageBody: body });
    }
    const { Attributes } = await sqs().call('GetQueueAttributes', {
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages'],
    });
    expect(Number(Attributes.ApproximateNumberOfMessages)).toBeGreaterThan(0);
    expect(await create('after-send')).toBe(url);
  });

  it('keeps .fifo in the URL of a FIFO queue and delivers to it (test_create_and_send_to_fifo_queue)', async () => {
    const url = await create('created.fifo', { FifoQueue: 'true' });
    expect(url).toContain('created.fifo');
    const sent = await sqs().call('SendMessage', {
      QueueUrl: url,
      MessageBody: 'test',
      MessageDeduplicationId: 'dedup-1',
      MessageGroupId: 'test_group',
    });
    const received = await sqs().call('ReceiveMessage', { QueueUrl: url });
    expect(received.Messages[0].MessageId).toBe(sent.MessageId);
  });

  it('refuses a FIFO queue whose name lacks .fifo (test_fifo_queue_requires_suffix)', async () => {
    const failure = await sqs().fail('CreateQueue', {
      QueueName: 'invalid-no-suffix',
      Attributes: { FifoQueue: 'true' },
    });
    expect(failure.code).toBe('InvalidParameterValue');
  });

  it('refuses a standard queue whose name ends in .fifo (test_standard_queue_cannot_have_fifo_suffix)', async () => {
    const failure = await sqs().fail('CreateQueue', { QueueName: 'standard.fifo' });
    expect(failure.code).toBe('InvalidParameterValue');
  });
});
