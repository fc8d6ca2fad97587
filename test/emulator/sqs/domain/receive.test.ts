// The SQS domain driven directly (no HTTP) with a manual clock: ReceiveMessage, long polls, the
// in-flight limit, delays, retention, receive limits and dead-letter redrive.
import { describe, expect, it } from 'vitest';
import { errorOf, receive, setup } from '../../support/sqs-engine.ts';

describe('long polling', () => {
  it('answers a parked poll the moment a message is sent', async () => {
    const { engine } = setup();
    engine.createQueue('q', {}, {});
    const poll = engine.receiveMessage('q', { WaitTimeSeconds: 20 });
    expect(engine.waitingPolls('q')).toBe(1);
    engine.sendMessage('q', { MessageBody: 'now' });
    const messages = await poll;
    expect(messages.map((m) => m.Body)).toEqual(['now']);
    expect(engine.waitingPolls('q')).toBe(0);
  });

  it('wakes when a delay ends and when a visibility timeout expires, not at the end of the wait', async () => {
    const { clock, engine } = setup();
    engine.createQueue('q', { VisibilityTimeout: '7' }, {});
    engine.sendMessage('q', { MessageBody: 'later', DelaySeconds: 3 });
    const delayed = engine.receiveMessage('q', { WaitTimeSeconds: 20 });
    clock.advance(3_000);
    const [m] = await delayed;
    expect(m?.Body).toBe('later');
    const expiring = engine.receiveMessage('q', { WaitTimeSeconds: 20 });
    clock.advance(6_999);
    await Promise.resolve();
    expect(engine.waitingPolls('q')).toBe(1);
    clock.advance(1);
    expect((await expiring).map((x) => x.MessageId)).toEqual([m?.MessageId]);
  });

  it('answers empty when the wait time passes', async () => {
    const { clock, engine } = setup();
    engine.createQueue('q', { ReceiveMessageWaitTimeSeconds: '5' }, {});
    const poll = engine.receiveMessage('q', {});
    clock.advance(5_000);
    expect(await poll).toEqual([]);
  });

  it('serves parked polls in arrival order, each getting its own messages', async () => {
    const { engine } = setup();
    engine.createQueue('q', {}, {});
    const a = engine.receiveMessage('q', { WaitTimeSeconds: 20 });
    const b = engine.receiveMessage('q', { WaitTimeSeconds: 20 });
    engine.sendMessage('q', { MessageBody: '1' });
    engine.sendMessage('q', { MessageBody: '2' });
    expect((await a).map((m) => m.Body)).toEqual(['1']);
    expect((await b).map((m) => m.Body)).toEqual(['2']);
  });

  it('keeps one wake-up timer per queue however many messages are in flight', async () => {
    const { clock, engine } = setup();
    engine.createQueue('q', { VisibilityTimeout: '10' }, {});
    for (let i = 0; i < 500; i++) engine.sendMessage('q', { MessageBody: `m${i}` });
    for (let i = 0; i < 50; i++) await receive(engine, 'q', { MaxNumberOfMessages: 10 });
    const poll = engine.receiveMessage('q', { WaitTimeSeconds: 20 });
    // one wake-up timer for the queue + one for the poll's own deadline
    expect(clock.pendingTimers()).toBe(2);
    clock.advance(10_000);
    expect(await poll).toHaveLength(1);
  });

  it('an aborted poll leaves and takes nothing', async () => {
    const { engine } = setup();
    engine.createQueue('q', {}, {});
    const abort = new AbortController();
    const poll = engine.receiveMessage('q', { WaitTimeSeconds: 20 }, abort.signal);
    abort.abort();
    expect(await poll).toEqual([]);
    engine.sendMessage('q', { MessageBody: 'kept' });
    expect(await receive(engine, 'q')).toHaveLength(1);
  });

  it('deleting the queue answers its parked polls empty', async () => {
    const { engine } = setup();
    engine.createQueue('q', {}, {});
    const poll = engine.receiveMessage('q', { WaitTimeSeconds: 20 });
    engine.deleteQueue('q');
    expect(await poll).toEqual([]);
  });
});

