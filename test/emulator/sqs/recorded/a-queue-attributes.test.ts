// Recorded: queue attributes — what GetQueueAttributes(All) lists for standard and FIFO queues,
// updates through SetQueueAttributes, and the redrive policy's validation.
import { expect, it } from 'vitest';
import { recordedSuite } from './support.ts';

const TIMESTAMP = /^\d{10}$/;

recordedSuite('queue attributes', ({ sqs, create }) => {
  const all = async (url: string): Promise<Record<string, string>> =>
    (await sqs().call('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All'] })).Attributes;

  it('returns exactly the named attributes, with defaults (test_create_queue_and_get_attributes)', async () => {
    const url = await create('test-queue-attrs');
    const { Attributes } = await sqs().call('GetQueueAttributes', {
      QueueUrl: url,
      AttributeNames: ['QueueArn', 'CreatedTimestamp', 'VisibilityTimeout'],
    });
    expect(Object.keys(Attributes).sort()).toEqual([
      'CreatedTimestamp',
      'QueueArn',
      'VisibilityTimeout',
    ]);
    expect(Attributes.QueueArn).toContain('test-queue-');
    expect(Attributes.CreatedTimestamp).toMatch(TIMESTAMP);
    expect(Attributes.VisibilityTimeout).toBe('30');
  });

  it('lists every attribute of a standard queue, before and after an update (test_create_and_update_queue_attributes)', async () => {
    const url = await create('updated', {
      MessageRetentionPeriod: '604800',
      ReceiveMessageWaitTimeSeconds: '10',
      VisibilityTimeout: '20',
    });
    const before = await all(url);
    expect(before).toEqual({
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:updated',
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
      CreatedTimestamp: expect.stringMatching(TIMESTAMP),
      LastModifiedTimestamp: expect.stringMatching(TIMESTAMP),
      VisibilityTimeout: '20',
      // Recorded as 262144: AWS raised the default to 1 MiB in August 2025 (SQS-SEMANTICS.md).
      MaximumMessageSize: '1048576',
      MessageRetentionPeriod: '604800',
      DelaySeconds: '0',
      ReceiveMessageWaitTimeSeconds: '10',
      // Recorded as "false" in August 2022: AWS has enabled SSE-SQS on new queues by default
      // since late 2022, as the FIFO recording (May 2023) below shows with "true".
      SqsManagedSseEnabled: 'true',
    });
    await sqs().call('SetQueueAttributes', {
      QueueUrl: url,
      Attributes: { MaximumMessageSize: '2048', VisibilityTimeout: '69', DelaySeconds: '420' },
    });
    expect(await all(url)).toEqual({
      ...before,
      LastModifiedTimestamp: expect.stringMatching(TIMESTAMP),
      VisibilityTimeout: '69',
      MaximumMessageSize: '2048',
      DelaySeconds: '420',
    });
  });

  it('lists every attribute of a FIFO queue and updates ContentBasedDeduplication (test_fifo_set_content_based_deduplication_strategy)', async () => {
    const url = await create('dedup-strategy.fifo', {
      FifoQueue: 'true',
      SqsManagedSseEnabled: 'true',
      ContentBasedDeduplication: 'true',
    });
    const expected = {
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesDelayed: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ContentBasedDeduplication: 'true',
      CreatedTimestamp: expect.stringMatching(TIMESTAMP),
      DeduplicationScope: 'queue',
      DelaySeconds: '0',
      FifoQueue: 'true',
      FifoThroughputLimit: 'perQueue',
      LastModifiedTimestamp: expect.stringMatching(TIMESTAMP),
      MaximumMessageSize: '1048576',
      MessageRetentionPeriod: '345600',
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:dedup-strategy.fifo',
      ReceiveMessageWaitTimeSeconds: '0',
      SqsManagedSseEnabled: 'true',
      VisibilityTimeout: '30',
    };
    expect(await all(url)).toEqual(expected);
    await sqs().call('SetQueueAttributes', {
      QueueUrl: url,
      Attributes: { ContentBasedDeduplication: 'false' },
    });
    expect(await all(url)).toEqual({ ...expected, ContentBasedDeduplication: 'false' });
  });

  it('refuses a redrive policy without its target or count, or with a bad count (test_redrive_policy_attribute_validity)', async () => {
    const dlq = await create('dl-queue');
    const arn = (
      await sqs().call('GetQueueAttributes', { QueueUrl: dlq, AttributeNames: ['QueueArn'] })
    ).Attributes.QueueArn as string;
    const url = await create('redriven');
    const redrive = async (policy: Record<string, unknown>) =>
      sqs().fail('SetQueueAttributes', {
        QueueUrl: url,
        Attributes: { RedrivePolicy: JSON.stringify(policy) },
      });
    expect((await redrive({ deadLetterTargetArn: arn })).code).toBe('InvalidParameterValue');
    expect((await redrive({ maxReceiveCount: '42' })).code).toBe('InvalidParameterValue');
    expect((await redrive({ deadLetterTargetArn: arn, maxReceiveCount: 'invalid' })).code).toBe(
      'InvalidParameterValue',
    );
    await sqs().call('SetQueueAttributes', {
      QueueUrl: url,
      Attributes: {
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: '42' }),
      },
    });
  });
});
