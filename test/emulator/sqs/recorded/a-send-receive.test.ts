// Recorded: sending and receiving — bodies and checksums, system-attribute timestamps, message
// attributes (string, number, binary) and how receives leave them untouched.
import { expect, it } from 'vitest';
import { bodies } from './a-support.ts';
import { recordedSuite, withoutEmptyLists } from './support.ts';

recordedSuite('send and receive, first half', ({ sqs, create, receive }) => {
  it('refuses MaxNumberOfMessages over 10 (test_send_receive_max_number_of_messages)', async () => {
    const url = await create('max-number');
    expect(
      (await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'message' })).MessageId,
    ).toBeTruthy();
    const failure = await sqs().fail('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 11 });
    expect(failure).toEqual({
      code: 'InvalidParameterValue',
      status: 400,
      message:
        'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
    });
  });

  it('gives whole-millisecond sent and first-receive timestamps (test_receive_message_attributes_timestamp_types)', async () => {
    const url = await create('timestamps');
    await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'message' });
    const [message] = await receive(url, { VisibilityTimeout: 0, AttributeNames: ['All'] });
    const { ApproximateFirstReceiveTimestamp: first, SentTimestamp: sent } = message!.Attributes!;
    expect(first).toMatch(/^\d+$/);
    expect(sent).toMatch(/^\d+$/);
    expect(Math.abs(Number(first) - Number(sent))).toBeLessThan(2_000);
  });

  it('delivers only to the queue sent to (test_send_receive_message_multiple_queues)', async () => {
    const queue0 = await create('queue-0');
    const queue1 = await create('queue-1');
    await sqs().call('SendMessage', { QueueUrl: queue0, MessageBody: 'message' });
    expect(await sqs().call('ReceiveMessage', { QueueUrl: queue1 })).not.toHaveProperty('Messages');
    expect(bodies(await receive(queue0))).toEqual(['message']);
  });

  it('returns quotes, entities and a carriage return unchanged (test_send_receive_message_encoded_content)', async () => {
    const url = await create('encoded');
    await sqs().call('SendMessage', { QueueUrl: url, MessageBody: '"&quot;&quot;\r' });
    expect(bodies(await receive(url))).toEqual(['"&quot;&quot;\r']);
  });

  it('returns a Number attribute as sent (test_message_with_attributes_should_be_enqueued)', async () => {
    const url = await create('number-attribute');
    const attributes = { timestamp: { DataType: 'Number', StringValue: '1614717034367' } };
    const sent = await sqs().call('SendMessage', {
      QueueUrl: url,
      MessageBody: 'test',
      MessageAttributes: attributes,
    });
    const [message] = await receive(url, { MessageAttributeNames: ['All'] });
    expect(message!.MessageId).toBe(sent.MessageId);
    expect(withoutEmptyLists(message!.MessageAttributes)).toEqual(attributes);
  });

  it('sends, receives and deletes (test_publish_get_delete_message)', async () => {
    const url = await create('publish-get-delete');
    const sent = await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'test message' });
    const [message] = await receive(url);
    expect(message!.MessageId).toBe(sent.MessageId);
    await sqs().call('DeleteMessage', { QueueUrl: url, ReceiptHandle: message!.ReceiptHandle });
    expect(await sqs().call('ReceiveMessage', { QueueUrl: url })).not.toHaveProperty('Messages');
  });
});