describe('in-flight limit', () => {
  it('refuses short polls with OverLimit at the limit and frees room on delete or expiry', async () => {
    const { clock, engine } = setup({}, 3);
    engine.createQueue('q', { VisibilityTimeout: '10' }, {});
    for (let i = 0; i < 5; i++) engine.sendMessage('q', { MessageBody: `${i}` });
    const taken = await receive(engine, 'q', { MaxNumberOfMessages: 10 });
    expect(taken).toHaveLength(3);
    const error = errorOf(() => engine.receiveMessage('q', { WaitTimeSeconds: 0 }));
    expect(error.code).toBe('OverLimit');
    expect(error.message).toContain('3 messages in flight');
    engine.deleteMessage('q', taken[0]!.ReceiptHandle);
    expect(await receive(engine, 'q', { MaxNumberOfMessages: 10 })).toHaveLength(1);
    clock.advance(10_000);
    expect(await receive(engine, 'q', { MaxNumberOfMessages: 10 })).toHaveLength(3);
  });

  it('parks a long poll at the limit until a delete makes room', async () => {
    const { engine } = setup({}, 1);
    engine.createQueue('q', {}, {});
    engine.sendMessage('q', { MessageBody: 'a' });
    engine.sendMessage('q', { MessageBody: 'b' });
    const [a] = await receive(engine, 'q');
    const poll = engine.receiveMessage('q', { WaitTimeSeconds: 20 });
    expect(engine.waitingPolls('q')).toBe(1);
    engine.deleteMessage('q', a!.ReceiptHandle);
    expect((await poll).map((m) => m.Body)).toEqual(['b']);
  });
});

describe('delays, retention and receive limits', () => {
  it('applies the queue delay and the per-message delay', async () => {
    const { clock, engine } = setup();
    engine.createQueue('q', { DelaySeconds: '10' }, {});
    engine.sendMessage('q', { MessageBody: 'queue-delay' });
    engine.sendMessage('q', { MessageBody: 'no-delay', DelaySeconds: 0 });
    expect(engine.getQueueAttributes('q', ['ApproximateNumberOfMessagesDelayed'])).toEqual({
      ApproximateNumberOfMessagesDelayed: '1',
    });
    expect((await receive(engine, 'q')).map((m) => m.Body)).toEqual(['no-delay']);
    clock.advance(10_000);
    expect((await receive(engine, 'q')).map((m) => m.Body)).toEqual(['queue-delay']);
  });

  it('drops messages older than the retention period', async () => {
    const { clock, engine } = setup();
    engine.createQueue('q', { MessageRetentionPeriod: '60' }, {});
    engine.sendMessage('q', { MessageBody: 'old' });
    clock.advance(60_000);
    expect(await receive(engine, 'q')).toEqual([]);
    expect(engine.inspectMessages('q')).toEqual([]);
  });

  it('validates MaxNumberOfMessages, WaitTimeSeconds and VisibilityTimeout with AWS wording', () => {
    const { engine } = setup();
    engine.createQueue('q', {}, {});
    expect(errorOf(() => engine.receiveMessage('q', { MaxNumberOfMessages: 11 })).message).toBe(
      'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
    );
    expect(errorOf(() => engine.receiveMessage('q', { WaitTimeSeconds: 21 })).message).toBe(
      'Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.',
    );
    expect(errorOf(() => engine.receiveMessage('q', { VisibilityTimeout: -1 })).code).toBe(
      'InvalidParameterValue',
    );
  });

  it('returns at most MaxNumberOfMessages', async () => {
    const { engine } = setup();
    engine.createQueue('q', {}, {});
    for (let i = 0; i < 15; i++) engine.sendMessage('q', { MessageBody: `${i}` });
    expect(await receive(engine, 'q', { MaxNumberOfMessages: 10 })).toHaveLength(10);
    expect(await receive(engine, 'q', { MaxNumberOfMessages: 10 })).toHaveLength(5);
  });
});

