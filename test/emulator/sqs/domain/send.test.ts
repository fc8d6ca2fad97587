// The SQS domain driven directly (no HTTP) with a manual clock: SendMessage rules, and FIFO
// queues (deduplication, groups, sequence numbers, receive attempts).
import { describe, expect, it } from 'vitest';
import { errorOf, receive, setup } from '../../support/sqs-engine.ts';

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
    // b1 and a2 expired without delete: they come back before the rest of their groups, and one
    // receive returns a group's messages together (b1, b2) before the next group's (AWS).
    expect(
      (await receive(engine, 'f.fifo', { MaxNumberOfMessages: 10 })).map((m) => m.Body),
    ).toEqual(['b1', 'b2', 'a2']);
  });

  it('fills a receive group by group, a group whole before the next, up to the maximum', async () => {
    const { engine } = fifo({ ContentBasedDeduplication: 'true' });
    for (const body of ['a1', 'b1', 'c1', 'a2', 'b2', 'a3']) {
      engine.sendMessage('f.fifo', { MessageBody: body, MessageGroupId: body[0]! });
    }
    const bodies = async (max: number) =>
      (await receive(engine, 'f.fifo', { MaxNumberOfMessages: max })).map((m) => m.Body);
    expect(await bodies(4)).toEqual(['a1', 'a2', 'a3', 'b1']);
    // Group b is held by b1 in flight; c is next.
    expect(await bodies(10)).toEqual(['c1']);
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
