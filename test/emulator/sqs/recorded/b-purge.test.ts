// Recorded: PurgeQueue — it removes visible, in-flight and delayed messages, forgets FIFO
// deduplication ids, lets later sends through, and refuses a second purge within 60 seconds.
import { expect, it } from 'vitest';
import { attributesOf } from './b-support.ts';
import { recordedSuite } from './support.ts';

recordedSuite('purge', ({ sqs, create, receive, control }) => {
  const send = (QueueUrl: string, MessageBody: string, extra: Record<string, unknown> = {}) =>
    sqs().call('SendMessage', { QueueUrl, MessageBody, ...extra });

  it('empties the queue and takes new messages after', async () => {
    const url = await create('purged');
    for (let i = 0; i < 3; i++) await send(url, `test-0-${i}`);
    const { ApproximateNumberOfMessages } = await attributesOf(sqs(), url, [
      'ApproximateNumberOfMessages',
    ]);
    expect(Number(ApproximateNumberOfMessages)).toBeGreaterThan(1);
    await sqs().call('PurgeQueue', { QueueUrl: url });
    expect(await receive(url)).toEqual([]);
    for (let i = 0; i < 3; i++) await send(url, `test-1-${i}`);
    const bodies = new Set<string>();
    for (let round = 0; round < 5 && bodies.size < 3; round++) {
      for (const m of await receive(url, { MaxNumberOfMessages: 10 })) bodies.add(m.Body);
    }
    expect(bodies).toEqual(new Set(['test-1-0', 'test-1-1', 'test-1-2']));
  });

  it('deletes in-flight messages: none comes back when their visibility ends', async () => {
    const url = await create('inflight');
    for (let i = 0; i < 10; i++) await send(url, `message-${i}`);
    expect(await receive(url, { VisibilityTimeout: 3, MaxNumberOfMessages: 5 })).not.toEqual([]);
    await sqs().call('PurgeQueue', { QueueUrl: url });
    await control().advance(3_000);
    expect(await receive(url, { MaxNumberOfMessages: 10 })).toEqual([]);
  });

  it('deletes delayed messages: none appears when the delay ends', async () => {
    const url = await create('delayed');
    for (let i = 0; i < 5; i++) await send(url, `message-${i}`, { DelaySeconds: 2 });
    await sqs().call('PurgeQueue', { QueueUrl: url });
    await control().advance(2_000);
    expect(await receive(url, { MaxNumberOfMessages: 10 })).toEqual([]);
  });

  it('forgets FIFO deduplication ids', async () => {
    const url = await create('dedup.fifo', { FifoQueue: 'true' });
    const ids = { MessageGroupId: 'fifo_group', MessageDeduplicationId: 'fifo_dedup' };
    await send(url, 'message-1', ids);
    await sqs().call('PurgeQueue', { QueueUrl: url });
    await send(url, 'message-2', ids);
    const messages = await receive(url);
    expect(messages.map((m) => m.Body)).toEqual(['message-2']);
  });

  it('refuses a second purge within 60 seconds with 403 PurgeQueueInProgress', async () => {
    const url = await create('twice');
    await sqs().call('PurgeQueue', { QueueUrl: url });
    expect(await sqs().fail('PurgeQueue', { QueueUrl: url })).toEqual({
      code: 'AWS.SimpleQueueService.PurgeQueueInProgress',
      status: 403,
      message: 'Only one PurgeQueue operation on twice is allowed every 60 seconds.',
    });
  });
});
