// Recorded: the batch actions — SendMessageBatch, DeleteMessageBatch and
// ChangeMessageVisibilityBatch — their limits (entry count, entry ids, total size) and the FIFO
// batch that lacks a group or deduplication id. The size recordings predate August 2025, when
// AWS raised the limit from 256 KiB to 1 MiB: the cases check the recorded wording at today's limit.
import { expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../../../src/emulator/sqs/domain/limits.ts';
import { batchEntries, bodies, SIZE_ATTRIBUTE, SIZE_ATTRIBUTE_BYTES } from './a-support.ts';
import { recordedSuite } from './support.ts';

const INVALID_ID =
  'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.';

recordedSuite('batches, first half', ({ sqs, create, receive }) => {
  /** Sends 20 messages and receives them all, as the recorded too-large-batch cases do. */
  const twentyReceived = async (url: string) => {
    for (let i = 0; i < 2; i++) {
      const sent = await sqs().call('SendMessageBatch', {
        QueueUrl: url,
        Entries: batchEntries(10),
      });
      expect(sent.Successful).toHaveLength(10);
    }
    const received = [];
    while (received.length < 20) {
      const batch = await receive(url, { MaxNumberOfMessages: 10 });
      expect(batch.length).toBeGreaterThan(0);
      received.push(...batch);
    }
    return received;
  };

  it('sends a batch received one message at a time (test_send_message_batch)', async () => {
    const url = await create('batch');
    await sqs().call('SendMessageBatch', {
      QueueUrl: url,
      Entries: [
        { Id: '1', MessageBody: 'message-0' },
        { Id: '2', MessageBody: 'message-1' },
      ],
    });
    expect(bodies(await receive(url))).toEqual(['message-0']);
    expect(bodies(await receive(url))).toEqual(['message-1']);
    expect(await receive(url)).toEqual([]);
  });

  it('receives a batch and a single send together (test_send_batch_receive_multiple)', async () => {
    const url = await create('batch-multiple');
    await sqs().call('SendMessageBatch', {
      QueueUrl: url,
      Entries: [
        { Id: '1', MessageBody: 'message-0' },
        { Id: '2', MessageBody: 'message-1' },
      ],
    });
    await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'message-2' });
    const received = [];
    for (let i = 0; i < 3 && received.length < 3; i++) {
      received.push(...(await receive(url, { MaxNumberOfMessages: 3 })));
    }
    expect(new Set(bodies(received))).toEqual(new Set(['message-0', 'message-1', 'message-2']));
  });

  it('refuses an empty batch (test_send_message_batch_with_empty_list)', async () => {
    const url = await create('batch-empty');
    const failure = await sqs().fail('SendMessageBatch', { QueueUrl: url, Entries: [] });
    expect(failure.code).toContain('EmptyBatchRequest');
    expect([400, 404]).toContain(failure.status);
  });

  it('refuses a batch one byte over the limit (test_send_message_batch_with_oversized_contents)', async () => {
    const url = await create('batch-oversized');
    const failure = await sqs().fail('SendMessageBatch', {
      QueueUrl: url,
      Entries: [
        {
          Id: '1',
          MessageBody: 'a'.repeat(MAX_MESSAGE_BYTES - SIZE_ATTRIBUTE_BYTES),
          MessageAttributes: SIZE_ATTRIBUTE,
        },
        { Id: '2', MessageBody: 'a' },
      ],
    });
    expect(failure).toEqual({
      code: 'AWS.SimpleQueueService.BatchRequestTooLong',
      status: 400,
      message: `Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes. You have sent ${MAX_MESSAGE_BYTES + 1} bytes.`,
    });
  });

  it('sends a batch over a lowered MaximumMessageSize when each entry fits (test_send_message_batch_with_oversized_contents_with_updated_maximum_message_size)', async () => {
    const url = await create('batch-lowered');
    await sqs().call('SetQueueAttributes', {
      QueueUrl: url,
      Attributes: { MaximumMessageSize: '2048' },
    });
    const result = await sqs().call('SendMessageBatch', {
      QueueUrl: url,
      Entries: [
        {
          Id: '1',
          MessageBody: 'a'.repeat(2048 - SIZE_ATTRIBUTE_BYTES),
          MessageAttributes: SIZE_ATTRIBUTE,
        },
        { Id: '2', MessageBody: 'a' },
      ],
    });
    expect(result.Successful).toEqual([
      {
        Id: '1',
        MD5OfMessageAttributes: 'a45daa70926828a2f0a1db3418e6feb4',
        MD5OfMessageBody: 'f44facf5a7ee0af446ecf3e0f854441e',
        MessageId: expect.any(String),
      },
      {
        Id: '2',
        MD5OfMessageBody: '0cc175b9c0f1b6a831c399e269772661',
        MessageId: expect.any(String),
      },
    ]);
    expect(result.Failed ?? []).toEqual([]);
  });

  it('refuses 20 entries in a send batch (test_too_many_entries_in_batch_request)', async () => {
    const url = await create('batch-too-many');
    const failure = await sqs().fail('SendMessageBatch', {
      QueueUrl: url,
      Entries: batchEntries(20),
    });
    expect(failure).toEqual({
      code: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      status: 400,
      message: 'Maximum number of entries per request are 10. You have sent 20.',
    });
  });

  it('refuses an entry id with a colon (test_invalid_batch_id)', async () => {
    const url = await create('batch-bad-id');
    const failure = await sqs().fail('SendMessageBatch', {
      QueueUrl: url,
      Entries: [{ Id: 'message:abc123', MessageBody: 'messageBody-abc123' }],
    });
    expect(failure).toEqual({
      code: 'AWS.SimpleQueueService.InvalidBatchEntryId',
      status: 400,
      message: INVALID_ID,
    });
  });

  /** The recorded FIFO batch: one complete entry, then `second` (an entry missing an id). */
  const fifoBatchFailure = async (second: Record<string, string>) => {
    const url = await create('batch-ids.fifo', {
      FifoQueue: 'true',
      ContentBasedDeduplication: 'false',
    });
    const complete = { MessageGroupId: 'test-group', MessageDeduplicationId: 'dedup-1' };
    return sqs().fail('SendMessageBatch', {
      QueueUrl: url,
      Entries: [
        { Id: 'm1', MessageBody: 'messageBody', ...complete },
        { Id: 'm2', MessageBody: 'messageBody', ...second },
      ],
    });
  };

  it('refuses a FIFO batch with an entry lacking its deduplication id (test_send_batch_missing_deduplication_id_for_fifo_queue)', async () => {
    expect(await fifoBatchFailure({ MessageGroupId: 'test-group' })).toEqual({
      code: 'InvalidParameterValue',
      status: 400,
      message:
        'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    });
  });

  it('refuses a FIFO batch with an entry lacking its group id (test_send_batch_missing_message_group_id_for_fifo_queue)', async () => {
    expect(await fifoBatchFailure({ MessageDeduplicationId: 'dedup-2' })).toEqual({
      code: 'InvalidParameterValue',
      status: 400,
      message: 'The request must contain the parameter MessageGroupId.',
    });
  });

  it('sends, receives and deletes ten messages in batches (test_publish_get_delete_message_batch)', async () => {
    const url = await create('batch-lifecycle');
    const sent = await sqs().call('SendMessageBatch', { QueueUrl: url, Entries: batchEntries(10) });
    expect(sent.Successful).toHaveLength(10);
    const received = [];
    for (let i = 0; i < 10 && received.length < 10; i++) {
      received.push(...(await receive(url, { MaxNumberOfMessages: 10 })));
    }
    expect(new Set(received.map((m) => m.MessageId))).toEqual(
      new Set(sent.Successful.map((e: { MessageId: string }) => e.MessageId)),
    );
    await sqs().call('DeleteMessageBatch', {
      QueueUrl: url,
      Entries: received.map((m) => ({ Id: m.MessageId, ReceiptHandle: m.ReceiptHandle })),
    });
    expect(
      await sqs().call('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10 }),
    ).not.toHaveProperty('Messages');
  });

  for (const [label, id] of [
    ['an empty id', ''],
    ['a 100-character id', 'testLongId'.repeat(10)],
    ['an id with a colon', 'invalid:id'],
  ] as const) {
    it(`refuses ${label} in a delete batch (test_delete_message_batch_invalid_msg_id)`, async () => {
      const url = await create('delete-bad-id');
      const failure = await sqs().fail('DeleteMessageBatch', {
        QueueUrl: url,
        Entries: [{ Id: id, ReceiptHandle: 'testHandle1' }],
      });
      expect(failure).toEqual({
        code: 'AWS.SimpleQueueService.InvalidBatchEntryId',
        status: 400,
        message: INVALID_ID,
      });
    });
  }

  it('refuses 20 entries in a delete batch (test_delete_message_batch_with_too_large_batch)', async () => {
    const url = await create('delete-too-many');
    const received = await twentyReceived(url);
    const failure = await sqs().fail('DeleteMessageBatch', {
      QueueUrl: url,
      Entries: received.map((m, i) => ({ Id: `${i}`, ReceiptHandle: m.ReceiptHandle })),
    });
    expect(failure).toEqual({
      code: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      status: 400,
      message: 'Maximum number of entries per request are 10. You have sent 20.',
    });
  });

  it('refuses 20 entries in a visibility batch (test_change_message_visibility_batch_with_too_large_batch)', async () => {
    const url = await create('visibility-too-many');
    const received = await twentyReceived(url);
    const failure = await sqs().fail('ChangeMessageVisibilityBatch', {
      QueueUrl: url,
      Entries: received.map((m, i) => ({
        Id: `${i}`,
        ReceiptHandle: m.ReceiptHandle,
        VisibilityTimeout: 123,
      })),
    });
    expect(failure).toEqual({
      code: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      status: 400,
      message: 'Maximum number of entries per request are 10. You have sent 20.',
    });
  });
});
