// Recorded: dead-letter queues — the redrive policy on create and read back, the target ARN
// checked before any lookup, the sources a DLQ lists, and messages moved after maxReceiveCount
// receives (standard and FIFO with content-based deduplication).
import { expect, it } from 'vitest';
import { arnOf, attributesOf } from './b-support.ts';
import { recordedSuite } from './support.ts';

recordedSuite('dead-letter queues', ({ sqs, create, receive }) => {
  const redrive = (name: string, maxReceiveCount: number | string) =>
    JSON.stringify({ deadLetterTargetArn: arnOf(name), maxReceiveCount });

  it('refuses a malformed target ARN, quoting the policy, before looking anything up', async () => {
    const policy = '{"deadLetterTargetArn": "dummy", "maxReceiveCount": 42}';
    expect(
      await sqs().fail('CreateQueue', {
        QueueName: 'source',
        Attributes: { RedrivePolicy: policy },
      }),
    ).toEqual({
      code: 'InvalidParameterValue',
      status: 400,
      message: `Value ${policy} for parameter RedrivePolicy is invalid. Reason: Invalid value for deadLetterTargetArn.`,
    });
  });

  it('creates a queue with a redrive policy naming an existing queue', async () => {
    await create('dead_letter_queue');
    const url = await create('configured', { RedrivePolicy: redrive('dead_letter_queue', 50) });
    expect(url).toMatch(/\/configured$/);
  });

  it('lists every source queue of a dead-letter queue', async () => {
    const dlq = await create('dlq');
    const one = await create('source-1', { RedrivePolicy: redrive('dlq', 50) });
    const two = await create('source-2', { RedrivePolicy: redrive('dlq', 50) });
    const { queueUrls } = await sqs().call('ListDeadLetterSourceQueues', { QueueUrl: dlq });
    expect([...queueUrls].sort()).toEqual([one, two].sort());
  });

  it('moves a FIFO message to a content-deduplicating FIFO DLQ after maxReceiveCount', async () => {
    const dlq = await create('test-dlq.fifo', {
      FifoQueue: 'true',
      ContentBasedDeduplication: 'true',
      MessageRetentionPeriod: '1209600',
    });
    const url = await create('test-queue.fifo', {
      FifoQueue: 'true',
      ContentBasedDeduplication: 'true',
      VisibilityTimeout: '60',
      RedrivePolicy: redrive('test-dlq.fifo', 2),
    });
    const sent = await sqs().call('SendMessage', {
      QueueUrl: url,
      MessageBody: 'foobar',
      MessageGroupId: '1',
    });
    for (let i = 0; i < 3; i++) await receive(url, { VisibilityTimeout: 0 });
    const messages = await receive(dlq);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ MessageId: sent.MessageId, Body: 'foobar' });
  });

  it('moves a message received maxReceiveCount times, keeping its id', async () => {
    const dlq = await create('dl-queue', { VisibilityTimeout: '0' });
    const url = await create('queue', {
      RedrivePolicy: redrive('dl-queue', 1),
      VisibilityTimeout: '0',
    });
    const sent = await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'test' });
    const first = await receive(url);
    const second = await receive(url);
    // Exactly one of the two receives got the message.
    expect(first.length + second.length).toBe(1);
    const [moved] = await receive(dlq);
    expect(moved?.MessageId).toBe(sent.MessageId);
  });

  it('returns just the attributes asked for, the redrive count as a number', async () => {
    const dlq = await create('dead_letter_queue');
    const { QueueArn } = await attributesOf(sqs(), dlq, ['QueueArn']);
    expect(QueueArn).toBe(arnOf('dead_letter_queue'));
    const url = await create('queue', {
      MessageRetentionPeriod: '604800',
      DelaySeconds: '10',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: QueueArn, maxReceiveCount: 10 }),
    });
    const two = await attributesOf(sqs(), url, ['MessageRetentionPeriod', 'RedrivePolicy']);
    expect(Object.keys(two).sort()).toEqual(['MessageRetentionPeriod', 'RedrivePolicy']);
    expect(two.MessageRetentionPeriod).toBe('604800');
    expect(JSON.parse(two.RedrivePolicy!).maxReceiveCount).toBe(10);
    expect(await attributesOf(sqs(), url, ['QueueArn'])).toEqual({ QueueArn: arnOf('queue') });
  });
});
