// Recorded: the query protocol by hand — signed GET requests on the endpoint and on queue URLs,
// as AWS answered them: attributes, send and receive, delete, which actions a queue URL takes,
// errors in XML (or JSON when asked), and the queue a QueueUrl parameter names overriding the
// path. These are raw HTTP requests no SDK makes, so they run in the query pass only.
import { expect, it } from 'vitest';
import { type SqsCaller, sqsCaller } from '../../support/sqs-clients.ts';
import { signedGet } from './b-support.ts';
import { recordedSuite } from './support.ts';

recordedSuite(
  'query API by hand',
  ({ create, emulatorUrl, sqs }) => {
    it('answers a signed GET ListQueues on the endpoint', async () => {
      const response = await signedGet(emulatorUrl(), {
        Action: 'ListQueues',
        Version: '2012-11-05',
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<ListQueuesResponse');
    });

    it('answers GetQueueAttributes All on the queue URL', async () => {
      const url = await create('attrs-all');
      const response = await signedGet(url, {
        Action: 'GetQueueAttributes',
        'AttributeName.1': 'All',
      });
      expect(response.ok).toBe(true);
      const text = await response.text();
      expect(text).toContain('<GetQueueAttributesResponse');
      expect(text).toContain('<Attribute><Name>QueueArn</Name><Value>arn:aws:sqs:');
      expect(text).toContain('<Attribute><Name>VisibilityTimeout</Name><Value>30');
      expect(text).toContain('attrs-all');
    });

    it('answers GetQueueAttributes for just the attribute named', async () => {
      const url = await create('attrs-one');
      const response = await signedGet(url, {
        Action: 'GetQueueAttributes',
        'AttributeName.1': 'QueueArn',
      });
      expect(response.ok).toBe(true);
      const text = await response.text();
      expect(text).toContain('<GetQueueAttributesResponse');
      expect(text).toContain('<Attribute><Name>QueueArn</Name><Value>arn:aws:sqs:');
      expect(text).not.toContain('<Attribute><Name>VisibilityTimeout</Name>');
      expect(text).toContain('attrs-one');
    });

    it('refuses an unknown action on a queue URL as InvalidAction', async () => {
      const url = await create('foobar');
      const response = await signedGet(url, { Action: 'FooBar', Version: '2012-11-05' });
      expect(response.ok).toBe(false);
      const text = await response.text();
      expect(text).toContain('<Code>InvalidAction</Code>');
      expect(text).toContain('<Type>Sender</Type>');
      expect(text).toContain(
        '<Message>The action FooBar is not valid for this endpoint.</Message>',
      );
    });

    it('names the missing parameter of a valid action', async () => {
      const url = await create('missing');
      const response = await signedGet(url, { Action: 'SendMessage' });
      expect(response.ok).toBe(false);
      const text = await response.text();
      expect(text).toContain('<Code>MissingParameter</Code>');
      expect(text).toContain('<Type>Sender</Type>');
      expect(text).toContain(
        '<Message>The request must contain the parameter MessageBody.</Message>',
      );
    });

    it('shows FifoQueue true among a FIFO queue’s attributes', async () => {
      const url = await create('typed.fifo', { FifoQueue: 'true' });
      expect(url).toContain('.fifo');
      const response = await signedGet(url, {
        Action: 'GetQueueAttributes',
        'AttributeName.1': 'All',
      });
      expect(response.ok).toBe(true);
      const text = await response.text();
      expect(text).toContain('<Name>FifoQueue</Name><Value>true</Value>');
      expect(text).toContain('typed.fifo');
    });

    it('refuses an unknown attribute name as InvalidAttributeName', async () => {
      const url = await create('unknown-attr');
      const response = await signedGet(url, {
        Action: 'GetQueueAttributes',
        'AttributeName.1': 'Foobar',
      });
      expect(response.ok).toBe(false);
      const text = await response.text();
      expect(text).toContain('<Type>Sender</Type>');
      expect(text).toContain('<Code>InvalidAttributeName</Code>');
      expect(text).toContain('<Message>Unknown Attribute Foobar.</Message>');
    });

    it('deletes the queue a GET DeleteQueue names by its URL', async () => {
      const url = await create('deleted-by-get');
      const response = await signedGet(url, { Action: 'DeleteQueue' });
      expect(response.ok).toBe(true);
      expect(await response.text()).toContain('<DeleteQueueResponse ');
      expect((await sqs().fail('GetQueueUrl', { QueueName: 'deleted-by-get' })).code).toBe(
        'AWS.SimpleQueueService.NonExistentQueue',
      );
    });

    it('sends and receives by GET, an empty receive as an empty result element', async () => {
      const full = await create('full');
      const empty = await create('empty');
      expect((await signedGet(full, { Action: 'SendMessage', MessageBody: 'foobar' })).ok).toBe(
        true,
      );
      const none = await signedGet(empty, { Action: 'ReceiveMessage' });
      expect(none.ok).toBe(true);
      const noneText = await none.text();
      expect(noneText).not.toContain('foobar');
      expect(noneText.replaceAll(' />', '/>')).toContain('<ReceiveMessageResult/>');
      const some = await signedGet(full, { Action: 'ReceiveMessage' });
      expect(some.ok).toBe(true);
      const someText = await some.text();
      expect(someText).toContain('<Body>foobar</Body>');
      expect(someText).toContain('<MD5OfBody>');
    });

    it('answers a GET on a deleted queue with NonExistentQueue', async () => {
      const url = await create('gone');
      await sqs().call('DeleteQueue', { QueueUrl: url });
      const response = await signedGet(url, {
        Action: 'GetQueueAttributes',
        'AttributeName.1': 'QueueArn',
      });
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text).toContain('<Code>AWS.SimpleQueueService.NonExistentQueue</Code>');
      expect(text).toContain('<Message>The specified queue does not exist for this wsdl version');
    });

    it('answers a GET without any query with 404 UnknownOperationException', async () => {
      const url = await create('no-query');
      expect(url.endsWith('/no-query')).toBe(true);
      const response = await signedGet(url);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('<UnknownOperationException');
    });

    it('answers the same in XML when the GET without query asks for JSON', async () => {
      const url = await create('no-query-json');
      const response = await signedGet(url, {}, { headers: { accept: 'application/json' } });
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('<UnknownOperationException');
    });

    for (const action of ['CreateQueue', 'ListQueues']) {
      it(`refuses ${action} on a queue URL as InvalidAction`, async () => {
        const url = await create('endpoint');
        const response = await signedGet(url, {
          Action: action,
          ...(action === 'CreateQueue' ? { QueueName: 'other' } : {}),
        });
        expect(response.status).toBe(400);
        const text = await response.text();
        expect(text).toContain('<Code>InvalidAction</Code>');
        expect(text).toContain(`<Message>The action ${action} is not valid for this endpoint`);
      });
    }

    it('refuses ListQueues on a queue URL in JSON when JSON is asked for', async () => {
      const url = await create('json-error');
      const response = await signedGet(
        url,
        { Action: 'ListQueues' },
        { headers: { accept: 'application/json' } },
      );
      expect(response.status).toBe(400);
      const doc = (await response.json()) as { Error: { Code: string; Message: string } };
      expect(doc.Error.Code).toBe('InvalidAction');
      expect(doc.Error.Message).toBe('The action ListQueues is not valid for this endpoint.');
    });

    it('answers GetQueueAttributes in JSON when JSON is asked for', async () => {
      const url = await create('json-attrs');
      const response = await signedGet(
        url,
        { Action: 'GetQueueAttributes', 'AttributeName.1': 'All' },
        { headers: { accept: 'application/json' } },
      );
      expect(response.ok).toBe(true);
      const doc = (await response.json()) as {
        GetQueueAttributesResponse: {
          GetQueueAttributesResult: { Attributes: { Name: string; Value: string }[] };
        };
      };
      const attributes = doc.GetQueueAttributesResponse.GetQueueAttributesResult.Attributes;
      const arn = attributes.find((a) => a.Name === 'QueueArn')?.Value;
      expect(arn).toContain('arn:aws:sqs');
      expect(arn).toContain('json-attrs');
    });

    it('answers GetQueueUrl on a queue URL, for that queue or another', async () => {
      const first = await create('first-q');
      const second = await create('second-q');
      const same = await signedGet(first, { Action: 'GetQueueUrl', QueueName: 'first-q' });
      expect(same.status).toBe(200);
      expect(await same.text()).toContain(`<QueueUrl>${first}</QueueUrl>`);
      const other = await signedGet(first, { Action: 'GetQueueUrl', QueueName: 'second-q' });
      expect(other.status).toBe(200);
      const text = await other.text();
      expect(text).toContain(`<QueueUrl>${second}</QueueUrl>`);
      expect(text).not.toContain(first);
    });

    it('takes the queue a QueueUrl parameter names over the one in the path', async () => {
      const first = await create('path-queue');
      await create('param-queue');
      const response = await signedGet(first, {
        Action: 'GetQueueAttributes',
        QueueUrl: `${emulatorUrl()}/000000000000/param-queue`,
        'AttributeName.1': 'QueueArn',
      });
      expect(response.ok).toBe(true);
      const text = await response.text();
      expect(text).toContain('<Attribute><Name>QueueArn</Name><Value>arn:aws:sqs:');
      expect(text).not.toContain('path-queue');
      expect(text).toContain('param-queue');
    });

    it('keeps one queue name in two regions apart when addressed by GET', async () => {
      const clients: SqsCaller[] = [];
      try {
        const [west, north] = ['us-west-1', 'eu-north-1'].map((region) => {
          const caller = sqsCaller('query', emulatorUrl(), region);
          clients.push(caller);
          return caller;
        });
        const westUrl: string = (await west!.call('CreateQueue', { QueueName: 'split' })).QueueUrl;
        const northUrl: string = (await north!.call('CreateQueue', { QueueName: 'split' }))
          .QueueUrl;
        expect(westUrl).not.toBe(northUrl);
        expect(northUrl).toContain('eu-north-1');
        const sent = await signedGet(
          westUrl,
          { Action: 'SendMessage', MessageBody: 'foobar' },
          { region: 'us-west-1' },
        );
        expect(sent.ok).toBe(true);
        const receive = (url: string, region: string) =>
          signedGet(url, { Action: 'ReceiveMessage', VisibilityTimeout: '0' }, { region });
        const fromNorth = await receive(northUrl, 'eu-north-1');
        expect(fromNorth.ok).toBe(true);
        expect(await fromNorth.text()).not.toContain('foobar');
        const fromWest = await receive(westUrl, 'us-west-1');
        expect(fromWest.ok).toBe(true);
        expect(await fromWest.text()).toContain('foobar');
      } finally {
        for (const caller of clients) caller.destroy();
      }
    });
  },
  ['query'],
);
