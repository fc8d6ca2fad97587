// SQS's error wire format as AWS sends it, read off the raw HTTP answer where an SDK would hide
// it: the JSON protocol's long `__type` names beside the short code in `x-amzn-query-error`, the
// query protocol's answers to unknown or misplaced actions, the empty receive, and request bodies
// that are not UTF-8 (a 4xx on both protocols, never a silent replacement).
import { ReceiveMessageCommand, SQSClient, SQSServiceException } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControlClient } from '../../../src/emulator/control/client.ts';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.ts';

let emulator: RunningEmulator;
let control: EmulatorControlClient;
const SIGNED = {
  authorization:
    'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0',
};

beforeAll(async () => {
  emulator = await startEmulator({ timeScale: 0, seed: 5 });
  control = new EmulatorControlClient(emulator.url);
});
afterAll(() => emulator.stop());
beforeEach(() => control.reset());

const json = (action: string, body: string | Buffer) =>
  fetch(emulator.url, {
    method: 'POST',
    headers: {
      ...SIGNED,
      'x-amz-target': `AmazonSQS.${action}`,
      'content-type': 'application/x-amz-json-1.0',
    },
    body,
  });
const query = (path: string, body: string | Buffer, method = 'POST') =>
  fetch(`${emulator.url}${path}`, {
    method,
    headers: { ...SIGNED, 'content-type': 'application/x-www-form-urlencoded' },
    ...(method === 'GET' ? {} : { body }),
  });

describe('JSON protocol errors', () => {
  it('carries the long exception name in __type and the short code in x-amzn-query-error', async () => {
    const url = emulator.queueUrl('q');
    await json('CreateQueue', JSON.stringify({ QueueName: 'q' }));
    const invalid = await json(
      'ReceiveMessage',
      JSON.stringify({ QueueUrl: url, MaxNumberOfMessages: 11 }),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('x-amzn-query-error')).toBe('InvalidParameterValue;Sender');
    expect(await invalid.json()).toEqual({
      __type: 'com.amazonaws.sqs#InvalidParameterValueException',
      message:
        'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
    });
    const missing = await json('SendMessage', JSON.stringify({ QueueUrl: url }));
    expect(missing.headers.get('x-amzn-query-error')).toBe('MissingParameter;Sender');
    expect(await missing.json()).toMatchObject({
      __type: 'com.amazonaws.sqs#MissingRequiredParameterException',
    });
  });

  it('reaches the SDK under the short code, read from x-amzn-query-error', async () => {
    const client = new SQSClient({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts: 1,
    });
    await json('CreateQueue', JSON.stringify({ QueueName: 'q' }));
    const error = await client
      .send(new ReceiveMessageCommand({ QueueUrl: emulator.queueUrl('q'), WaitTimeSeconds: 21 }))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    client.destroy();
    expect(error).toBeInstanceOf(SQSServiceException);
    expect(error).toMatchObject({ name: 'InvalidParameterValue', Code: 'InvalidParameterValue' });
  });
});

describe('query protocol answers', () => {
  it('says an unknown action does not exist for this wsdl version', async () => {
    const response = await query('/', 'Action=FlyToTheMoon&Version=2012-11-05');
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain('<Code>InvalidAction</Code>');
    expect(text).toContain(
      '<Message>The action FlyToTheMoon does not exist for this wsdl version.</Message>',
    );
  });

  it('answers a signed SQS GET without an Action with 404 UnknownOperationException', async () => {
    const response = await query('/', '', 'GET');
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('<UnknownOperationException/>\n');
  });

  it('refuses account-level actions on a queue URL as not valid for this endpoint', async () => {
    await query('/', 'Action=CreateQueue&QueueName=q');
    for (const action of ['CreateQueue&QueueName=other', 'ListQueues']) {
      const response = await query(`/000000000000/q?Action=${action}`, '', 'GET');
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text).toContain('<Code>InvalidAction</Code>');
      expect(text).toContain(`is not valid for this endpoint.</Message>`);
    }
  });

  it('answers in JSON to a client that accepts application/json', async () => {
    const accept = {
      ...SIGNED,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    const created = await fetch(emulator.url, {
      method: 'POST',
      headers: accept,
      body: 'Action=CreateQueue&QueueName=q',
    });
    expect(created.headers.get('content-type')).toBe('application/json');
    expect(await created.json()).toEqual({
      CreateQueueResponse: {
        CreateQueueResult: { QueueUrl: emulator.queueUrl('q') },
        ResponseMetadata: { RequestId: expect.any(String) },
      },
    });
    const missing = await fetch(emulator.url, {
      method: 'POST',
      headers: accept,
      body: 'Action=GetQueueUrl&QueueName=nope',
    });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      Error: {
        Type: 'Sender',
        Code: 'AWS.SimpleQueueService.NonExistentQueue',
        Message: 'The specified queue does not exist for this wsdl version.',
      },
      RequestId: expect.any(String),
    });
  });

  it('writes an empty receive as <ReceiveMessageResult/>', async () => {
    await query('/', 'Action=CreateQueue&QueueName=q');
    const response = await query('/000000000000/q', 'Action=ReceiveMessage');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<ReceiveMessageResult/>');
  });
});

describe('bodies that are not UTF-8', () => {
  const invalid = Buffer.from([0xc3, 0x28]);

  it('are a 400 on the JSON protocol', async () => {
    const body = Buffer.concat([Buffer.from('{"QueueName":"'), invalid, Buffer.from('"}')]);
    const response = await json('CreateQueue', body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      __type: 'com.amazonaws.sqs#SerializationException',
    });
  });

  it('are a 400 on the query protocol, raw or percent-encoded', async () => {
    for (const body of [
      Buffer.concat([Buffer.from('Action=CreateQueue&QueueName='), invalid]),
      Buffer.from('Action=CreateQueue&QueueName=%C3%28'),
    ]) {
      const response = await query('/', body);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('<Code>MalformedQueryString</Code>');
    }
    const listed = await query('/', 'Action=ListQueues');
    expect(await listed.text()).not.toContain('<QueueUrl>');
  });
});
