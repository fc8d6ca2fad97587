// The SQS domain driven directly (no HTTP) with a manual clock: visibility, receipt handles, long
// polling, delays, retention, attributes, DLQ redrive, purge, queue lifecycle, FIFO.
import { describe, expect, it } from 'vitest';
import { SqsEngine } from '../../../src/emulator/sqs/engine.ts';
import { SqsError } from '../../../src/emulator/sqs/errors.ts';
import { randomIds } from '../../../src/kernel/ids.ts';
import { seededRandom } from '../../../src/kernel/random.ts';
import { manualClock } from '../../../src/kernel/virtual-clock.ts';

function setup(settings: { allowRepeatedPurge?: boolean } = {}, maxInFlight?: number) {
  const clock = manualClock(Date.UTC(2026, 0, 1));
  const engine = new SqsEngine({
    clock,
    ids: randomIds(seededRandom(7)),
    region: 'eu-west-1',
    settings,
    ...(maxInFlight !== undefined ? { maxInFlight } : {}),
  });
  return { clock, engine };
}

function errorOf(fn: () => unknown): SqsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SqsError) return error;
    throw error;
  }
  throw new Error('expected an SqsError');
}

const receive = (engine: SqsEngine, queue: string, extra: Record<string, unknown> = {}) =>
  engine.receiveMessage(queue, { WaitTimeSeconds: 0, ...extra });

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

  it('ChangeMessageVisibility extends the deadline; errors on deleted messages, bad values and expired ones', async () => {
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
    expect(errorOf(() => engine.changeMessageVisibility('q', m!.ReceiptHandle, 5)).code).toBe(
      'MessageNotInflight',
    );
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
});

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

describe('sending', () => {
  it('computes MD5OfMessageAttributes as AWS documents', () => {
    const { engine } = setup();
    engine.createQueue('q', {}, {});
    const result = engine.sendMessage('q', {
      MessageBody: 'x',
      MessageAttributes: { MyAttribute: { DataType: 'String', StringValue: 'foobar' } },
    });
    expect(result.MD5OfMessageAttributes).toBe('adb59cd4678ea5a855436b949cd07ab6');
    expect(result.MD5OfMessageBody).toBe('9dd4e461268c8034f5c8564e155c67a6');
  });

  it('enforces the size limit including attributes, with the queue maximum in the message', () => {
    const { engine } = setup();
    engine.createQueue('q', { MaximumMessageSize: '1024' }, {});
    engine.sendMessage('q', { MessageBody: 'a'.repeat(1024) });
    const error = errorOf(() =>
      engine.sendMessage('q', {
        MessageBody: 'a'.repeat(1000),
        MessageAttributes: { n: { DataType: 'String', StringValue: 'b'.repeat(100) } },
      }),
    );
    expect(error.message).toBe(
      'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.',
    );
  });

  it('rejects bad bodies and attributes with specific errors', () => {
    const { engine } = setup();
    engine.createQueue('q', {}, {});
    expect(errorOf(() => engine.sendMessage('q', { MessageBody: '' })).code).toBe(
      'MissingParameter',
    );
    expect(errorOf(() => engine.sendMessage('q', { MessageBody: 'a\u0000b' })).code).toBe(
      'InvalidMessageContents',
    );
    const tooMany = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]),
    );
    expect(
      errorOf(() => engine.sendMessage('q', { MessageBody: 'x', MessageAttributes: tooMany }))
        .message,
    ).toContain('Number of message attributes [11] exceeds the allowed maximum [10].');
    const empty = { e: { DataType: 'String', StringValue: '' } };
    expect(
      errorOf(() => engine.sendMessage('q', { MessageBody: 'x', MessageAttributes: empty })).code,
    ).toBe('InvalidParameterValue');
    const badNumber = { n: { DataType: 'Number', StringValue: 'twelve' } };
    expect(
      errorOf(() => engine.sendMessage('q', { MessageBody: 'x', MessageAttributes: badNumber }))
        .message,
    ).toContain("Can't cast the value of message (user) attribute 'n' to a number.");
    const badType = { t: { DataType: 'Text', StringValue: 'x' } };
    expect(
      errorOf(() => engine.sendMessage('q', { MessageBody: 'x', MessageAttributes: badType }))
        .message,
    ).toContain('supported type prefixes: Binary, Number, String');
    const reserved = { 'AWS.x': { DataType: 'String', StringValue: 'x' } };
    expect(
      errorOf(() => engine.sendMessage('q', { MessageBody: 'x', MessageAttributes: reserved }))
        .code,
    ).toBe('InvalidParameterValue');
    expect(
      errorOf(() => engine.sendMessage('q', { MessageBody: 'x', DelaySeconds: 901 })).code,
    ).toBe('InvalidParameterValue');
  });

  it('returns AWSTraceHeader and custom-typed attributes on receive', async () => {
    const { engine } = setup();
    engine.createQueue('q', {}, {});
    const sent = engine.sendMessage('q', {
      MessageBody: 'x',
      MessageAttributes: {
        'count.a': { DataType: 'Number.int', StringValue: '42' },
        other: { DataType: 'String', StringValue: 'y' },
      },
      MessageSystemAttributes: {
        AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' },
      },
    });
    expect(sent.MD5OfMessageSystemAttributes).toMatch(/^[0-9a-f]{32}$/);
    const [m] = await receive(engine, 'q', {
      MessageSystemAttributeNames: ['AWSTraceHeader'],
      MessageAttributeNames: ['count.*'],
    });
    expect(m?.Attributes).toEqual({ AWSTraceHeader: 'Root=1-abc' });
    expect(Object.keys(m?.MessageAttributes ?? {})).toEqual(['count.a']);
    expect(m?.MD5OfMessageAttributes).not.toBe(sent.MD5OfMessageAttributes);
  });
});

