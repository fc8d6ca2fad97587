// The compact stored-message layout: optional details only when a message has some, dead-letter
// copies that keep what SQS keeps (id, body, attributes, sent time, receive count, first receive)
// and start a fresh receive history, and the shared empty attribute map that nothing can fill.
import { describe, expect, it } from 'vitest';
import { SqsEngine } from '../../../../src/emulator/sqs/domain/engine.ts';
import { MessageIdFormat } from '../../../../src/emulator/sqs/domain/message-id.ts';
import {
  deadLetterCopy,
  messageDetails,
  NO_ATTRIBUTES,
  StoredMessage,
} from '../../../../src/emulator/sqs/domain/stored-message.ts';
import { randomIds } from '../../../../src/kernel/ids.ts';
import { seededRandom } from '../../../../src/kernel/random.ts';
import { manualClock } from '../../../../src/kernel/virtual-clock.ts';

const idFormat = new MessageIdFormat(randomIds(seededRandom(5)));

const noDetails = {
  traceHeader: undefined,
  groupId: undefined,
  deduplicationId: undefined,
  sequenceNumber: undefined,
  deadLetterSourceArn: undefined,
};

describe('stored messages', () => {
  it('keeps a details object only when the message has some detail', () => {
    expect(messageDetails(noDetails)).toBeUndefined();
    const fifo = { ...noDetails, groupId: 'g', deduplicationId: 'd', sequenceNumber: '1' };
    expect(messageDetails(fifo)).toBe(fifo);
    expect(messageDetails({ ...noDetails, traceHeader: 'Root=1' })?.traceHeader).toBe('Root=1');
  });

  it('reads details and receive state through the message, undefined when absent', () => {
    const message = new StoredMessage({
      key: 1,
      idNumber: 1,
      idFormat,
      body: 'b',
      attributes: NO_ATTRIBUTES,
      sentAt: 10,
      visibleAt: 10,
      details: undefined,
    });
    expect([message.groupId, message.traceHeader, message.firstReceiveAt, message.handle]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    message.receipt = { firstReceiveAt: 20, receivedAt: 20, handle: 'h' };
    expect([message.firstReceiveAt, message.handle]).toEqual([20, 'h']);
  });

  it('copies a message to a dead-letter queue with a fresh receive history', () => {
    const details = { ...noDetails, groupId: 'g', deduplicationId: 'd', sequenceNumber: '7' };
    const source = new StoredMessage({
      key: 1,
      idNumber: 1,
      idFormat,
      body: 'poison',
      attributes: { k: { DataType: 'String', StringValue: 'v' } },
      sentAt: 1_000,
      visibleAt: 1_000,
      details,
    });
    source.receiveCount = 3;
    source.serial = 3;
    source.heapIndex = 5;
    source.holdsInFlight = true;
    source.receipt = { firstReceiveAt: 2_000, receivedAt: 4_000, handle: 'old-handle' };

    const copy = deadLetterCopy(source, 9, 'arn:aws:sqs:us-east-1:000000000000:src', 5_000);

    expect(copy.key).toBe(9);
    expect([copy.messageId, copy.body, copy.attributes, copy.sentAt]).toEqual([
      source.messageId,
      'poison',
      source.attributes,
      1_000,
    ]);
    expect([copy.receiveCount, copy.serial, copy.heapIndex, copy.visibleAt]).toEqual([
      3, 0, -1, 5_000,
    ]);
    expect([copy.deleted, copy.holdsInFlight]).toEqual([false, false]);
    expect(copy.receipt).toEqual({
      firstReceiveAt: 2_000,
      receivedAt: undefined,
      handle: undefined,
    });
    expect(copy.details).toEqual({
      ...details,
      deadLetterSourceArn: 'arn:aws:sqs:us-east-1:000000000000:src',
    });
    // The source's details are shared with its other copies and stay as they were.
    expect(details.deadLetterSourceArn).toBeUndefined();
    expect(source.receipt.handle).toBe('old-handle');
  });

  it('shares one frozen empty attribute map that cannot be filled', () => {
    expect(Object.isFrozen(NO_ATTRIBUTES)).toBe(true);
    expect(() => {
      (NO_ATTRIBUTES as Record<string, unknown>).k = { DataType: 'String', StringValue: 'v' };
    }).toThrow(TypeError);
    expect(Object.keys(NO_ATTRIBUTES)).toEqual([]);
  });
});

describe('dead-letter copies in the engine', () => {
  it('keep the sent and first-receive timestamps, and retention still counts from the send', async () => {
    const clock = manualClock(Date.UTC(2026, 0, 1));
    const engine = new SqsEngine({ clock, ids: randomIds(seededRandom(3)), region: 'us-east-1' });
    engine.createQueue('dlq', { MessageRetentionPeriod: '120' }, {});
    engine.createQueue(
      'src',
      {
        VisibilityTimeout: '10',
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
          maxReceiveCount: 1,
        }),
      },
      {},
    );
    const sentAt = clock.now();
    engine.sendMessage('src', { MessageBody: 'poison' });
    clock.advance(5_000);
    const [first] = await engine.receiveMessage('src', { AttributeNames: ['All'] });
    clock.advance(10_000);
    expect(await engine.receiveMessage('src', {})).toEqual([]);
    const [dead] = await engine.receiveMessage('dlq', { AttributeNames: ['All'] });
    expect(dead?.Attributes?.SentTimestamp).toBe(String(sentAt));
    expect(dead?.Attributes?.ApproximateFirstReceiveTimestamp).toBe(
      first?.Attributes?.ApproximateFirstReceiveTimestamp,
    );
    expect(dead?.Attributes?.SenderId).toBe('000000000000');
    expect(dead?.MD5OfBody).toBe(first?.MD5OfBody);
    // 120 s retention from the original send: gone at sentAt + 120 s, though moved 15 s later.
    clock.advance(120_000 - 15_000 - 1);
    expect(engine.inspectMessages('dlq').map((m) => m.body)).toEqual(['poison']);
    clock.advance(1);
    expect(engine.getQueueAttributes('dlq', ['ApproximateNumberOfMessages'])).toEqual({
      ApproximateNumberOfMessages: '0',
    });
    expect(engine.inspectMessages('dlq')).toEqual([]);
  });
});
