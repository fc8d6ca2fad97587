// A standard queue's receive order, driven through the engine on a manual clock: the earliest
// sent receivable message comes first, whether it was never received, delayed, or returned
// after its visibility timeout (as AWS answered in a recorded case), and a returned message
// hidden again, deleted or purged leaves that order at once.
import { describe, expect, it } from 'vitest';
import { receive, setup } from '../../support/sqs-engine.ts';

const bodies = async (engine: ReturnType<typeof setup>['engine'], max = 10) =>
  (await receive(engine, 'q', { MaxNumberOfMessages: max })).map((m) => m.Body);

describe('standard queue receive order', () => {
  it('hands out a message whose visibility ended before one sent after it', async () => {
    const { clock, engine } = setup();
    engine.createQueue('q', { VisibilityTimeout: '3' }, {});
    engine.sendMessage('q', { MessageBody: 'first' });
    await receive(engine, 'q');
    clock.advance(1_500);
    engine.sendMessage('q', { MessageBody: 'second' });
    clock.advance(3_000);
    expect(await bodies(engine, 1)).toEqual(['first']);
    expect(await bodies(engine, 1)).toEqual(['second']);
  });

  it('merges returned, delayed and fresh messages by send order', async () => {
    const { clock, engine } = setup();
    engine.createQueue('q', { VisibilityTimeout: '10' }, {});
    engine.sendMessage('q', { MessageBody: 'a' });
    engine.sendMessage('q', { MessageBody: 'b' });
    expect(await bodies(engine, 1)).toEqual(['a']);
    engine.sendMessage('q', { MessageBody: 'c', DelaySeconds: 5 });
    engine.sendMessage('q', { MessageBody: 'd' });
    clock.advance(10_000);
    expect(await bodies(engine)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('drops a returned message from the order when it is hidden again, deleted or purged', async () => {
    const { clock, engine } = setup();
    engine.createQueue('q', { VisibilityTimeout: '10' }, {});
    for (const body of ['a', 'b', 'c']) engine.sendMessage('q', { MessageBody: body });
    const taken = await receive(engine, 'q', { MaxNumberOfMessages: 3 });
    clock.advance(10_000);
    // All three are receivable again (counting them moves them to the returned order); none is
    // received before the changes below.
    expect(engine.getQueueAttributes('q', ['ApproximateNumberOfMessagesNotVisible'])).toEqual({
      ApproximateNumberOfMessagesNotVisible: '0',
    });
    engine.changeMessageVisibility('q', taken[0]!.ReceiptHandle, 30);
    engine.deleteMessage('q', taken[1]!.ReceiptHandle);
    expect(await bodies(engine)).toEqual(['c']);
    clock.advance(30_000);
    expect(await bodies(engine)).toEqual(['a', 'c']);
    clock.advance(10_000);
    engine.purgeQueue('q');
    clock.advance(10_000);
    expect(await bodies(engine)).toEqual([]);
    engine.sendMessage('q', { MessageBody: 'after' });
    expect(await bodies(engine)).toEqual(['after']);
  });
});
