// The emulator's SQS truth: one behaviour suite over real clients and real HTTP, run once over the
// AWS JSON protocol (JS SDK v3) and once over the query protocol (JS SDK v2). Errors are compared
// by their query-protocol code, which both SDKs expose. Time moves through the control plane.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControlClient } from '../../../src/emulator/control/client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.ts';
import { type Protocol, type SqsCaller, sqsCaller } from '../support/sqs-clients.ts';
import { queueCalls } from '../support/sqs-suite.ts';

let emulator: RunningEmulator;
let control: EmulatorControlClient;

beforeAll(async () => {
  emulator = await startEmulator({ timeScale: 0, seed: 11, region: 'eu-central-1' });
  control = new EmulatorControlClient(emulator.url);
});

afterAll(async () => {
  await emulator.stop();
});

describe.each(['json', 'query'] as Protocol[])('SQS over the %s protocol', (protocol) => {
  let sqs: SqsCaller;

  beforeAll(() => {
    sqs = sqsCaller(protocol, emulator.url, 'eu-central-1');
  });
  afterAll(() => sqs.destroy());
  beforeEach(async () => {
    await control.reset();
  });

  const { create, receive } = queueCalls(() => sqs);

  describe('queues', () => {
    it('creates queues whose URLs point back at the emulator, and finds them again', async () => {
      const url = await create('orders');
      expect(url).toBe(`${emulator.url}/000000000000/orders`);
      expect((await sqs.call('GetQueueUrl', { QueueName: 'orders' })).QueueUrl).toBe(url);
      const attributes = (
        await sqs.call('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['QueueArn'] })
      ).Attributes;
      expect(attributes).toEqual({ QueueArn: 'arn:aws:sqs:eu-central-1:000000000000:orders' });
    });

    it('is idempotent on equal attributes and refuses different ones', async () => {
      await create('same', { VisibilityTimeout: '45' });
      await create('same', { VisibilityTimeout: '45' });
      const failure = await sqs.fail('CreateQueue', {
        QueueName: 'same',
        Attributes: { VisibilityTimeout: '46' },
      });
      expect(failure.code).toBe('QueueAlreadyExists');
      expect(failure.status).toBe(400);
    });

    it('refuses a deleted name for 60 s', async () => {
      const url = await create('gone');
      await sqs.call('DeleteQueue', { QueueUrl: url });
      expect((await sqs.fail('GetQueueUrl', { QueueName: 'gone' })).code).toBe(
        'AWS.SimpleQueueService.NonExistentQueue',
      );
      expect((await sqs.fail('CreateQueue', { QueueName: 'gone' })).code).toBe(
        'AWS.SimpleQueueService.QueueDeletedRecently',
      );
      await control.advance(60_000);
      await create('gone');
    });

    it('lists queues by prefix, with MaxResults/NextToken pagination', async () => {
      for (const name of ['a-1', 'a-2', 'a-3', 'b-1']) await create(name);
      const all = await sqs.call('ListQueues', { QueueNamePrefix: 'a-' });
      expect(all.QueueUrls).toHaveLength(3);
      expect(all.NextToken).toBeUndefined();
      const page1 = await sqs.call('ListQueues', { QueueNamePrefix: 'a-', MaxResults: 2 });
      expect(page1.QueueUrls.map((u: string) => u.split('/').pop())).toEqual(['a-1', 'a-2']);
      const page2 = await sqs.call('ListQueues', {
        QueueNamePrefix: 'a-',
        MaxResults: 2,
        NextToken: page1.NextToken,
      });
      expect(page2.QueueUrls.map((u: string) => u.split('/').pop())).toEqual(['a-3']);
      expect(page2.NextToken).toBeUndefined();
      expect((await sqs.fail('ListQueues', { NextToken: 'junk!' })).code).toBe(
        'InvalidParameterValue',
      );
    });

    it('gets and sets attributes, with AWS codes for unknown names and bad values', async () => {
      const url = await create('attrs');
      await sqs.call('SetQueueAttributes', {
        QueueUrl: url,
        Attributes: { VisibilityTimeout: '120', DelaySeconds: '5' },
      });
      const { Attributes } = await sqs.call('GetQueueAttributes', {
        QueueUrl: url,
        AttributeNames: ['All'],
      });
      expect(Attributes).toMatchObject({
        VisibilityTimeout: '120',
        DelaySeconds: '5',
        MaximumMessageSize: '1048576',
        MessageRetentionPeriod: '345600',
        ReceiveMessageWaitTimeSeconds: '0',
        ApproximateNumberOfMessages: '0',
      });
      const unknown = await sqs.fail('SetQueueAttributes', {
        QueueUrl: url,
        Attributes: { Colour: 'red' },
      });
      expect(unknown.code).toBe('InvalidAttributeName');
      expect(unknown.message).toBe('Unknown Attribute Colour.');
      const bad = await sqs.fail('SetQueueAttributes', {
        QueueUrl: url,
        Attributes: { MessageRetentionPeriod: '59' },
      });
      expect(bad.code).toBe('InvalidAttributeValue');
    });

    it('tags queues', async () => {
      const url = (await sqs.call('CreateQueue', { QueueName: 'tagged', tags: { team: 'graph' } }))
        .QueueUrl;
      await sqs.call('TagQueue', { QueueUrl: url, Tags: { env: 'ci', tier: 'free' } });
      await sqs.call('UntagQueue', { QueueUrl: url, TagKeys: ['tier'] });
      expect((await sqs.call('ListQueueTags', { QueueUrl: url })).Tags).toEqual({
        team: 'graph',
        env: 'ci',
      });
    });

    it('stores permissions and validates them', async () => {
      const url = await create('shared');
      await sqs.call('AddPermission', {
        QueueUrl: url,
        Label: 'partner',
        AWSAccountIds: ['111122223333'],
        Actions: ['SendMessage', 'ReceiveMessage'],
      });
      const policy = JSON.parse(
        (await sqs.call('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['Policy'] }))
          .Attributes.Policy,
      );
      expect(policy.Statement[0].Action).toEqual(['SQS:SendMessage', 'SQS:ReceiveMessage']);
      expect(
        (
          await sqs.fail('AddPermission', {
            QueueUrl: url,
            Label: 'partner',
            AWSAccountIds: ['111122223333'],
            Actions: ['SendMessage'],
          })
        ).code,
      ).toBe('InvalidParameterValue');
      await sqs.call('RemovePermission', { QueueUrl: url, Label: 'partner' });
      expect((await sqs.fail('RemovePermission', { QueueUrl: url, Label: 'partner' })).code).toBe(
        'InvalidParameterValue',
      );
    });

    it('purges once per 60 seconds', async () => {
      const url = await create('purge');
      await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'x' });
      await sqs.call('PurgeQueue', { QueueUrl: url });
      const again = await sqs.fail('PurgeQueue', { QueueUrl: url });
      expect(again.code).toBe('AWS.SimpleQueueService.PurgeQueueInProgress');
      expect(again.status).toBe(403);
      expect(again.message).toBe(
        'Only one PurgeQueue operation on purge is allowed every 60 seconds.',
      );
      expect(await receive(url)).toEqual([]);
      await control.advance(60_000);
      await sqs.call('PurgeQueue', { QueueUrl: url });
    });

    it('answers NonExistentQueue for unknown queues', async () => {
      const failure = await sqs.fail('SendMessage', {
        QueueUrl: `${emulator.url}/000000000000/nope`,
        MessageBody: 'x',
      });
      expect(failure).toMatchObject({
        code: 'AWS.SimpleQueueService.NonExistentQueue',
        status: 400,
        // AWS words it differently on the two protocols.
        message:
          protocol === 'json'
            ? 'The specified queue does not exist.'
            : 'The specified queue does not exist for this wsdl version.',
      });
    });
  });

  describe('messages', () => {
    it('sends and receives with checksums, attributes and system attributes', async () => {
      const url = await create('msgs');
      const sent = await sqs.call('SendMessage', {
        QueueUrl: url,
        MessageBody: 'héllo <world> & "friends"\r\n',
        MessageAttributes: {
          MyAttribute: { DataType: 'String', StringValue: 'foobar' },
          Blob: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 254, 255]) },
          Count: { DataType: 'Number', StringValue: '12.5' },
        },
        MessageSystemAttributes: {
          AWSTraceHeader: {
            DataType: 'String',
            StringValue: 'Root=1-5759e988-bd862e3fe1be46a994272793',
          },
        },
      });
      expect(sent.MD5OfMessageBody).toMatch(/^[0-9a-f]{32}$/);
      const [message] = await receive(url, {
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: [
          'SentTimestamp',
          'ApproximateReceiveCount',
          'AWSTraceHeader',
          'SenderId',
        ],
      });
      expect(message?.MessageId).toBe(sent.MessageId);
      expect(message?.Body).toBe('héllo <world> & "friends"\r\n');
      expect(message?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
      expect(message?.MessageAttributes?.MyAttribute?.StringValue).toBe('foobar');
      expect(Buffer.from(message!.MessageAttributes!.Blob!.BinaryValue!)).toEqual(
        Buffer.from([0, 1, 254, 255]),
      );
      expect(message?.Attributes).toMatchObject({
        ApproximateReceiveCount: '1',
        AWSTraceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793',
        SenderId: '000000000000',
      });
      expect(Number(message?.Attributes?.SentTimestamp)).toBe((await control.clock()).now);
    });

    it('covers only the returned attributes in MD5OfMessageAttributes', async () => {
      const url = await create('md5');
      await sqs.call('SendMessage', {
        QueueUrl: url,
        MessageBody: 'x',
        MessageAttributes: {
          MyAttribute: { DataType: 'String', StringValue: 'foobar' },
          Other: { DataType: 'String', StringValue: 'y' },
        },
      });
      const [message] = await receive(url, { MessageAttributeNames: ['MyAttribute'] });
      expect(message?.MD5OfMessageAttributes).toBe('adb59cd4678ea5a855436b949cd07ab6');
    });

    it('accepts the deprecated AttributeNames for system attributes', async () => {
      const url = await create('legacy-names');
      await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'x' });
      const [message] = await receive(url, { AttributeNames: ['All'] });
      expect(Object.keys(message?.Attributes ?? {})).toEqual(
        expect.arrayContaining([
          'SenderId',
          'SentTimestamp',
          'ApproximateReceiveCount',
          'ApproximateFirstReceiveTimestamp',
        ]),
      );
    });

    it('hides received messages until the visibility timeout passes, then redelivers', async () => {
      const url = await create('vis', { VisibilityTimeout: '300' });
      await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'x' });
      const [first] = await receive(url);
      expect(await receive(url)).toEqual([]);
      await control.advance(299_999);
      expect(await receive(url)).toEqual([]);
      await control.advance(1);
      const [second] = await receive(url, { AttributeNames: ['ApproximateReceiveCount'] });
      expect(second?.MessageId).toBe(first?.MessageId);
      expect(second?.ReceiptHandle).not.toBe(first?.ReceiptHandle);
      expect(second?.Attributes?.ApproximateReceiveCount).toBe('2');
      await sqs.call('DeleteMessage', { QueueUrl: url, ReceiptHandle: second!.ReceiptHandle });
      await control.advance(300_000);
      expect(await receive(url)).toEqual([]);
    });

    it('changes visibility, including 0, and reports bad handles', async () => {
      const url = await create('cmv', { VisibilityTimeout: '30' });
      await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'x' });
      const [m] = await receive(url);
      await sqs.call('ChangeMessageVisibility', {
        QueueUrl: url,
        ReceiptHandle: m!.ReceiptHandle,
        VisibilityTimeout: 0,
      });
      const [again] = await receive(url);
      expect(again?.MessageId).toBe(m?.MessageId);
      const garbage = await sqs.fail('ChangeMessageVisibility', {
        QueueUrl: url,
        ReceiptHandle: 'garbage',
        VisibilityTimeout: 10,
      });
      expect(garbage.code).toBe('ReceiptHandleIsInvalid');
      expect(garbage.message).toBe(
        'The input receipt handle "garbage" is not a valid receipt handle.',
      );
      await sqs.call('DeleteMessage', { QueueUrl: url, ReceiptHandle: again!.ReceiptHandle });
      const deleted = await sqs.fail('ChangeMessageVisibility', {
        QueueUrl: url,
        ReceiptHandle: again!.ReceiptHandle,
        VisibilityTimeout: 10,
      });
      expect(deleted.code).toBe('InvalidParameterValue');
      expect(deleted.message).toContain(
        'Message does not exist or is not available for visibility timeout change.',
      );
    });

    it('delays messages per queue and per message', async () => {
      const url = await create('delay', { DelaySeconds: '60' });
      await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'queue-delay' });
      await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'own-delay', DelaySeconds: 10 });
      expect(await receive(url)).toEqual([]);
      await control.advance(10_000);
      const [own] = await receive(url);
      expect(own?.Body).toBe('own-delay');
      await sqs.call('DeleteMessage', { QueueUrl: url, ReceiptHandle: own!.ReceiptHandle });
      await control.advance(50_000);
      expect((await receive(url)).map((m) => m.Body)).toEqual(['queue-delay']);
    });

    it('validates receive parameters with AWS wording', async () => {
      const url = await create('limits');
      const max = await sqs.fail('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 11 });
      expect(max.code).toBe('InvalidParameterValue');
      expect(max.message).toBe(
        'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
      );
      const wait = await sqs.fail('ReceiveMessage', { QueueUrl: url, WaitTimeSeconds: 21 });
      expect(wait.message).toBe(
        'Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.',
      );
    });

    it('rejects messages over the size limit and invalid characters', async () => {
      const url = await create('big');
      const big = await sqs.fail('SendMessage', {
        QueueUrl: url,
        MessageBody: 'x'.repeat(1_048_577),
      });
      expect(big.code).toBe('InvalidParameterValue');
      expect(big.message).toBe(
        'One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.',
      );
      await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'x'.repeat(1_048_576) });
      const bad = await sqs.fail('SendMessage', { QueueUrl: url, MessageBody: 'a\u0001b' });
      expect(bad.code).toBe('InvalidMessageContents');
    });
  });

  describe('long polling', () => {
    it('returns as soon as a message is sent', async () => {
      const url = await create('lp-send');
      const poll = receive(url, { WaitTimeSeconds: 20 });
      await waitForPoll('lp-send');
      await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'wake' });
      expect((await poll).map((m) => m.Body)).toEqual(['wake']);
    });

    it('returns as soon as a visibility timeout expires', async () => {
      const url = await create('lp-vis', { VisibilityTimeout: '15' });
      await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'again' });
      await receive(url);
      const poll = receive(url, { WaitTimeSeconds: 20 });
      await waitForPoll('lp-vis');
      await control.advance(15_000);
      expect((await poll).map((m) => m.Body)).toEqual(['again']);
    });

    it('returns empty when the wait ends', async () => {
      const url = await create('lp-empty', { ReceiveMessageWaitTimeSeconds: '20' });
      const poll = receive(url);
      await waitForPoll('lp-empty');
      await control.advance(20_000);
      expect(await poll).toEqual([]);
    });
  });

  describe('batches', () => {
    it('sends a batch with per-entry success and failure', async () => {
      const url = await create('batch');
      const result = await sqs.call('SendMessageBatch', {
        QueueUrl: url,
        Entries: [
          { Id: 'ok-1', MessageBody: 'one' },
          { Id: 'bad', MessageBody: 'two', DelaySeconds: 901 },
          {
            Id: 'ok-2',
            MessageBody: 'three',
            MessageAttributes: { MyAttribute: { DataType: 'String', StringValue: 'foobar' } },
          },
        ],
      });
      expect(result.Successful.map((e: { Id: string }) => e.Id)).toEqual(['ok-1', 'ok-2']);
      expect(result.Successful[1].MD5OfMessageAttributes).toBe('adb59cd4678ea5a855436b949cd07ab6');
      expect(result.Failed).toEqual([
        expect.objectContaining({ Id: 'bad', SenderFault: true, Code: 'InvalidParameterValue' }),
      ]);
      const messages = await receive(url, { MaxNumberOfMessages: 10 });
      expect(messages.map((m) => m.Body).sort()).toEqual(['one', 'three']);
      const deleted = await sqs.call('DeleteMessageBatch', {
        QueueUrl: url,
        Entries: [
          ...messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
          { Id: 'junk', ReceiptHandle: 'garbage' },
        ],
      });
      expect(deleted.Successful).toHaveLength(2);
      expect(deleted.Failed).toEqual([
        expect.objectContaining({ Id: 'junk', Code: 'ReceiptHandleIsInvalid' }),
      ]);
    });

    it('changes visibility in a batch', async () => {
      const url = await create('batch-cmv', { VisibilityTimeout: '100' });
      await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'x' });
      const [m] = await receive(url);
      const result = await sqs.call('ChangeMessageVisibilityBatch', {
        QueueUrl: url,
        Entries: [{ Id: 'a', ReceiptHandle: m!.ReceiptHandle, VisibilityTimeout: 0 }],
      });
      expect(result.Successful).toEqual([expect.objectContaining({ Id: 'a' })]);
      expect(await receive(url)).toHaveLength(1);
    });

    it('rejects whole batches that break the batch rules', async () => {
      const url = await create('batch-rules');
      const entries = (n: number) =>
        Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' }));
      const tooMany = await sqs.fail('SendMessageBatch', { QueueUrl: url, Entries: entries(11) });
      expect(tooMany.code).toBe('AWS.SimpleQueueService.TooManyEntriesInBatchRequest');
      expect(tooMany.message).toBe(
        'Maximum number of entries per request are 10. You have sent 11.',
      );
      expect((await sqs.fail('SendMessageBatch', { QueueUrl: url, Entries: [] })).code).toBe(
        'AWS.SimpleQueueService.EmptyBatchRequest',
      );
      expect(
        (
          await sqs.fail('SendMessageBatch', {
            QueueUrl: url,
            Entries: [{ Id: 'no spaces', MessageBody: 'x' }],
          })
        ).code,
      ).toBe('AWS.SimpleQueueService.InvalidBatchEntryId');
      expect(
        (
          await sqs.fail('SendMessageBatch', {
            QueueUrl: url,
            Entries: [
              { Id: 'a', MessageBody: 'x' },
              { Id: 'a', MessageBody: 'y' },
            ],
          })
        ).code,
      ).toBe('AWS.SimpleQueueService.BatchEntryIdsNotDistinct');
      const tooLong = await sqs.fail('SendMessageBatch', {
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: 'x'.repeat(600_000) },
          { Id: 'b', MessageBody: 'y'.repeat(600_000) },
        ],
      });
      expect(tooLong.code).toBe('AWS.SimpleQueueService.BatchRequestTooLong');
      expect(await receive(url)).toEqual([]);
    });
  });

  describe('dead-letter queues', () => {
    it('moves a message to the DLQ on the receive after maxReceiveCount (given as a string)', async () => {
      const dlq = await create('work-dlq');
      const dlqArn = (
        await sqs.call('GetQueueAttributes', { QueueUrl: dlq, AttributeNames: ['QueueArn'] })
      ).Attributes.QueueArn;
      const url = await create('work', {
        VisibilityTimeout: '10',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: '5' }),
      });
      const sent = await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'poison' });
      for (let i = 0; i < 5; i++) {
        expect(await receive(url)).toHaveLength(1);
        await control.advance(10_000);
      }
      expect(await receive(url)).toEqual([]);
      const [dead] = await receive(dlq, { AttributeNames: ['All'] });
      expect(dead?.MessageId).toBe(sent.MessageId);
      expect(dead?.Attributes?.DeadLetterQueueSourceArn).toBe(
        'arn:aws:sqs:eu-central-1:000000000000:work',
      );
      expect(dead?.Attributes?.ApproximateReceiveCount).toBe('6');
      expect((await sqs.call('ListDeadLetterSourceQueues', { QueueUrl: dlq })).queueUrls).toEqual([
        url,
      ]);
    });

    it('redrives messages back to their source with a message move task', async () => {
      const dlq = await create('mv-dlq');
      const dlqArn = `arn:aws:sqs:eu-central-1:000000000000:mv-dlq`;
      const url = await create('mv', {
        VisibilityTimeout: '1',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }),
      });
      const sent = await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'retry-me' });
      await receive(url);
      await control.advance(1_000);
      expect(await receive(url)).toEqual([]);
      const notDlq = await sqs.fail('StartMessageMoveTask', {
        SourceArn: 'arn:aws:sqs:eu-central-1:000000000000:mv',
      });
      expect(notDlq.message).toContain('Source queue must be configured as a Dead Letter Queue.');
      const { TaskHandle } = await sqs.call('StartMessageMoveTask', { SourceArn: dlqArn });
      expect(typeof TaskHandle).toBe('string');
      await control.advance(1_000);
      const tasks = await sqs.call('ListMessageMoveTasks', { SourceArn: dlqArn, MaxResults: 10 });
      expect(tasks.Results[0]).toMatchObject({
        Status: 'COMPLETED',
        ApproximateNumberOfMessagesMoved: 1,
      });
      const [back] = await receive(url, { AttributeNames: ['ApproximateReceiveCount'] });
      expect(back?.Body).toBe('retry-me');
      expect(back?.MessageId).not.toBe(sent.MessageId);
      expect(back?.Attributes?.ApproximateReceiveCount).toBe('1');
      expect((await sqs.fail('CancelMessageMoveTask', { TaskHandle })).code).toBe(
        'AWS.SimpleQueueService.UnsupportedOperation',
      );
      expect(dlq).toContain('mv-dlq');
    });
  });

  describe('pinned receipt-handle behaviours', () => {
    it('deletes with an expired handle; an older handle after a new receive answers success but keeps the message', async () => {
      const url = await create('handles', { VisibilityTimeout: '10' });
      await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'a' });
      const [first] = await receive(url);
      await control.advance(10_000);
      const [second] = await receive(url);
      await sqs.call('DeleteMessage', { QueueUrl: url, ReceiptHandle: first!.ReceiptHandle });
      expect((await control.queue('handles')).messages).toHaveLength(1);
      await control.advance(10_000);
      await sqs.call('DeleteMessage', { QueueUrl: url, ReceiptHandle: second!.ReceiptHandle });
      expect((await control.queue('handles')).messages).toHaveLength(0);
      await sqs.call('DeleteMessage', { QueueUrl: url, ReceiptHandle: second!.ReceiptHandle });
    });
  });

  describe('queue counts and policies', () => {
    it('reports approximate counts for visible, in-flight and delayed messages', async () => {
      const url = await create('counts');
      await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'a' });
      await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'b' });
      await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'c', DelaySeconds: 30 });
      await receive(url);
      const { Attributes } = await sqs.call('GetQueueAttributes', {
        QueueUrl: url,
        AttributeNames: [
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
          'ApproximateNumberOfMessagesDelayed',
        ],
      });
      expect(Attributes).toEqual({
        ApproximateNumberOfMessages: '1',
        ApproximateNumberOfMessagesNotVisible: '1',
        ApproximateNumberOfMessagesDelayed: '1',
      });
    });

    it('honours RedriveAllowPolicy and removes a RedrivePolicy set to ""', async () => {
      const dlq = await create('guarded-dlq', {
        RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'denyAll' }),
      });
      const arn = 'arn:aws:sqs:eu-central-1:000000000000:guarded-dlq';
      const refused = await sqs.fail('CreateQueue', {
        QueueName: 'src',
        Attributes: {
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 2 }),
        },
      });
      expect(refused.code).toBe('InvalidParameterValue');
      await sqs.call('SetQueueAttributes', {
        QueueUrl: dlq,
        Attributes: { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'allowAll' }) },
      });
      const src = await create('src', {
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 2 }),
      });
      expect((await sqs.call('ListDeadLetterSourceQueues', { QueueUrl: dlq })).queueUrls).toEqual([
        src,
      ]);
      await sqs.call('SetQueueAttributes', { QueueUrl: src, Attributes: { RedrivePolicy: '' } });
      expect(
        (await sqs.call('ListDeadLetterSourceQueues', { QueueUrl: dlq })).queueUrls ?? [],
      ).toEqual([]);
    });

    it('drops messages past the retention period', async () => {
      const url = await create('short-lived', { MessageRetentionPeriod: '60' });
      await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'old' });
      await control.advance(60_000);
      expect(await receive(url)).toEqual([]);
    });
  });

  describe('message move task control', () => {
    it('moves at the given rate to a chosen destination and can be cancelled', async () => {
      const dlqArn = 'arn:aws:sqs:eu-central-1:000000000000:slow-dlq';
      await create('slow-dlq');
      await create('elsewhere');
      const url = await create('slow', {
        VisibilityTimeout: '1',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }),
      });
      await sqs.call('SendMessageBatch', {
        QueueUrl: url,
        Entries: ['a', 'b', 'c'].map((id) => ({ Id: id, MessageBody: id })),
      });
      await receive(url, { MaxNumberOfMessages: 10 });
      await control.advance(1_000);
      expect(await receive(url)).toEqual([]);
      const { TaskHandle } = await sqs.call('StartMessageMoveTask', {
        SourceArn: dlqArn,
        DestinationArn: 'arn:aws:sqs:eu-central-1:000000000000:elsewhere',
        MaxNumberOfMessagesPerSecond: 1,
      });
      const [running] = (await sqs.call('ListMessageMoveTasks', { SourceArn: dlqArn })).Results;
      expect(running).toMatchObject({
        Status: 'RUNNING',
        TaskHandle,
        MaxNumberOfMessagesPerSecond: 1,
      });
      const cancelled = await sqs.call('CancelMessageMoveTask', { TaskHandle });
      expect(cancelled.ApproximateNumberOfMessagesMoved).toBe(
        running.ApproximateNumberOfMessagesMoved,
      );
      await control.advance(5_000);
      const left = (await control.queue('slow-dlq')).messages.length;
      const moved = (await control.queue('elsewhere')).messages.length;
      expect(left + moved).toBe(3);
      expect(moved).toBe(cancelled.ApproximateNumberOfMessagesMoved);
      expect(
        (await sqs.call('ListMessageMoveTasks', { SourceArn: dlqArn })).Results[0].Status,
      ).toBe('CANCELLED');
    });
  });

  describe('FIFO queues', () => {
    it('orders within a group, deduplicates and returns sequence numbers', async () => {
      const url = await create('jobs.fifo', {
        FifoQueue: 'true',
        ContentBasedDeduplication: 'true',
      });
      const a = await sqs.call('SendMessage', {
        QueueUrl: url,
        MessageBody: 'first',
        MessageGroupId: 'g',
      });
      const dup = await sqs.call('SendMessage', {
        QueueUrl: url,
        MessageBody: 'first',
        MessageGroupId: 'g',
      });
      await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'second', MessageGroupId: 'g' });
      expect(dup.MessageId).toBe(a.MessageId);
      expect(a.SequenceNumber).toMatch(/^\d+$/);
      const messages = await receive(url, { MaxNumberOfMessages: 10, AttributeNames: ['All'] });
      expect(messages.map((m) => m.Body)).toEqual(['first', 'second']);
      expect(messages[0]?.Attributes).toMatchObject({
        MessageGroupId: 'g',
        SequenceNumber: a.SequenceNumber,
      });
      const delayed = await sqs.fail('SendMessage', {
        QueueUrl: url,
        MessageBody: 'late',
        MessageGroupId: 'g',
        DelaySeconds: 5,
      });
      expect(delayed.code).toBe('InvalidParameterValue');
      const explicit = await sqs.call('SendMessage', {
        QueueUrl: url,
        MessageBody: 'other body',
        MessageGroupId: 'h',
        MessageDeduplicationId: 'same-id',
      });
      const repeated = await sqs.call('SendMessage', {
        QueueUrl: url,
        MessageBody: 'different body',
        MessageGroupId: 'h',
        MessageDeduplicationId: 'same-id',
      });
      expect(repeated.MessageId).toBe(explicit.MessageId);
      const missing = await sqs.fail('SendMessage', { QueueUrl: url, MessageBody: 'x' });
      expect(missing.code).toBe('MissingParameter');
      expect(missing.message).toBe('The request must contain the parameter MessageGroupId.');
    });
  });

  async function waitForPoll(queue: string): Promise<void> {
    // The poll is parked once the emulator reports it; polling the control plane is not sleeping.
    for (let i = 0; i < 200; i++) {
      if ((await control.queue(queue)).waitingPolls > 0) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error(`no long poll parked on ${queue}`);
  }
});
