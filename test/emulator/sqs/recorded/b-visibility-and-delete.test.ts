// Recorded: visibility and deletion — a message comes back when its visibility ends, a change of
// visibility holds for one receive only, and what DeleteMessage / ChangeMessageVisibility answer
// to a garbage, an expired and a deleted receipt handle.
import { expect, it } from 'vitest';
import { attributesOf } from './b-support.ts';
import { recordedSuite } from './support.ts';

recordedSuite('visibility and delete', ({ sqs, create, receive, control }) => {
  const send = (QueueUrl: string, MessageBody: string) =>
    sqs().call('SendMessage', { QueueUrl, MessageBody });

  it('hands the in-flight message out again once its visibility ends', async () => {
    const url = await create('requeue');
    await send(url, 'test1');
    const [first] = await receive(url, { VisibilityTimeout: 3 });
    await control().advance(1_500);
    await send(url, 'test2');
    await control().advance(3_000);
    const [again] = await receive(url, { VisibilityTimeout: 3 });
    expect(again?.Body).toBe(first?.Body);
  });

  it('makes a message visible by a zero timeout for one receive, then hides it again', async () => {
    const url = await create('not-permanent');
    await send(url, 'test');
    const [message] = await receive(url);
    await sqs().call('ChangeMessageVisibility', {
      QueueUrl: url,
      ReceiptHandle: message!.ReceiptHandle,
      VisibilityTimeout: 0,
    });
    const [again] = await receive(url);
    expect(again?.MessageId).toBe(message!.MessageId);
    expect((await sqs().call('ReceiveMessage', { QueueUrl: url })).Messages).toBeUndefined();
  });

  it('deletes a message by a handle whose visibility has ended', async () => {
    const url = await create('old-handle');
    await send(url, 'test');
    const [message] = await receive(url, { VisibilityTimeout: 1 });
    await control().advance(2_000);
    await sqs().call('DeleteMessage', { QueueUrl: url, ReceiptHandle: message!.ReceiptHandle });
    expect(await attributesOf(sqs(), url, ['ApproximateNumberOfMessages'])).toEqual({
      ApproximateNumberOfMessages: '0',
    });
  });

  it('refuses a visibility change for a deleted message, quoting the handle', async () => {
    const url = await create('deleted');
    await send(url, 'foo');
    const [message] = await receive(url);
    const handle = message!.ReceiptHandle;
    await sqs().call('ChangeMessageVisibility', {
      QueueUrl: url,
      ReceiptHandle: handle,
      VisibilityTimeout: 42,
    });
    await sqs().call('DeleteMessage', { QueueUrl: url, ReceiptHandle: handle });
    expect(
      await sqs().fail('ChangeMessageVisibility', {
        QueueUrl: url,
        ReceiptHandle: handle,
        VisibilityTimeout: 42,
      }),
    ).toEqual({
      code: 'InvalidParameterValue',
      status: 400,
      message: `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    });
  });

  it('refuses a garbage receipt handle as ReceiptHandleIsInvalid', async () => {
    const url = await create('garbage');
    expect(
      await sqs().fail('DeleteMessage', { QueueUrl: url, ReceiptHandle: 'garbage' }),
    ).toMatchObject({
      code: 'ReceiptHandleIsInvalid',
      status: 400,
      message: 'The input receipt handle "garbage" is not a valid receipt handle.',
    });
  });

  it('accepts deleting by the same handle again and again', async () => {
    const url = await create('repeat');
    await send(url, 'foo');
    const [message] = await receive(url);
    for (let i = 0; i < 3; i++) {
      await sqs().call('DeleteMessage', { QueueUrl: url, ReceiptHandle: message!.ReceiptHandle });
    }
  });
});