describe('dead-letter queues', () => {
  function withDlq(maxReceiveCount: number | string) {
    const ctx = setup();
    const dlq = ctx.engine.createQueue('dlq', {}, {});
    ctx.engine.createQueue(
      'src',
      {
        VisibilityTimeout: '1',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount }),
      },
      {},
    );
    return ctx;
  }

  it('moves the message on the receive that would be number maxReceiveCount + 1', async () => {
    const { clock, engine } = withDlq('3');
    const sent = engine.sendMessage('src', {
      MessageBody: 'poison',
      MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } },
    });
    for (let i = 1; i <= 3; i++) {
      const [m] = await receive(engine, 'src');
      expect(m?.MessageId).toBe(sent.MessageId);
      clock.advance(1_000);
    }
    expect(await receive(engine, 'src')).toEqual([]);
    const [dead] = await receive(engine, 'dlq', {
      AttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    });
    expect(dead?.MessageId).toBe(sent.MessageId);
    expect(dead?.Body).toBe('poison');
    expect(dead?.MessageAttributes).toEqual({ k: { DataType: 'String', StringValue: 'v' } });
    expect(dead?.Attributes?.DeadLetterQueueSourceArn).toBe(
      'arn:aws:sqs:eu-west-1:000000000000:src',
    );
    // kept count (3), plus this receive on the DLQ
    expect(dead?.Attributes?.ApproximateReceiveCount).toBe('4');
  });

  it('wakes a poll parked on the DLQ when a message is moved there', async () => {
    const { clock, engine } = withDlq(1);
    engine.sendMessage('src', { MessageBody: 'p' });
    await receive(engine, 'src');
    const dlqPoll = engine.receiveMessage('dlq', { WaitTimeSeconds: 20 });
    clock.advance(1_000);
    expect(await receive(engine, 'src')).toEqual([]);
    expect((await dlqPoll).map((m) => m.Body)).toEqual(['p']);
  });

  it('validates redrive policies and lists source queues', () => {
    const { engine } = withDlq(5);
    expect(engine.listDeadLetterSourceQueues('dlq')).toEqual(['src']);
    const policy = (count: unknown, arn = 'arn:aws:sqs:eu-west-1:000000000000:dlq') =>
      JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: count });
    expect(
      errorOf(() => engine.createQueue('a', { RedrivePolicy: policy(0) }, {})).message,
    ).toContain('valid values are from 1 to 1000');
    expect(errorOf(() => engine.createQueue('a', { RedrivePolicy: 'nope' }, {})).code).toBe(
      'InvalidParameterValue',
    );
    for (const raw of ['nope', '[1]', 'null']) {
      expect(errorOf(() => engine.createQueue('a', { RedrivePolicy: raw }, {})).message).toContain(
        'Redrive policy is not a valid JSON map.',
      );
      expect(
        errorOf(() => engine.setQueueAttributes('dlq', { RedriveAllowPolicy: raw })).message,
      ).toContain('Redrive allow policy is not a valid JSON map.');
    }
    expect(
      errorOf(() =>
        engine.createQueue(
          'a',
          { RedrivePolicy: policy(1, 'arn:aws:sqs:eu-west-1:000000000000:none') },
          {},
        ),
      ).message,
    ).toContain('Dead-letter target does not exist.');
    engine.setQueueAttributes('src', { RedrivePolicy: '' });
    expect(engine.listDeadLetterSourceQueues('dlq')).toEqual([]);
    engine.setQueueAttributes('dlq', {
      RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'denyAll' }),
    });
    expect(
      errorOf(() => engine.setQueueAttributes('src', { RedrivePolicy: policy(2) })).message,
    ).toContain('RedriveAllowPolicy');
    expect(
      errorOf(() =>
        engine.setQueueAttributes('dlq', {
          RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue' }),
        }),
      ).code,
    ).toBe('InvalidParameterValue');
  });
});

