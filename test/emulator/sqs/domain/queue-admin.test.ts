// The SQS domain driven directly (no HTTP) with a manual clock: queue lifecycle, attributes,
// purge, tags and permissions.
import { describe, expect, it } from 'vitest';
import { errorOf, receive, setup } from '../../support/sqs-engine.ts';

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
    // AWS writes a single action as a plain string.
    expect(policy.Statement[0]).toMatchObject({ Sid: 'send', Action: 'SQS:SendMessage' });
    engine.removePermission('q', 'send');
    expect(engine.getQueueAttributes('q', ['Policy'])).toEqual({});
    expect(errorOf(() => engine.removePermission('q', 'send')).code).toBe('InvalidParameterValue');
  });
});
