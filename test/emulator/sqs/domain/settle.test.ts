// The SQS domain driven directly (no HTTP) with a manual clock: DeleteMessage and
// ChangeMessageVisibility, receipt handles old, current and expired.
import { describe, expect, it } from 'vitest';
import { errorOf, receive, setup } from '../../support/sqs-engine.ts';

describe('visibility and receipt handles', () => {
  it('hides a received message until its visibility timeout passes, then redelivers with a new handle', async () => {
    const { clock, engine } = setup();
    engine.createQueue('q', { VisibilityTimeout: '30' }, {});
    engine.sendMessage('q', { MessageBody: 'hello' });
    const [first] = await receive(engine, 'q', { AttributeNames: ['All'] });
    expect(first?.Body).toBe('hello');
    expect(first?.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(await receive(engine, 'q')).toEqual([]);
    clock.advance(29_999);
    expect(await receive(engine, 'q')).toEqual([]);
    clock.advance(1);
    const [second] = await receive(engine, 'q', { AttributeNames: ['All'] });
    expect(second?.MessageId).toBe(first?.MessageId);
    expect(second?.ReceiptHandle).not.toBe(first?.ReceiptHandle);
    expect(second?.Attributes?.ApproximateReceiveCount).toBe('2');
    expect(second?.Attributes?.ApproximateFirstReceiveTimestamp).toBe(
      first?.Attributes?.ApproximateFirstReceiveTimestamp,
    );
  });

  it('deletes with the current handle; a used handle deletes again without error', async () => {
    const { engine } = setup();
    engine.createQueue('q', {}, {});
    engine.sendMessage('q', { MessageBody: 'x' });
    const [m] = await receive(engine, 'q');
    engine.deleteMessage('q', m!.ReceiptHandle);
    engine.deleteMessage('q', m!.ReceiptHandle);
    expect(engine.getQueueAttributes('q', ['ApproximateNumberOfMessagesNotVisible'])).toEqual({
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  });

  it('deletes with the handle of an expired, not re-received message (standard queue)', async () => {
    const { clock, engine } = setup();
    engine.createQueue('q', { VisibilityTimeout: '5' }, {});
    engine.sendMessage('q', { MessageBody: 'x' });
    const [m] = await receive(engine, 'q');
    clock.advance(6_000);
    engine.deleteMessage('q', m!.ReceiptHandle);
    expect(await receive(engine, 'q')).toEqual([]);
  });

  it('pinned: an older handle of a message received again answers success but does not delete', async () => {
    const { clock, engine } = setup();
    engine.createQueue('q', { VisibilityTimeout: '5' }, {});
    engine.sendMessage('q', { MessageBody: 'x' });
    const [old] = await receive(engine, 'q');
    clock.advance(5_000);
    const [current] = await receive(engine, 'q');
    engine.deleteMessage('q', old!.ReceiptHandle);
    expect(engine.inspectMessages('q')).toHaveLength(1);
    engine.deleteMessage('q', current!.ReceiptHandle);
    expect(engine.inspectMessages('q')).toHaveLength(0);
  });

  it('a handle from another queue deletes nothing there, and forged handles are invalid', async () => {
    const { engine } = setup();
    engine.createQueue('a', {}, {});
    engine.createQueue('b', {}, {});
    engine.sendMessage('a', { MessageBody: 'in a' });
    engine.sendMessage('b', { MessageBody: 'in b' });
    const [fromA] = await receive(engine, 'a');
    engine.deleteMessage('b', fromA!.ReceiptHandle);
    expect(engine.inspectMessages('a')).toHaveLength(1);
    expect(engine.inspectMessages('b')).toHaveLength(1);
    for (const forged of [
      Buffer.from('1:1:short').toString('base64'),
      Buffer.from(`1:1:${'z'.repeat(32)}`).toString('base64'),
      'A'.repeat(5000),
      '',
    ]) {
      expect(errorOf(() => engine.deleteMessage('a', forged)).code).toBe('ReceiptHandleIsInvalid');
    }
  });

  it('rejects a malformed handle with ReceiptHandleIsInvalid and AWS wording', () => {
    const { engine } = setup();
    engine.createQueue('q', {}, {});
    const error = errorOf(() => engine.deleteMessage('q', 'garbage'));
    expect(error.code).toBe('ReceiptHandleIsInvalid');
    expect(error.message).toBe('The input receipt handle "garbage" is not a valid receipt handle.');
  });

  it('ChangeMessageVisibility 0 makes the message receivable at once, and does not persist', async () => {
    const { clock, engine } = setup();
    engine.createQueue('q', { VisibilityTimeout: '30' }, {});
    engine.sendMessage('q', { MessageBody: 'x' });
    const [m] = await receive(engine, 'q');
    engine.changeMessageVisibility('q', m!.ReceiptHandle, 0);
    const [again] = await receive(engine, 'q');
    expect(again?.MessageId).toBe(m?.MessageId);
    clock.advance(29_000);
    expect(await receive(engine, 'q')).toEqual([]);
    clock.advance(1_000);
    expect(await receive(engine, 'q')).toHaveLength(1);
  });

  it('ChangeMessageVisibility extends the deadline, hides an expired message again, errors on deleted messages and bad values', async () => {
    const { clock, engine } = setup();
    engine.createQueue('q', { VisibilityTimeout: '10' }, {});
    engine.sendMessage('q', { MessageBody: 'x' });
    const [m] = await receive(engine, 'q');
    engine.changeMessageVisibility('q', m!.ReceiptHandle, 100);
    clock.advance(50_000);
    expect(await receive(engine, 'q')).toEqual([]);
    expect(errorOf(() => engine.changeMessageVisibility('q', m!.ReceiptHandle, 43_201)).code).toBe(
      'InvalidParameterValue',
    );
    expect(
      errorOf(() => engine.changeMessageVisibility('q', m!.ReceiptHandle, 43_200)).message,
    ).toContain('Total VisibilityTimeout for the message is beyond the limit [43200 seconds]');
    clock.advance(50_000);
    // Expired and not received again: AWS accepts the change and hides the message once more.
    engine.changeMessageVisibility('q', m!.ReceiptHandle, 5);
    expect(await receive(engine, 'q')).toEqual([]);
    expect(engine.getQueueAttributes('q', ['ApproximateNumberOfMessagesNotVisible'])).toEqual({
      ApproximateNumberOfMessagesNotVisible: '1',
    });
    clock.advance(5_000);
    const [again] = await receive(engine, 'q');
    engine.deleteMessage('q', again!.ReceiptHandle);
    const gone = errorOf(() => engine.changeMessageVisibility('q', again!.ReceiptHandle, 5));
    expect(gone.code).toBe('InvalidParameterValue');
    expect(gone.message).toContain(
      'Message does not exist or is not available for visibility timeout change.',
    );
  });

  it('per-receive VisibilityTimeout overrides the queue default for that receive only', async () => {
    const { clock, engine } = setup();
    engine.createQueue('q', { VisibilityTimeout: '30' }, {});
    engine.sendMessage('q', { MessageBody: 'x' });
    await receive(engine, 'q', { VisibilityTimeout: 2 });
    clock.advance(2_000);
    expect(await receive(engine, 'q')).toHaveLength(1);
    clock.advance(29_000);
    expect(await receive(engine, 'q')).toEqual([]);
  });
  it('ChangeMessageVisibility with an older handle changes the current receive (standard), not a FIFO one', async () => {
    const { engine } = setup();
    engine.createQueue('q', {}, {});
    engine.sendMessage('q', { MessageBody: 'x' });
    const [first] = await receive(engine, 'q', { VisibilityTimeout: 0 });
    expect(await receive(engine, 'q', { VisibilityTimeout: 3 })).toHaveLength(1);
    engine.changeMessageVisibility('q', first!.ReceiptHandle, 0);
    expect(await receive(engine, 'q')).toHaveLength(1);

    engine.createQueue('f.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' }, {});
    engine.sendMessage('f.fifo', { MessageBody: 'x', MessageGroupId: 'g' });
    const [older] = await receive(engine, 'f.fifo', { VisibilityTimeout: 0 });
    expect(await receive(engine, 'f.fifo', { VisibilityTimeout: 3 })).toHaveLength(1);
    engine.changeMessageVisibility('f.fifo', older!.ReceiptHandle, 0);
    expect(await receive(engine, 'f.fifo')).toEqual([]);
  });
});