describe('FIFO group order', () => {
  const sendTo = (engine: ReturnType<typeof setup>['engine'], group: string, body: string) =>
    engine.sendMessage('q.fifo', { MessageBody: body, MessageGroupId: group });

  it('takes groups in the order their oldest message became receivable, returns last', async () => {
    const { clock, engine } = setup();
    engine.createQueue('q.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' }, {});
    for (const [group, body] of [
      ['a', 'a1'],
      ['b', 'b1'],
      ['a', 'a2'],
      ['c', 'c1'],
    ] as const) {
      sendTo(engine, group, body);
    }
    // a and b come back at once (timeout 0): c, never received, has waited longer.
    const first = await receive(engine, 'q.fifo', { MaxNumberOfMessages: 3, VisibilityTimeout: 0 });
    expect(first.map((m) => m.Body)).toEqual(['a1', 'a2', 'b1']);
    const again = await receive(engine, 'q.fifo', {
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 0,
    });
    expect(again.map((m) => m.Body)).toEqual(['c1', 'a1', 'a2', 'b1']);
    // A message sent after a return is ordered after it, even within one millisecond.
    sendTo(engine, 'd', 'd1');
    clock.advance(1);
    const last = await receive(engine, 'q.fifo', { MaxNumberOfMessages: 10 });
    expect(last.map((m) => m.Body)).toEqual(['c1', 'a1', 'a2', 'b1', 'd1']);
  });

  it('follows only as many groups as one receive can use, however many there are', async () => {
    const { engine } = setup();
    engine.createQueue('q.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' }, {});
    for (let i = 0; i < 50; i++) sendTo(engine, `g${i}`, `m${i}`);
    const [head] = await receive(engine, 'q.fifo', { VisibilityTimeout: 0 });
    expect(head?.Body).toBe('m0');
    const taken = await receive(engine, 'q.fifo', { MaxNumberOfMessages: 10 });
    expect(taken.map((m) => m.Body)).toEqual([
      'm1',
      'm2',
      'm3',
      'm4',
      'm5',
      'm6',
      'm7',
      'm8',
      'm9',
      'm10',
    ]);
    const rest = await receive(engine, 'q.fifo', { MaxNumberOfMessages: 10 });
    expect(rest.map((m) => m.Body)).toEqual([
      'm11',
      'm12',
      'm13',
      'm14',
      'm15',
      'm16',
      'm17',
      'm18',
      'm19',
      'm20',
    ]);
  });

  it('keeps that order with thousands of one-message groups, returns and an old dead-letter copy', async () => {
    const { clock, engine } = setup();
    const fifo = { FifoQueue: 'true', ContentBasedDeduplication: 'true' };
    const dlq = engine.createQueue('q.fifo', fifo, {});
    const redrive = JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 });
    engine.createQueue('src.fifo', { ...fifo, RedrivePolicy: redrive }, {});
    engine.sendMessage('src.fifo', { MessageBody: 'old', MessageGroupId: 'late' });
    // All in one millisecond: only send order (keys) and return stamps tell them apart.
    sendTo(engine, 'multi', 'x1');
    const groups = Array.from({ length: 2000 }, (_, i) => `g${i}`);
    for (const group of groups) sendTo(engine, group, group);
    sendTo(engine, 'multi', 'x2');
    const bodies = async (extra: Record<string, unknown> = {}) =>
      (await receive(engine, 'q.fifo', { MaxNumberOfMessages: 10, ...extra })).map((m) => m.Body);
    expect(await bodies({ VisibilityTimeout: 0 })).toEqual(['x1', 'x2', ...groups.slice(0, 8)]);
    // The returned groups queue behind every group that waited longer, however far down.
    expect(await bodies({ VisibilityTimeout: 0 })).toEqual(groups.slice(8, 18));
    clock.advance(1);
    await receive(engine, 'src.fifo', { VisibilityTimeout: 0 });
    await receive(engine, 'src.fifo', {});
    // A dead-letter copy keeps its old send time but became receivable only now: last.
    expect(engine.inspectMessages('q.fifo').at(-1)?.body).toBe('old');
    const order: string[] = [];
    for (;;) {
      const taken = await receive(engine, 'q.fifo', { MaxNumberOfMessages: 10 });
      if (taken.length === 0) break;
      for (const m of taken) {
        order.push(m.Body!);
        engine.deleteMessage('q.fifo', m.ReceiptHandle!);
      }
    }
    expect(order).toEqual([
      ...groups.slice(18),
      'x1',
      'x2',
      ...groups.slice(0, 8),
      ...groups.slice(8, 18),
      'old',
    ]);
  });
});
