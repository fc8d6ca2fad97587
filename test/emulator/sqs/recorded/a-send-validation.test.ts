// Recorded: what SendMessage refuses — a message over the queue's MaximumMessageSize (body and
// attributes counted together) — and how a batch reports an entry with invalid characters.
// The recordings predate August 2025, when AWS raised the size limit from 256 KiB to 1 MiB: the
// cases check the recorded behaviour and wording at today's limit.
import { expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../../../src/emulator/sqs/domain/limits.ts';
import { SIZE_ATTRIBUTE, SIZE_ATTRIBUTE_BYTES } from './a-support.ts';
import { recordedSuite } from './support.ts';

recordedSuite('send validation, first half', ({ sqs, create, receive }) => {
  it('refuses a message one byte over the limit, attributes counted (test_send_oversized_message)', async () => {
    const url = await create('oversized');
    const failure = await sqs().fail('SendMessage', {
      QueueUrl: url,
      MessageBody: 'a'.repeat(MAX_MESSAGE_BYTES - SIZE_ATTRIBUTE_BYTES + 1),
      MessageAttributes: SIZE_ATTRIBUTE,
    });
    expect(failure).toEqual({
      code: 'InvalidParameterValue',
      status: 400,
      message: `One or more parameters are invalid. Reason: Message must be shorter than ${MAX_MESSAGE_BYTES} bytes.`,
    });
  });

  it('holds a lowered MaximumMessageSize (test_send_message_with_updated_maximum_message_size)', async () => {
    const url = await create('lowered');
    await sqs().call('SetQueueAttributes', {
      QueueUrl: url,
      Attributes: { MaximumMessageSize: '1024' },
    });
    await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'a'.repeat(1024) });
    const failure = await sqs().fail('SendMessage', {
      QueueUrl: url,
      MessageBody: 'a'.repeat(1024 - SIZE_ATTRIBUTE_BYTES + 1),
      MessageAttributes: SIZE_ATTRIBUTE,
    });
    expect(failure).toEqual({
      code: 'InvalidParameterValue',
      status: 400,
      message:
        'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.',
    });
  });

  it('fails only the batch entry with an invalid character (test_batch_send_with_invalid_char_should_succeed)', async () => {
    const url = await create('invalid-char');
    const entries = Array.from({ length: 9 }, (_, i) => ({ Id: `${i}`, MessageBody: `${i}` }));
    const result = await sqs().call('SendMessageBatch', {
      QueueUrl: url,
      Entries: [...entries, { Id: '9', MessageBody: '\x01' }],
    });
    expect(result.Failed).toHaveLength(1);
    expect(result.Failed[0]).toMatchObject({ Id: '9', Code: 'InvalidMessageContents' });
    const received = [
      ...(await receive(url, { MaxNumberOfMessages: 10 })),
      ...(await receive(url, { MaxNumberOfMessages: 10 })),
    ];
    expect(new Set(received.map((m) => m.Body))).toEqual(
      new Set(['0', '1', '2', '3', '4', '5', '6', '7', '8']),
    );
  });
});
