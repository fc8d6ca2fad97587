// The protocol layer on its own: shape-driven decoding of JSON and flattened query parameters,
// XML encoding, and the single error table mapping domain errors to both wire formats.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { EmulatorRequest } from '../../../../src/emulator/http/types.ts';
import { SqsError } from '../../../../src/emulator/sqs/domain/errors.ts';
import { decodeJson, decodeQuery } from '../../../../src/emulator/sqs/protocol/decode.ts';
import {
  decodeJsonRequest,
  encodeJsonError,
} from '../../../../src/emulator/sqs/protocol/json-codec.ts';
import { SQS_MODEL } from '../../../../src/emulator/sqs/protocol/model.ts';
import {
  decodeQueryRequest,
  encodeQueryError,
  encodeQueryResult,
} from '../../../../src/emulator/sqs/protocol/query-codec.ts';
import { WIRE_ERRORS } from '../../../../src/emulator/sqs/protocol/wire-errors.ts';
import { errorOf as caught } from '../../support/sqs-engine.ts';

function request(parts: Partial<EmulatorRequest>): EmulatorRequest {
  return {
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers: {},
    body: Buffer.alloc(0),
    host: '127.0.0.1:4566',
    ...parts,
  };
}

describe('query decoding', () => {
  it('un-flattens batch entries with nested message attributes', () => {
    const params = new Map(
      Object.entries({
        QueueUrl: 'http://h/000000000000/q',
        'SendMessageBatchRequestEntry.1.Id': 'a',
        'SendMessageBatchRequestEntry.1.MessageBody': 'one',
        'SendMessageBatchRequestEntry.1.DelaySeconds': '5',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Name': 'k',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType': 'Binary',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.BinaryValue': 'AAE=',
        'SendMessageBatchRequestEntry.2.Id': 'b',
        'SendMessageBatchRequestEntry.2.MessageBody': 'two',
      }),
    );
    expect(decodeQuery(SQS_MODEL.SendMessageBatch.input, params)).toEqual({
      QueueUrl: 'http://h/000000000000/q',
      Entries: [
        {
          Id: 'a',
          MessageBody: 'one',
          DelaySeconds: 5,
          MessageAttributes: { k: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1]) } },
        },
        { Id: 'b', MessageBody: 'two' },
      ],
    });
  });

  it('reads maps and lists by their flattened names', () => {
    const params = new Map(
      Object.entries({
        QueueName: 'q',
        'Attribute.1.Name': 'VisibilityTimeout',
        'Attribute.1.Value': '5',
        'Tag.1.Key': 'team',
        'Tag.1.Value': 'graph',
      }),
    );
    expect(decodeQuery(SQS_MODEL.CreateQueue.input, params)).toEqual({
      QueueName: 'q',
      Attributes: { VisibilityTimeout: '5' },
      tags: { team: 'graph' },
    });
  });

  it('rejects bad indices, missing map keys, bad integers, bad base64 and missing parameters', () => {
    const decode = (
      entries: Record<string, string>,
      action: keyof typeof SQS_MODEL = 'CreateQueue',
    ) => caught(() => decodeQuery(SQS_MODEL[action].input, new Map(Object.entries(entries))));
    expect(decode({ QueueName: 'q', 'Attribute.0.Name': 'x' }).code).toBe('InvalidParameterValue');
    expect(decode({ QueueName: 'q', 'Attribute.1.Value': 'x' }).message).toBe(
      'The request must contain the parameter Attribute.1.Name.',
    );
    expect(decode({ QueueUrl: 'u', MaxNumberOfMessages: '1e3' }, 'ReceiveMessage').code).toBe(
      'InvalidParameterValue',
    );
    expect(
      decode(
        {
          QueueUrl: 'u',
          MessageBody: 'x',
          'MessageAttribute.1.Name': 'b',
          'MessageAttribute.1.Value.DataType': 'Binary',
          'MessageAttribute.1.Value.BinaryValue': '%%%',
        },
        'SendMessage',
      ).code,
    ).toBe('InvalidParameterValue');
    expect(decode({}).code).toBe('MissingParameter');
  });

  it('takes the queue URL from the request path when the parameter is absent', () => {
    const decoded = decodeQueryRequest(
      request({
        path: '/000000000000/jobs',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from('Action=PurgeQueue'),
      }),
    );
    expect(decoded).toEqual({
      action: 'PurgeQueue',
      input: { QueueUrl: 'http://127.0.0.1:4566/000000000000/jobs' },
    });
  });
});

