// Recorded: long polling and delays — WaitTimeSeconds (on the call and as the queue's
// ReceiveMessageWaitTimeSeconds) returns as soon as a message arrives, never blocks when messages
// wait, and a delayed message arrives within the wait. The clock moves under the parked poll.
import { expect, it } from 'vitest';
import { bodies, waitForPoll } from './a-support.ts';
import { recordedSuite } from './support.ts';

recordedSuite('long polling, first half', ({ sqs, create, receive, control }) => {
  it('does not wait when messages are there (test_receive_message_wait_time_seconds_and_max_number_of_messages_does_not_block)', async () => {
    const url = await create('no-block');
    await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'foobar1' });
    await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'foobar2' });
    const { Attributes } = await sqs().call('GetQueueAttributes', {
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages'],
    });
    expect(Attributes.ApproximateNumberOfMessages).toBe('2');
    // The clock stands still: a receive that waited would never answer.
    const messages = await receive(url, { MaxNumberOfMessages: 3, WaitTimeSeconds: 5 });
    expect(messages.length).toBeGreaterThanOrEqual(1);
  });

  it('answers a waiting receive with a message sent a second later (test_wait_time_seconds_waits_correctly)', async () => {
    const url = await create('waits');
    const poll = receive(url, { WaitTimeSeconds: 10 });
    await waitForPoll(control(), 'waits');
    await control().advance(1_000);
    await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'foobared' });
    expect(bodies(await poll)).toEqual(['foobared']);
  });

  it('waits by the queue’s ReceiveMessageWaitTimeSeconds (test_wait_time_seconds_queue_attribute_waits_correctly)', async () => {
    const url = await create('waits-by-queue', { ReceiveMessageWaitTimeSeconds: '10' });
    const poll = receive(url);
    await waitForPoll(control(), 'waits-by-queue');
    await control().advance(1_000);
    await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'foobared' });
    expect(bodies(await poll)).toEqual(['foobared']);
  });

  it('returns a delayed message to a wait longer than the delay (test_send_delay_and_wait_time)', async () => {
    const url = await create('delay-wait');
    await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'foobar', DelaySeconds: 1 });
    expect(await sqs().call('ReceiveMessage', { QueueUrl: url })).not.toHaveProperty('Messages');
    const poll = receive(url, { WaitTimeSeconds: 2 });
    await waitForPoll(control(), 'delay-wait');
    await control().advance(1_000);
    expect(bodies(await poll)).toEqual(['foobar']);
  });
});
