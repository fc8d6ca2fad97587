// Recorded: the visibility timeout — hiding after a receive, expiry, VisibilityTimeout on
// ReceiveMessage (0 included), ChangeMessageVisibility (extending, terminating, with an older
// handle) and invalid receipt handles. Time moves on the emulator's clock, never by sleeping.
import { expect, it } from 'vitest';
import { bodies, waitForPoll } from './a-support.ts';
import { recordedSuite } from './support.ts';

recordedSuite('visibility, first half', ({ sqs, create, receive, control }) => {
  const changeVisibility = (url: string, handle: string, seconds: number) =>
    sqs().call('ChangeMessageVisibility', {
      QueueUrl: url,
      ReceiptHandle: handle,
      VisibilityTimeout: seconds,
    });

  it('redelivers after the queue’s timeout with a new handle (test_receive_after_visibility_timeout)', async () => {
    const url = await create('after-timeout', { VisibilityTimeout: '1' });
    await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'foobar' });
    const [first] = await receive(url);
    expect(first).toBeDefined();
    expect(await receive(url)).toEqual([]);
    const poll = receive(url, { WaitTimeSeconds: 5 });
    await waitForPoll(control(), 'after-timeout');
    await control().advance(1_000);
    const [second] = await poll;
    expect(second?.ReceiptHandle).toBeDefined();
    expect(second!.ReceiptHandle).not.toBe(first!.ReceiptHandle);
  });

  it('makes a message receivable at once after a receive with timeout 0 (test_receive_terminate_visibility_timeout)', async () => {
    const url = await create('terminate');
    await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'foobar' });
    const [first] = await receive(url, { VisibilityTimeout: 0 });
    const [second] = await receive(url);
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(second!.ReceiptHandle).not.toBe(first!.ReceiptHandle);
    expect(await sqs().call('ReceiveMessage', { QueueUrl: url })).not.toHaveProperty('Messages');
  });

  it('extends the timeout even after it expired (test_extend_message_visibility_timeout_set_in_queue)', async () => {
    const url = await create('extend', { VisibilityTimeout: '2' });
    await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'test' });
    const [message] = await receive(url, { WaitTimeSeconds: 5 });
    for (let i = 0; i < 4; i++) {
      await control().advance(1_000);
      await changeVisibility(url, message!.ReceiptHandle, 2);
      expect(await receive(url)).toEqual([]);
    }
    const poll = receive(url, { WaitTimeSeconds: 5 });
    await waitForPoll(control(), 'extend');
    await control().advance(2_000);
    expect(bodies(await poll)).toEqual(['test']);
  });

  it('hides a message for the VisibilityTimeout of the receive (test_receive_message_with_visibility_timeout_updates_timeout)', async () => {
    const url = await create('receive-timeout');
    await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'test' });
    expect(await receive(url, { WaitTimeSeconds: 2, VisibilityTimeout: 0 })).toHaveLength(1);
    expect(await receive(url, { VisibilityTimeout: 3 })).toHaveLength(1);
    expect(await receive(url)).toEqual([]);
  });

  it('terminates the timeout with the handle of an earlier receive (test_terminate_visibility_timeout_after_receive)', async () => {
    const url = await create('terminate-older');
    await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'test' });
    const [first] = await receive(url, { WaitTimeSeconds: 2, VisibilityTimeout: 0 });
    expect(await receive(url, { VisibilityTimeout: 3 })).toHaveLength(1);
    await changeVisibility(url, first!.ReceiptHandle, 0);
    // The recorded wait is 1 s, shorter than the 3 s timeout: the message must already be visible.
    expect(await receive(url)).toHaveLength(1);
  });

  it('refuses a malformed receipt handle (test_invalid_receipt_handle_should_return_error_message)', async () => {
    const url = await create('invalid-handle');
    const failure = await sqs().fail('ChangeMessageVisibility', {
      QueueUrl: url,
      ReceiptHandle: 'INVALID',
      VisibilityTimeout: 60,
    });
    expect(failure.code).toBe('ReceiptHandleIsInvalid');
    expect(failure.message).toBe(
      'The input receipt handle "INVALID" is not a valid receipt handle.',
    );
  });

  it('deletes a message re-received after its timeout was terminated (test_delete_message_deletes_with_change_visibility_timeout)', async () => {
    const url = await create('delete-after-change');
    const { MessageId } = await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'test' });
    const [first] = await receive(url);
    expect(first!.MessageId).toBe(MessageId);
    expect(await sqs().call('ReceiveMessage', { QueueUrl: url })).not.toHaveProperty('Messages');
    await changeVisibility(url, first!.ReceiptHandle, 0);
    const [again] = await receive(url);
    expect(again!.MessageId).toBe(MessageId);
    await sqs().call('DeleteMessage', { QueueUrl: url, ReceiptHandle: again!.ReceiptHandle });
    expect(await sqs().call('ReceiveMessage', { QueueUrl: url })).not.toHaveProperty('Messages');
  });
});