describe('queue lifecycle and attributes', () => {
  it('CreateQueue is idempotent for equal attributes and fails on different ones', () => {
    const { engine } = setup();
    engine.createQueue('q', { VisibilityTimeout: '40' }, {});
    expect(engine.createQueue('q', { VisibilityTimeout: '40' }, {}).name).toBe('q');
    expect(engine.createQueue('q', {}, {}).name).toBe('q');
    const error = errorOf(() => engine.createQueue('q', { VisibilityTimeout: '41' }, {}));
    expect(error.code).toBe('QueueNameExists');
  });

  it('refuses a deleted name for 60 seconds', () => {
    const { clock, engine } = setup();
    engine.createQueue('q', {}, {});
    engine.deleteQueue('q');
    expect(errorOf(() => engine.createQueue('q', {}, {})).code).toBe('QueueDeletedRecently');
    clock.advance(60_000);
    expect(engine.createQueue('q', {}, {}).name).toBe('q');
  });

  it('validates queue names, attribute names and values', () => {
    const { engine } = setup();
    expect(errorOf(() => engine.createQueue('bad name', {}, {})).code).toBe(
      'InvalidParameterValue',
    );
    expect(errorOf(() => engine.createQueue('a'.repeat(81), {}, {})).code).toBe(
      'InvalidParameterValue',
    );
    expect(errorOf(() => engine.createQueue('x.fifo', {}, {})).message).toContain('FIFO queue');
    expect(errorOf(() => engine.createQueue('q', { Bogus: '1' }, {})).message).toBe(
      'Unknown Attribute Bogus.',
    );
    const bad = errorOf(() => engine.createQueue('q', { VisibilityTimeout: '43201' }, {}));
    expect(bad.code).toBe('InvalidAttributeValue');
    expect(bad.message).toBe('Invalid value for the parameter VisibilityTimeout.');
    engine.createQueue('q', {}, {});
    expect(errorOf(() => engine.getQueueAttributes('q', ['Nope'])).code).toBe(
      'InvalidAttributeName',
    );
    expect(errorOf(() => engine.queue('missing')).code).toBe('QueueDoesNotExist');
  });

  it('reports all standard attributes with AWS defaults', () => {
    const { engine } = setup();
    engine.createQueue('q', {}, {});
    const attributes = engine.getQueueAttributes('q', ['All']);
    expect(attributes).toMatchObject({
      QueueArn: 'arn:aws:sqs:eu-west-1:000000000000:q',
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
      VisibilityTimeout: '30',
      MaximumMessageSize: '1048576',
      MessageRetentionPeriod: '345600',
      DelaySeconds: '0',
      ReceiveMessageWaitTimeSeconds: '0',
      SqsManagedSseEnabled: 'true',
    });
    expect(attributes.RedrivePolicy).toBeUndefined();
    expect(attributes.FifoQueue).toBeUndefined();
  });

  it('PurgeQueue removes visible, in-flight and delayed messages, once per 60 s', async () => {
    const { clock, engine } = setup();
    engine.createQueue('q', {}, {});
    engine.sendMessage('q', { MessageBody: 'a' });
    engine.sendMessage('q', { MessageBody: 'b', DelaySeconds: 60 });
    engine.sendMessage('q', { MessageBody: 'c' });
    await receive(engine, 'q');
    engine.purgeQueue('q');
    expect(engine.inspectMessages('q')).toEqual([]);
    const error = errorOf(() => engine.purgeQueue('q'));
    expect(error.code).toBe('PurgeQueueInProgress');
    expect(error.message).toBe('Only one PurgeQueue operation on q is allowed every 60 seconds.');
    clock.advance(60_000);
    engine.purgeQueue('q');
  });

  it('allows repeated purges only when the emulator setting says so', () => {
    const { engine } = setup({ allowRepeatedPurge: true });
    engine.createQueue('q', {}, {});
    engine.purgeQueue('q');
    engine.purgeQueue('q');
  });

  it('tags and permissions', () => {
    const { engine } = setup();
    engine.createQueue('q', {}, { team: 'graph' });
    engine.tagQueue('q', { env: 'test' });
    engine.untagQueue('q', ['team']);
    expect(engine.listQueueTags('q')).toEqual({ env: 'test' });
    engine.addPermission('q', 'send', ['111122223333'], ['SendMessage']);
    expect(
      errorOf(() => engine.addPermission('q', 'send', ['111122223333'], ['SendMessage'])).message,
    ).toContain('Already exists.');
    expect(errorOf(() => engine.addPermission('q', 'x', ['123'], ['SendMessage'])).code).toBe(
      'InvalidParameterValue',
    );
    expect(errorOf(() => engine.addPermission('q', 'y', ['111122223333'], ['Fly'])).code).toBe(
      'InvalidParameterValue',
    );
    const policy = JSON.parse(engine.getQueueAttributes('q', ['Policy']).Policy!);
    expect(policy.Statement[0]).toMatchObject({ Sid: 'send', Action: ['SQS:SendMessage'] });
    engine.removePermission('q', 'send');
    expect(engine.getQueueAttributes('q', ['Policy'])).toEqual({});
    expect(errorOf(() => engine.removePermission('q', 'send')).code).toBe('InvalidParameterValue');
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

describe('FIFO queues', () => {
  function fifo(attributes: Record<string, string> = {}) {
    const ctx = setup();
    ctx.engine.createQueue('f.fifo', { FifoQueue: 'true', ...attributes }, {});
    return ctx;
  }

  it('requires MessageGroupId and a dedup id (or content-based deduplication)', () => {
    const { engine } = fifo();
    expect(errorOf(() => engine.sendMessage('f.fifo', { MessageBody: 'x' })).message).toBe(
      'The request must contain the parameter MessageGroupId.',
    );
    expect(
      errorOf(() => engine.sendMessage('f.fifo', { MessageBody: 'x', MessageGroupId: 'g' }))
        .message,
    ).toContain('ContentBasedDeduplication');
    expect(
      errorOf(() =>
        engine.sendMessage('f.fifo', {
          MessageBody: 'x',
          MessageGroupId: 'g',
          MessageDeduplicationId: 'd',
          DelaySeconds: 5,
        }),
      ).code,
    ).toBe('InvalidParameterValue');
  });

  it('deduplicates for 5 minutes, even after delete, and returns sequence numbers', async () => {
    const { clock, engine } = fifo({ ContentBasedDeduplication: 'true' });
    const a = engine.sendMessage('f.fifo', { MessageBody: 'same', MessageGroupId: 'g' });
    const b = engine.sendMessage('f.fifo', { MessageBody: 'same', MessageGroupId: 'g' });
    expect(b.MessageId).toBe(a.MessageId);
    expect(a.SequenceNumber).toMatch(/^\d{20}$/);
    const [m] = await receive(engine, 'f.fifo');
    engine.deleteMessage('f.fifo', m!.ReceiptHandle);
    engine.sendMessage('f.fifo', { MessageBody: 'same', MessageGroupId: 'g' });
    expect(await receive(engine, 'f.fifo')).toEqual([]);
    clock.advance(300_000);
    const c = engine.sendMessage('f.fifo', { MessageBody: 'same', MessageGroupId: 'g' });
    expect(c.MessageId).not.toBe(a.MessageId);
    expect(BigInt(c.SequenceNumber!)).toBeGreaterThan(BigInt(a.SequenceNumber!));
  });

  it('keeps group order and holds a group while one of its messages is in flight', async () => {
    const { clock, engine } = fifo({ ContentBasedDeduplication: 'true', VisibilityTimeout: '10' });
    for (const body of ['a1', 'b1', 'a2', 'b2']) {
      engine.sendMessage('f.fifo', { MessageBody: body, MessageGroupId: body[0]! });
    }
    const first = await receive(engine, 'f.fifo', {
      AttributeNames: ['MessageGroupId', 'SequenceNumber'],
    });
    expect(first.map((m) => m.Body)).toEqual(['a1']);
    expect(first[0]?.Attributes?.MessageGroupId).toBe('a');
    const second = await receive(engine, 'f.fifo');
    expect(second.map((m) => m.Body)).toEqual(['b1']);
    expect(await receive(engine, 'f.fifo')).toEqual([]);
    engine.deleteMessage('f.fifo', first[0]!.ReceiptHandle);
    expect((await receive(engine, 'f.fifo')).map((m) => m.Body)).toEqual(['a2']);
    clock.advance(10_000);
    // b1 and a2 expired without delete: they come back before the rest of their groups
    expect(
      (await receive(engine, 'f.fifo', { MaxNumberOfMessages: 10 })).map((m) => m.Body),
    ).toEqual(['b1', 'a2', 'b2']);
  });

  it('answers a retried ReceiveRequestAttemptId with the same messages and handles', async () => {
    const { clock, engine } = fifo({ ContentBasedDeduplication: 'true', VisibilityTimeout: '30' });
    engine.sendMessage('f.fifo', { MessageBody: 'x', MessageGroupId: 'g' });
    engine.sendMessage('f.fifo', { MessageBody: 'y', MessageGroupId: 'h' });
    const first = await receive(engine, 'f.fifo', { ReceiveRequestAttemptId: 'attempt-1' });
    clock.advance(20_000);
    const retry = await receive(engine, 'f.fifo', { ReceiveRequestAttemptId: 'attempt-1' });
    expect(retry).toEqual(first);
    clock.advance(20_000);
    // the retry restarted the visibility timeout: still hidden 40 s after the first receive
    expect(
      (await receive(engine, 'f.fifo', { MaxNumberOfMessages: 10 })).map((m) => m.Body),
    ).toEqual(['y']);
    engine.deleteMessage('f.fifo', first[0]!.ReceiptHandle);
    const other = await receive(engine, 'f.fifo', { ReceiveRequestAttemptId: 'attempt-1' });
    expect(other).toEqual([]);
    expect(
      errorOf(() => engine.receiveMessage('f.fifo', { ReceiveRequestAttemptId: 'bad id' })).code,
    ).toBe('InvalidParameterValue');
  });

  it('fails a delete with an expired handle', async () => {
    const { clock, engine } = fifo({ ContentBasedDeduplication: 'true', VisibilityTimeout: '1' });
    engine.sendMessage('f.fifo', { MessageBody: 'x', MessageGroupId: 'g' });
    const [m] = await receive(engine, 'f.fifo');
    clock.advance(1_000);
    expect(errorOf(() => engine.deleteMessage('f.fifo', m!.ReceiptHandle)).message).toContain(
      'The receipt handle has expired.',
    );
  });
});
