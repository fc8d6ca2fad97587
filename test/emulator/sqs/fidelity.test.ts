// The behaviour suite's second half: cases pinned against responses recorded from real AWS where
// the emulator used to differ (FIFO attributes and receives, the error wire format, send rules,
// visibility, move tasks). Like behaviour.test.ts it runs every case over the JSON protocol (JS
// SDK v3) and the query protocol (JS SDK v2); errors are compared by their query-protocol code.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControlClient } from '../../../src/emulator/control/client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.ts';
import { type Protocol, type SqsCaller, sqsCaller } from '../support/sqs-clients.ts';
import { queueCalls } from '../support/sqs-suite.ts';

const REGION = 'eu-central-1';
let emulator: RunningEmulator;
let control: EmulatorControlClient;

beforeAll(async () => {
  emulator = await startEmulator({ timeScale: 0, seed: 13, region: REGION });
  control = new EmulatorControlClient(emulator.url);
});

afterAll(async () => {
  await emulator.stop();
});

describe.each(['json', 'query'] as Protocol[])('SQS as AWS answers, over %s', (protocol) => {
  let sqs: SqsCaller;

  beforeAll(() => {
    sqs = sqsCaller(protocol, emulator.url, REGION);
  });
  afterAll(() => sqs.destroy());
  beforeEach(async () => {
    await control.reset();
  });

  const { create, receive } = queueCalls(() => sqs);
  const fifo = (name: string, Attributes: Record<string, string> = {}) =>
    create(`${name}.fifo`, { FifoQueue: 'true', ...Attributes });
  const attributes = async (QueueUrl: string, names = ['All']) =>
    ((await sqs.call('GetQueueAttributes', { QueueUrl, AttributeNames: names })).Attributes ??
      {}) as Record<string, string>;

  describe('queue attributes', () => {
    it('reads FifoQueue without regard to case', async () => {
      const url = await create('cased.fifo', { FifoQueue: 'True' });
      expect(await attributes(url, ['FifoQueue'])).toEqual({ FifoQueue: 'true' });
    });

    it('calls FifoQueue=false, and FIFO-only settings, unknown on a standard queue', async () => {
      const cases: [Record<string, string>, string][] = [
        [{ FifoQueue: 'false' }, 'Unknown Attribute FifoQueue.'],
        [{ ContentBasedDeduplication: 'true' }, 'Unknown Attribute ContentBasedDeduplication.'],
        [
          { DeduplicationScope: 'queue' },
          'You can specify the DeduplicationScope only when FifoQueue is set to true.',
        ],
        [
          { FifoThroughputLimit: 'perQueue' },
          'You can specify the FifoThroughputLimit only when FifoQueue is set to true.',
        ],
      ];
      for (const [Attributes, message] of cases) {
        const failure = await sqs.fail('CreateQueue', { QueueName: 'plain', Attributes });
        expect(failure).toMatchObject({ code: 'InvalidAttributeName', status: 400, message });
      }
    });

    it('refuses FifoQueue in SetQueueAttributes except true on a FIFO queue', async () => {
      const plain = await create('plain');
      expect(
        await sqs.fail('SetQueueAttributes', {
          QueueUrl: plain,
          Attributes: { FifoQueue: 'true' },
        }),
      ).toMatchObject({ code: 'InvalidAttributeName', message: 'Unknown Attribute FifoQueue.' });
      const url = await fifo('typed');
      await sqs.call('SetQueueAttributes', { QueueUrl: url, Attributes: { FifoQueue: 'true' } });
      expect(
        await sqs.fail('SetQueueAttributes', { QueueUrl: url, Attributes: { FifoQueue: 'false' } }),
      ).toMatchObject({
        code: 'InvalidAttributeValue',
        message:
          'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.',
      });
    });

    it('keeps KMS and SQS-managed encryption apart, and an empty key clears KMS', async () => {
      const url = await create('sse');
      expect(await attributes(url, ['SqsManagedSseEnabled'])).toEqual({
        SqsManagedSseEnabled: 'true',
      });
      await sqs.call('SetQueueAttributes', {
        QueueUrl: url,
        Attributes: { KmsMasterKeyId: 'testKeyId', KmsDataKeyReusePeriodSeconds: '6000' },
      });
      const sse = ['KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled'];
      expect(await attributes(url, sse)).toEqual({
        KmsMasterKeyId: 'testKeyId',
        KmsDataKeyReusePeriodSeconds: '6000',
        SqsManagedSseEnabled: 'false',
      });
      await sqs.call('SetQueueAttributes', { QueueUrl: url, Attributes: { KmsMasterKeyId: '' } });
      expect(await attributes(url, sse)).toEqual({ SqsManagedSseEnabled: 'false' });
      expect(
        await sqs.fail('SetQueueAttributes', {
          QueueUrl: url,
          Attributes: { KmsMasterKeyId: 'k', SqsManagedSseEnabled: 'true' },
        }),
      ).toMatchObject({
        code: 'InvalidAttributeName',
        message:
          'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.',
      });
    });

    it('checks the dead-letter target ARN before looking the queue up', async () => {
      const policy = '{"deadLetterTargetArn": "dummy", "maxReceiveCount": 42}';
      expect(
        await sqs.fail('CreateQueue', { QueueName: 'src', Attributes: { RedrivePolicy: policy } }),
      ).toMatchObject({
        code: 'InvalidParameterValue',
        message: `Value ${policy} for parameter RedrivePolicy is invalid. Reason: Invalid value for deadLetterTargetArn.`,
      });
    });

    it('writes AddPermission as a 2008-10-17 policy and refuses removing an unknown label', async () => {
      const url = await create('shared');
      await sqs.call('AddPermission', {
        QueueUrl: url,
        Label: 'crossaccountpermission',
        AWSAccountIds: ['111111111111'],
        Actions: ['ReceiveMessage'],
      });
      const arn = `arn:aws:sqs:${REGION}:000000000000:shared`;
      expect(JSON.parse((await attributes(url, ['Policy'])).Policy!)).toEqual({
        Version: '2008-10-17',
        Id: `${arn}/SQSDefaultPolicy`,
        Statement: [
          {
            Sid: 'crossaccountpermission',
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111111111111:root' },
            Action: 'SQS:ReceiveMessage',
            Resource: arn,
          },
        ],
      });
      await sqs.call('RemovePermission', { QueueUrl: url, Label: 'crossaccountpermission' });
      expect(
        await sqs.fail('RemovePermission', { QueueUrl: url, Label: 'crossaccountpermission' }),
      ).toMatchObject({
        code: 'InvalidParameterValue',
        message:
          "Value crossaccountpermission for parameter Label is invalid. Reason: can't find label.",
      });
    });
  });

  describe('addressing and result shapes', () => {
    it('takes a bare queue name as QueueUrl', async () => {
      await create('named');
      if (protocol === 'json') {
        await sqs.call('SendMessage', { QueueUrl: 'named', MessageBody: 'x' });
      } else {
        // SDK v2 turns QueueUrl into the request's endpoint, so it cannot send a bare name; the
        // query request it would have sent goes out by hand.
        const response = await fetch(emulator.url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'Action=SendMessage&Version=2012-11-05&QueueUrl=named&MessageBody=x',
        });
        expect(response.status).toBe(200);
      }
      const [message] = await receive(emulator.queueUrl('named'));
      expect(message?.Body).toBe('x');
    });

    it('keeps queues of one name in two regions apart, each with its own URL', async () => {
      const west = sqsCaller(protocol, emulator.url, 'us-west-2');
      try {
        const home = await create('shared-name');
        const away = (await west.call('CreateQueue', { QueueName: 'shared-name' }))
          .QueueUrl as string;
        // The emulator's own region keeps the plain URL form; another region names itself.
        expect(home).toBe(`${emulator.url}/000000000000/shared-name`);
        expect(away).toBe(`${emulator.url}/us-west-2/000000000000/shared-name`);
        await west.call('SendMessage', { QueueUrl: away, MessageBody: 'west' });
        expect(await receive(home)).toEqual([]);
        // A URL names its queue whichever region the client is signed for.
        const [message] = await receive(away);
        expect(message?.Body).toBe('west');
        expect(await attributes(away, ['QueueArn'])).toEqual({
          QueueArn: 'arn:aws:sqs:us-west-2:000000000000:shared-name',
        });
        expect((await west.call('GetQueueUrl', { QueueName: 'shared-name' })).QueueUrl).toBe(away);
        expect((await west.call('ListQueues', {})).QueueUrls).toEqual([away]);
      } finally {
        west.destroy();
      }
    });

    it('omits QueueUrls from an empty ListQueues and Failed from a batch without failures', async () => {
      const listed = await sqs.call('ListQueues', {});
      expect(listed.QueueUrls ?? []).toEqual([]);
      if (protocol === 'json') expect(listed).not.toHaveProperty('QueueUrls');
      const url = await create('batch');
      const sent = await sqs.call('SendMessageBatch', {
        QueueUrl: url,
        Entries: [{ Id: 'a', MessageBody: 'x' }],
      });
      expect(sent.Successful).toHaveLength(1);
      if (protocol === 'json') expect(sent).not.toHaveProperty('Failed');
      expect(sent.Failed ?? []).toEqual([]);
    });
  });

  describe('error wording', () => {
    it('words a batch entry over the size limit as "cannot be validated"', async () => {
      const url = await create('small', { MaximumMessageSize: '1024' });
      const sent = await sqs.call('SendMessageBatch', {
        QueueUrl: url,
        Entries: [
          { Id: 'big', MessageBody: 'x'.repeat(1025) },
          { Id: 'ok', MessageBody: 'y' },
        ],
      });
      expect(sent.Failed).toEqual([
        {
          Id: 'big',
          SenderFault: true,
          Code: 'InvalidParameterValue',
          Message:
            'One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes.',
        },
      ]);
      expect(
        await sqs.fail('SendMessage', { QueueUrl: url, MessageBody: 'x'.repeat(1025) }),
      ).toMatchObject({
        message:
          'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.',
      });
    });

    it('words message attribute failures without the parameters prefix', async () => {
      const url = await create('attrs');
      expect(
        await sqs.fail('SendMessage', {
          QueueUrl: url,
          MessageBody: 'x',
          MessageAttributes: { ErrorDetails: { DataType: 'String', StringValue: '' } },
        }),
      ).toMatchObject({
        code: 'InvalidParameterValue',
        message:
          "Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'.",
      });
    });
  });

  describe('send and validation', () => {
    it('allows DelaySeconds=0 on a FIFO queue and refuses any other delay', async () => {
      const url = await fifo('delay', { ContentBasedDeduplication: 'true' });
      await sqs.call('SendMessage', {
        QueueUrl: url,
        MessageBody: 'now',
        MessageGroupId: 'g',
        DelaySeconds: 0,
      });
      expect(await receive(url)).toHaveLength(1);
      expect(
        await sqs.fail('SendMessage', {
          QueueUrl: url,
          MessageBody: 'later',
          MessageGroupId: 'g',
          DelaySeconds: 2,
        }),
      ).toMatchObject({
        code: 'InvalidParameterValue',
        message:
          'Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.',
      });
    });

    it('refuses a whole FIFO batch when an entry lacks its group or deduplication id', async () => {
      const url = await fifo('batch');
      expect(
        await sqs.fail('SendMessageBatch', {
          QueueUrl: url,
          Entries: [
            { Id: 'a', MessageBody: 'a', MessageGroupId: 'g', MessageDeduplicationId: 'a' },
            { Id: 'b', MessageBody: 'b', MessageDeduplicationId: 'b' },
          ],
        }),
      ).toMatchObject({
        code: 'InvalidParameterValue',
        message: 'The request must contain the parameter MessageGroupId.',
      });
      expect(
        await sqs.fail('SendMessageBatch', {
          QueueUrl: url,
          Entries: [
            { Id: 'a', MessageBody: 'a', MessageGroupId: 'g', MessageDeduplicationId: 'a' },
            { Id: 'b', MessageBody: 'b', MessageGroupId: 'g' },
          ],
        }),
      ).toMatchObject({
        code: 'InvalidParameterValue',
        message:
          'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      });
      expect(await receive(url)).toEqual([]);
    });

    it('takes non-ASCII attribute names and refuses invalid characters in values', async () => {
      const url = await create('names');
      await sqs.call('SendMessage', {
        QueueUrl: url,
        MessageBody: 'x',
        MessageAttributes: { größe: { DataType: 'String', StringValue: 'groß' } },
      });
      const [message] = await receive(url, { MessageAttributeNames: ['All'] });
      expect(Object.keys(message?.MessageAttributes ?? {})).toEqual(['größe']);
      expect(message?.MessageAttributes?.größe).toMatchObject({
        DataType: 'String',
        StringValue: 'groß',
      });
      expect(
        await sqs.fail('SendMessage', {
          QueueUrl: url,
          MessageBody: 'x',
          MessageAttributes: { bad: { DataType: 'String', StringValue: 'a\u0001b' } },
        }),
      ).toMatchObject({ code: 'InvalidParameterValue', status: 400 });
    });

    it('keeps the X-Amzn-Trace-Id header as the AWSTraceHeader system attribute', async () => {
      const url = await create('traced');
      const trace = 'Root=1-3152b799-8954dae64eda91bc9a23a7e8;Parent=7fa8c0f79203be72;Sampled=1';
      await sqs.call(
        'SendMessage',
        { QueueUrl: url, MessageBody: 'x' },
        { 'X-Amzn-Trace-Id': trace },
      );
      const [message] = await receive(url, { MessageSystemAttributeNames: ['AWSTraceHeader'] });
      expect(message?.Attributes).toEqual({ AWSTraceHeader: trace });
    });
  });

  describe('receive, visibility and FIFO', () => {
    it('returns one group’s messages together, in order, before the next group', async () => {
      const url = await fifo('groups', { ContentBasedDeduplication: 'true' });
      for (const body of ['a1', 'b1', 'a2', 'b2', 'a3']) {
        await sqs.call('SendMessage', {
          QueueUrl: url,
          MessageBody: body,
          MessageGroupId: body[0],
        });
      }
      const bodies = (await receive(url, { MaxNumberOfMessages: 10 })).map((m) => m.Body);
      expect(bodies).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
    });

    it('filters message attributes by All, .* and Prefix.*', async () => {
      const url = await create('filters');
      await sqs.call('SendMessage', {
        QueueUrl: url,
        MessageBody: 'msg',
        MessageAttributes: {
          General: { DataType: 'String', StringValue: 'Kenobi' },
          Hello: { DataType: 'String', StringValue: 'There' },
          'Help.Me': { DataType: 'String', StringValue: 'Me' },
        },
      });
      const names = async (MessageAttributeNames: string[]) => {
        const [message] = await receive(url, { MessageAttributeNames, VisibilityTimeout: 0 });
        return Object.keys(message?.MessageAttributes ?? {}).sort();
      };
      expect(await names(['.*'])).toEqual(['General', 'Hello', 'Help.Me']);
      expect(await names(['All'])).toEqual(['General', 'Hello', 'Help.Me']);
      expect(await names(['Hel.*'])).toEqual(['Hello', 'Help.Me']);
      expect(await names(['Hello', 'Nope'])).toEqual(['Hello']);
    });

    it('accepts ChangeMessageVisibility with an older handle, and after the timeout passed', async () => {
      const url = await create('vis', { VisibilityTimeout: '10' });
      await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'x' });
      const [first] = await receive(url);
      await control.advance(10_000);
      // Expired, not received again: the change hides the message once more.
      await sqs.call('ChangeMessageVisibility', {
        QueueUrl: url,
        ReceiptHandle: first!.ReceiptHandle,
        VisibilityTimeout: 30,
      });
      expect(await receive(url)).toEqual([]);
      await control.advance(30_000);
      const [second] = await receive(url);
      expect(second?.Body).toBe('x');
      // The first receive's handle is now an older one: success, and on a standard queue it
      // changes the current receive's timeout, as recorded from AWS (the message is back at once).
      await sqs.call('ChangeMessageVisibility', {
        QueueUrl: url,
        ReceiptHandle: first!.ReceiptHandle,
        VisibilityTimeout: 0,
      });
      expect(await receive(url)).toHaveLength(1);
    });

    it('forgets FIFO deduplication ids on PurgeQueue', async () => {
      const url = await fifo('purged');
      const send = () =>
        sqs.call('SendMessage', {
          QueueUrl: url,
          MessageBody: 'x',
          MessageGroupId: 'g',
          MessageDeduplicationId: 'same',
        });
      await send();
      await sqs.call('PurgeQueue', { QueueUrl: url });
      await send();
      expect(await receive(url)).toHaveLength(1);
    });
  });

  describe('message move tasks', () => {
    const dlqPair = async () => {
      const dlq = await create('dlq');
      const dlqArn = `arn:aws:sqs:${REGION}:000000000000:dlq`;
      const source = await create('source', {
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }),
      });
      return { dlq, dlqArn, source };
    };

    it('refuses a malformed task handle as an invalid parameter', async () => {
      expect(await sqs.fail('CancelMessageMoveTask', { TaskHandle: 'not-a-handle' })).toMatchObject(
        {
          code: 'InvalidParameterValue',
          status: 400,
          message: 'Value for parameter TaskHandle is invalid.',
        },
      );
    });

    it('refuses a second task on a source, a source that is no DLQ and an unknown source', async () => {
      const { dlqArn: dlq, dlq: dlqUrl } = await dlqPair();
      await create('other');
      for (const body of ['a', 'b'])
        await sqs.call('SendMessage', { QueueUrl: dlqUrl, MessageBody: body });
      // One message a second: the task is still running when the second one is asked for.
      await sqs.call('StartMessageMoveTask', {
        SourceArn: dlq,
        DestinationArn: `arn:aws:sqs:${REGION}:000000000000:other`,
        MaxNumberOfMessagesPerSecond: 1,
      });
      expect(await sqs.fail('StartMessageMoveTask', { SourceArn: dlq })).toMatchObject({
        code: 'InvalidParameterValue',
        status: 400,
      });
      expect(
        await sqs.fail('StartMessageMoveTask', {
          SourceArn: `arn:aws:sqs:${REGION}:000000000000:other`,
        }),
      ).toMatchObject({
        code: 'InvalidParameterValue',
        message: 'Source queue must be configured as a Dead Letter Queue.',
      });
      expect(
        await sqs.fail('StartMessageMoveTask', {
          SourceArn: `arn:aws:sqs:${REGION}:000000000000:missing`,
        }),
      ).toMatchObject({
        code: 'ResourceNotFoundException',
        message: "The resource that you specified for the SourceArn parameter doesn't exist.",
      });
    });

    it('fails the task with NonExistentQueue when its destination is deleted mid-move', async () => {
      const { dlq, dlqArn, source } = await dlqPair();
      const target = await create('target');
      for (const body of ['a', 'b']) {
        await sqs.call('SendMessage', { QueueUrl: source, MessageBody: body });
      }
      await receive(source, { MaxNumberOfMessages: 10, VisibilityTimeout: 0 });
      await receive(source, { MaxNumberOfMessages: 10 });
      expect(
        (await attributes(dlq, ['ApproximateNumberOfMessages'])).ApproximateNumberOfMessages,
      ).toBe('2');
      // One message a second: the first moves at once, the second after the target is gone.
      await sqs.call('StartMessageMoveTask', {
        SourceArn: dlqArn,
        DestinationArn: `arn:aws:sqs:${REGION}:000000000000:target`,
        MaxNumberOfMessagesPerSecond: 1,
      });
      await sqs.call('DeleteQueue', { QueueUrl: target });
      await control.advance(1_000);
      const { Results } = await sqs.call('ListMessageMoveTasks', { SourceArn: dlqArn });
      expect(Results[0]).toMatchObject({
        Status: 'FAILED',
        FailureReason: 'AWS.SimpleQueueService.NonExistentQueue',
      });
    });
  });
});