describe('JSON decoding', () => {
  it('names the parameter with the wrong type', () => {
    expect(
      caught(() =>
        decodeJson(SQS_MODEL.ReceiveMessage.input, { QueueUrl: 'u', MaxNumberOfMessages: '5' }),
      ).message,
    ).toBe('Value for parameter MaxNumberOfMessages is invalid. Reason: expected an integer.');
    expect(caught(() => decodeJson(SQS_MODEL.SendMessage.input, [])).code).toBe(
      'InvalidParameterValue',
    );
    expect(
      caught(() =>
        decodeJson(SQS_MODEL.SendMessage.input, {
          QueueUrl: 'u',
          MessageBody: 'x',
          MessageAttributes: { a: { StringValue: 'no type' } },
        }),
      ).message,
    ).toBe('The request must contain the parameter MessageAttributes.a.DataType.');
  });

  it('refuses unknown targets and unparsable bodies', () => {
    const unknown = caught(() =>
      decodeJsonRequest(
        request({ headers: { 'x-amz-target': 'AmazonSQS.Explode' }, body: Buffer.from('{}') }),
      ),
    );
    expect(unknown.code).toBe('InvalidAction');
    const malformed = caught(() =>
      decodeJsonRequest(
        request({ headers: { 'x-amz-target': 'AmazonSQS.ListQueues' }, body: Buffer.from('{') }),
      ),
    );
    expect(malformed.code).toBe('MalformedRequest');
  });
});

describe('encoding', () => {
  it('writes query XML with flattened lists and maps, escaping text', () => {
    const response = encodeQueryResult(
      'ReceiveMessage',
      {
        Messages: [
          {
            MessageId: 'm1',
            ReceiptHandle: 'h',
            MD5OfBody: 'x',
            Body: 'a < b & "c"\r\n',
            Attributes: { SentTimestamp: '1' },
            MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } },
          },
        ],
      },
      'req-1',
    );
    const body = String(response.body);
    expect(body).toContain('<Body>a &lt; b &amp; &quot;c&quot;&#xD;\n</Body>');
    expect(body).toContain('<Attribute><Name>SentTimestamp</Name><Value>1</Value></Attribute>');
    expect(body).toContain(
      '<MessageAttribute><Name>k</Name><Value><StringValue>v</StringValue><DataType>String</DataType></Value></MessageAttribute>',
    );
    const parsed = new XMLParser().parse(body);
    expect(parsed.ReceiveMessageResponse.ResponseMetadata.RequestId).toBe('req-1');
  });

  it('maps every domain error through the one table in both protocols', () => {
    const error = new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');
    const json = encodeJsonError(error, 'r');
    expect(json.status).toBe(400);
    expect(JSON.parse(String(json.body))).toEqual({
      __type: 'com.amazonaws.sqs#QueueDoesNotExist',
      message: 'The specified queue does not exist.',
    });
    expect(json.headers?.['x-amzn-query-error']).toBe(
      'AWS.SimpleQueueService.NonExistentQueue;Sender',
    );
    const xml = String(encodeQueryError(error, 'r').body);
    expect(xml).toContain('<Code>AWS.SimpleQueueService.NonExistentQueue</Code>');
    expect(WIRE_ERRORS.QueueNameExists.query).toBe('QueueAlreadyExists');
    expect(WIRE_ERRORS.PurgeQueueInProgress).toMatchObject({
      query: 'AWS.SimpleQueueService.PurgeQueueInProgress',
      status: 403,
    });
    for (const [name, wire] of Object.entries(WIRE_ERRORS)) {
      expect(wire.status, name).toBeGreaterThanOrEqual(400);
      if (wire.status >= 500) expect(wire.fault, name).toBe('Receiver');
    }
  });

  it('keeps query error XML well formed when the message quotes control characters', () => {
    const xml = String(
      encodeQueryError(new SqsError('ReceiptHandleIsInvalid', 'bad "\u0001<x>"'), 'r').body,
    );
    expect(xml).toContain('<Message>bad &quot;\uFFFD&lt;x&gt;&quot;</Message>');
  });
});
