// Recorded: FIFO queues — order within a group, sequence numbers, the deduplication window (by
// explicit id or by content, across groups, after a delete), the ids a FIFO send must carry, and
// FifoQueue on SetQueueAttributes.
import { expect, it } from 'vitest';
import { recordedSuite } from './support.ts';

const ITEM = '{"foo": "bar"}';
const ITEM_MD5 = '94232c5b8fc9272f6f73a1e36eb68fcf';

recordedSuite('FIFO queues', ({ sqs, create, receive }) => {
  const fifo = (name: string, attributes: Record<string, string> = {}) =>
    create(`${name}.fifo`, { FifoQueue: 'true', ...attributes });
  const receiveRaw = (QueueUrl: string, extra: Record<string, unknown> = {}) =>
    sqs().call('ReceiveMessage', { QueueUrl, ...extra });

  it('refuses FifoQueue on a standard queue and false on a FIFO queue, takes true', async () => {
    const plain = await create('plain');
    expect(
      (
        await sqs().fail('SetQueueAttributes', {
          QueueUrl: plain,
          Attributes: { FifoQueue: 'true' },
        })
      ).code,
    ).toBe('InvalidAttributeName');
    const url = await fifo('typed');
    await sqs().call('SetQueueAttributes', { QueueUrl: url, Attributes: { FifoQueue: 'true' } });
    expect(
      (
        await sqs().fail('SetQueueAttributes', {
          QueueUrl: url,
          Attributes: { FifoQueue: 'false' },
        })
      ).code,
    ).toBe('InvalidAttributeValue');
  });

  it('hands out one group’s messages one receive at a time, in send order', async () => {
    const url = await fifo('ordered');
    const sent = [];
    for (let i = 0; i < 4; i++) {
      sent.push(
        await sqs().call('SendMessage', {
          QueueUrl: url,
          MessageBody: `message${i}`,
          MessageDeduplicationId: `deduplication${i}`,
          MessageGroupId: 'fifo_group',
        }),
      );
    }
    for (let i = 0; i < 4; i++) {
      const [message] = await receive(url);
      expect(message).toMatchObject({
        Body: `message${i}`,
        MD5OfBody: sent[i].MD5OfMessageBody,
        MessageId: sent[i].MessageId,
      });
      await sqs().call('DeleteMessage', { QueueUrl: url, ReceiptHandle: message!.ReceiptHandle });
    }
  });

  it('delivers a content-deduplicated body sent twice once', async () => {
    const url = await fifo('content', { ContentBasedDeduplication: 'true' });
    for (let i = 0; i < 2; i++) {
      await sqs().call('SendMessage', {
        QueueUrl: url,
        MessageBody: ITEM,
        MessageGroupId: 'group-1',
      });
    }
    const first = await receive(url, { MaxNumberOfMessages: 1 });
    expect(first.map((m) => m.Body)).toEqual([ITEM]);
    expect(await receive(url, { MaxNumberOfMessages: 1 })).toEqual([]);
  });

  for (const contentBased of [true, false]) {
    const how = contentBased ? 'by content' : 'by explicit id';
    const setup = async (name: string) => {
      const url = await fifo(name, contentBased ? { ContentBasedDeduplication: 'true' } : {});
      const send = (MessageGroupId: string) =>
        sqs().call('SendMessage', {
          QueueUrl: url,
          MessageBody: ITEM,
          MessageGroupId,
          ...(contentBased ? {} : { MessageDeduplicationId: 'dedup1' }),
        });
      return { url, send };
    };

    it(`drops a resend after the first copy was deleted (deduplication ${how})`, async () => {
      const { url, send } = await setup('after-delete');
      await send('group-1');
      const response = await receiveRaw(url);
      expect(response.Messages).toHaveLength(1);
      expect(Object.keys(response.Messages[0]).sort()).toEqual([
        'Body',
        'MD5OfBody',
        'MessageId',
        'ReceiptHandle',
      ]);
      expect(response.Messages[0]).toMatchObject({ Body: ITEM, MD5OfBody: ITEM_MD5 });
      await sqs().call('DeleteMessage', {
        QueueUrl: url,
        ReceiptHandle: response.Messages[0].ReceiptHandle,
      });
      await send('group-1');
      expect((await receiveRaw(url)).Messages).toBeUndefined();
    });

    it(`deduplicates across message groups (deduplication ${how})`, async () => {
      const { url, send } = await setup('across-groups');
      await send('group-1');
      await send('group-2');
      const first = await receiveRaw(url, { MaxNumberOfMessages: 1 });
      expect(first.Messages).toHaveLength(1);
      expect(first.Messages[0]).toMatchObject({ Body: ITEM, MD5OfBody: ITEM_MD5 });
      expect((await receiveRaw(url, { MaxNumberOfMessages: 1 })).Messages).toBeUndefined();
    });
  }

  it('answers a FIFO send with a sequence number and a standard send without', async () => {
    const url = await fifo('sequenced');
    const sent = await sqs().call('SendMessage', {
      QueueUrl: url,
      MessageBody: 'test',
      MessageGroupId: 'group',
      MessageDeduplicationId: 'dedup',
    });
    expect(sent.SequenceNumber).toMatch(/^\d+$/);
    const plain = await create('unsequenced');
    const standard = await sqs().call('SendMessage', { QueueUrl: plain, MessageBody: 'test' });
    expect(standard).not.toHaveProperty('SequenceNumber');
  });

  it('numbers a group’s messages in increasing order', async () => {
    const url = await fifo('increasing');
    const numbers: bigint[] = [];
    for (const i of [1, 2, 3]) {
      const sent = await sqs().call('SendMessage', {
        QueueUrl: url,
        MessageBody: `message-${i}`,
        MessageGroupId: 'group',
        MessageDeduplicationId: `m${i}`,
      });
      numbers.push(BigInt(sent.SequenceNumber));
    }
    expect(numbers[0]! < numbers[1]! && numbers[1]! < numbers[2]!).toBe(true);
  });

  it('refuses a send without deduplication id, and one without group id', async () => {
    const url = await fifo('ids');
    expect(
      (await sqs().fail('SendMessage', { QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g' }))
        .code,
    ).toBe('InvalidParameterValue');
    expect(
      (
        await sqs().fail('SendMessage', {
          QueueUrl: url,
          MessageBody: 'x',
          MessageDeduplicationId: 'd',
        })
      ).code,
    ).toBe('MissingParameter');
  });
});
