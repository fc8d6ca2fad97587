// Recorded: FIFO queues — order within a group, how a batch receive walks the groups (a group's
// messages together; a group whose messages came back visible queues behind the ones waiting
// longer), group visibility after ChangeMessageVisibility and DeleteMessage, delays, system
// attributes and counts. Time moves on the emulator's clock, never by sleeping.
import { expect, it } from 'vitest';
import { bodies, waitForPoll } from './a-support.ts';
import { recordedSuite } from './support.ts';

recordedSuite('FIFO queues, first half', ({ sqs, create, receive, control }) => {
  /** A FIFO queue with content-based deduplication, as most recorded FIFO tests make it. */
  const fifo = (name: string, extra: Record<string, string> = {}) =>
    create(`${name}.fifo`, { FifoQueue: 'true', ContentBasedDeduplication: 'true', ...extra });
  /** Sends `g1-m1`-style bodies to the group their name starts with. */
  const sendAll = async (url: string, names: readonly string[]) => {
    for (const body of names) {
      await sqs().call('SendMessage', {
        QueueUrl: url,
        MessageBody: body,
        MessageGroupId: `group-${body.slice(1, body.indexOf('-'))}`,
      });
    }
  };

  it('accepts DelaySeconds=0 on a FIFO send (test_send_message_with_delay_0_works_for_fifo)', async () => {
    const url = await create('delay-zero.fifo', { FifoQueue: 'true' });
    const sent = await sqs().call('SendMessage', {
      QueueUrl: url,
      DelaySeconds: 0,
      MessageBody: 'Hello World!',
      MessageGroupId: 'test',
      MessageDeduplicationId: '42',
    });
    const [message] = await receive(url, { VisibilityTimeout: 0 });
    expect(message!.MD5OfBody).toBe(sent.MD5OfMessageBody);
  });

  it('keeps the order of a group across a visibility timeout (test_fifo_messages_in_order_after_timeout)', async () => {
    const url = await create('in-order.fifo', { FifoQueue: 'true', VisibilityTimeout: '1' });
    for (let i = 0; i < 3; i++) {
      await sqs().call('SendMessage', {
        QueueUrl: url,
        MessageBody: `message-${i}`,
        MessageGroupId: '1',
        MessageDeduplicationId: `${i}`,
      });
    }
    const expected = ['message-0', 'message-1', 'message-2'];
    expect(bodies(await receive(url, { MaxNumberOfMessages: 10 }))).toEqual(expected);
    await control().advance(2_000);
    expect(bodies(await receive(url, { MaxNumberOfMessages: 10 }))).toEqual(expected);
  });

  it('returns a group’s messages together even when sends interleave (test_fifo_receive_message_group_id_ordering)', async () => {
    const url = await fifo('group-ordering');
    await sendAll(url, ['g1-m1', 'g2-m1', 'g1-m2', 'g1-m3']);
    expect(bodies(await receive(url, { MaxNumberOfMessages: 10 }))).toEqual([
      'g1-m1',
      'g1-m2',
      'g1-m3',
      'g2-m1',
    ]);
  });

  it('holds a whole group while part of it is in flight (test_fifo_receive_message_visibility_timeout_shared_in_group)', async () => {
    const url = await fifo('shared-timeout', { VisibilityTimeout: '1' });
    await sendAll(url, ['g1-m1', 'g1-m2', 'g1-m3', 'g1-m4', 'g2-m1', 'g3-m1']);
    expect(bodies(await receive(url, { MaxNumberOfMessages: 2 }))).toEqual(['g1-m1', 'g1-m2']);
    expect(bodies(await receive(url, { MaxNumberOfMessages: 1 }))).toEqual(['g2-m1']);
    await control().advance(2_000);
    const drained = bodies(await receive(url, { MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
    // The order AWS answered (the recorded test also accepts g2 before g1).
    expect(drained).toEqual(['g3-m1', 'g1-m1', 'g1-m2', 'g1-m3', 'g1-m4', 'g2-m1']);
  });

  it('queues groups received with timeout 0 behind the untouched group (test_fifo_receive_message_with_zero_visibility_timeout)', async () => {
    const url = await fifo('zero-timeout');
    await sendAll(url, ['g1-m1', 'g2-m1', 'g2-m2', 'g3-m1', 'g1-m2']);
    expect(bodies(await receive(url, { MaxNumberOfMessages: 3, VisibilityTimeout: 0 }))).toEqual([
      'g1-m1',
      'g1-m2',
      'g2-m1',
    ]);
    expect(bodies(await receive(url, { MaxNumberOfMessages: 10, VisibilityTimeout: 0 }))).toEqual([
      'g3-m1',
      'g1-m1',
      'g1-m2',
      'g2-m1',
      'g2-m2',
    ]);
  });

  /** Group 1's two messages received (timeout 30 s), then its head's timeout set to `seconds`. */
  const headChanged = async (name: string, seconds: number) => {
    const url = await fifo(name, { VisibilityTimeout: '30' });
    await sendAll(url, ['g1-m1', 'g1-m2', 'g2-m1']);
    const received = await receive(url, { MaxNumberOfMessages: 2 });
    expect(bodies(received)).toEqual(['g1-m1', 'g1-m2']);
    await sqs().call('ChangeMessageVisibility', {
      QueueUrl: url,
      ReceiptHandle: received[0]!.ReceiptHandle,
      VisibilityTimeout: seconds,
    });
    return url;
  };

  it('frees a group’s head on terminating its timeout, not the rest (test_fifo_message_group_visibility_after_terminate_visibility_timeout)', async () => {
    const url = await headChanged('terminate-head', 0);
    expect(bodies(await receive(url, { MaxNumberOfMessages: 3, WaitTimeSeconds: 2 }))).toEqual([
      'g2-m1',
      'g1-m1',
    ]);
  });

  it('frees a group’s head when its changed timeout expires (test_fifo_message_group_visibility_after_change_message_visibility)', async () => {
    const url = await headChanged('change-head', 1);
    await control().advance(2_000);
    expect(bodies(await receive(url, { MaxNumberOfMessages: 3 }))).toEqual(['g2-m1', 'g1-m1']);
  });

  it('frees a group once its in-flight messages are deleted (test_fifo_message_group_visibility_after_delete)', async () => {
    const url = await fifo('after-delete');
    // The second g1-m2 is a duplicate by content and is dropped.
    await sendAll(url, ['g1-m1', 'g2-m1', 'g1-m2', 'g2-m2', 'g1-m2', 'g1-m3', 'g1-m4', 'g3-m1']);
    const received = await receive(url, { MaxNumberOfMessages: 2 });
    expect(bodies(received)).toEqual(['g1-m1', 'g1-m2']);
    for (const m of received) {
      await sqs().call('DeleteMessage', { QueueUrl: url, ReceiptHandle: m.ReceiptHandle });
    }
    const drained = bodies(await receive(url, { MaxNumberOfMessages: 10 }));
    // The order AWS answered (the recorded test also accepts g3 before g1).
    expect(drained).toEqual(['g2-m1', 'g2-m2', 'g1-m3', 'g1-m4', 'g3-m1']);
  });

  it('keeps a group held while one of its messages is in flight (test_fifo_message_group_visibility_after_partial_delete)', async () => {
    const url = await fifo('partial-delete');
    await sendAll(url, ['g1-m1', 'g2-m1', 'g1-m2', 'g2-m2', 'g1-m2', 'g1-m3', 'g1-m4', 'g3-m1']);
    const received = await receive(url, { MaxNumberOfMessages: 2 });
    expect(bodies(received)).toEqual(['g1-m1', 'g1-m2']);
    await sqs().call('DeleteMessage', { QueueUrl: url, ReceiptHandle: received[0]!.ReceiptHandle });
    expect(bodies(await receive(url, { MaxNumberOfMessages: 10 }))).toEqual([
      'g2-m1',
      'g2-m2',
      'g3-m1',
    ]);
  });

  it('refuses a per-message delay on a FIFO queue (test_fifo_queue_send_message_with_delay_seconds_fails)', async () => {
    const url = await fifo('delay-refused');
    const failure = await sqs().fail('SendMessage', {
      QueueUrl: url,
      MessageBody: 'message-1',
      MessageGroupId: '1',
      DelaySeconds: 2,
    });
    expect(failure).toEqual({
      code: 'InvalidParameterValue',
      status: 400,
      message:
        'Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.',
    });
  });

  it('delays by the FIFO queue’s DelaySeconds and keeps the order (test_fifo_queue_send_message_with_delay_on_queue_works)', async () => {
    const url = await fifo('queue-delay', { DelaySeconds: '2' });
    for (const body of ['message-1', 'message-2', 'message-3']) {
      await sqs().call('SendMessage', { QueueUrl: url, MessageBody: body, MessageGroupId: '1' });
    }
    const poll = receive(url, { WaitTimeSeconds: 1 });
    await waitForPoll(control(), 'queue-delay.fifo');
    await control().advance(1_000);
    expect(await poll).toEqual([]);
    await control().advance(2_000);
    expect(bodies(await receive(url, { MaxNumberOfMessages: 3 }))).toEqual([
      'message-1',
      'message-2',
      'message-3',
    ]);
  });

  it('returns the FIFO system attributes, counting receives (test_fifo_message_attributes)', async () => {
    const url = await fifo('system-attributes', {
      VisibilityTimeout: '0',
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
    });
    const sent = await sqs().call('SendMessage', {
      QueueUrl: url,
      MessageBody: 'message-body-1',
      MessageGroupId: 'group-1',
      MessageDeduplicationId: 'dedup-1',
    });
    expect(sent).toMatchObject({
      MD5OfMessageBody: '19c9e282d65f9733bc6b35d50062c7ee',
      MessageId: expect.any(String),
      SequenceNumber: expect.stringMatching(/^\d+$/),
    });
    expect(sent).not.toHaveProperty('MD5OfMessageAttributes');
    for (const count of ['1', '2']) {
      const messages = await receive(url, { AttributeNames: ['All'], WaitTimeSeconds: 10 });
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        Body: 'message-body-1',
        MD5OfBody: '19c9e282d65f9733bc6b35d50062c7ee',
        MessageId: sent.MessageId,
      });
      expect(messages[0]!.Attributes).toEqual({
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d+$/),
        ApproximateReceiveCount: count,
        MessageDeduplicationId: 'dedup-1',
        MessageGroupId: 'group-1',
        SenderId: expect.any(String),
        SentTimestamp: expect.stringMatching(/^\d+$/),
        SequenceNumber: sent.SequenceNumber,
      });
    }
  });

  it('counts only the messages not in flight (test_fifo_approx_number_of_messages)', async () => {
    const url = await fifo('approximate');
    const size = async () =>
      (
        await sqs().call('GetQueueAttributes', {
          QueueUrl: url,
          AttributeNames: ['ApproximateNumberOfMessages'],
        })
      ).Attributes.ApproximateNumberOfMessages;
    expect(await size()).toBe('0');
    await sendAll(url, ['g1-m1', 'g1-m2', 'g1-m3', 'g2-m1', 'g3-m1']);
    expect(await size()).toBe('5');
    const received = await receive(url, { MaxNumberOfMessages: 4, WaitTimeSeconds: 1 });
    expect(await size()).toBe('1');
    for (const m of received) {
      await sqs().call('DeleteMessage', { QueueUrl: url, ReceiptHandle: m.ReceiptHandle });
    }
    expect(await size()).toBe('1');
  });

  it('refuses a delete with an expired FIFO receipt handle (test_fifo_delete_message_with_expired_receipt_handle)', async () => {
    const url = await fifo('expired-handle', { VisibilityTimeout: '1' });
    await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'g1-m1', MessageGroupId: '1' });
    const [message] = await receive(url);
    expect(message).toMatchObject({ Body: 'g1-m1', MD5OfBody: 'fc4286b824b39ddf3606c9f27ff664bd' });
    await control().advance(2_000);
    const failure = await sqs().fail('DeleteMessage', {
      QueueUrl: url,
      ReceiptHandle: message!.ReceiptHandle,
    });
    expect(failure).toEqual({
      code: 'InvalidParameterValue',
      status: 400,
      message: `Value ${message!.ReceiptHandle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`,
    });
  });
});
