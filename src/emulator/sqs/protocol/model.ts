// The SQS API model as the emulator serves it: each action's request and response shape, with
// the flattened names of the query protocol. Field names follow the AWS API model.
import {
  blob,
  boolean,
  integer,
  list,
  long,
  map,
  type StructureShape,
  string,
  structure,
  type ValueOf,
} from './shape.ts';

const messageAttributeValue = structure(
  {
    StringValue: string,
    BinaryValue: blob,
    StringListValues: list(string, 'StringListValue'),
    BinaryListValues: list(blob, 'BinaryListValue'),
    DataType: string,
  },
  ['DataType'],
);
const messageAttributes = map(messageAttributeValue, 'MessageAttribute');
const messageSystemAttributes = map(messageAttributeValue, 'MessageSystemAttribute');
const queueAttributes = map(string, 'Attribute');
const tags = map(string, 'Tag', 'Key', 'Value');
const queueUrls = list(string, 'QueueUrl');
const batchErrors = list(
  structure({ Id: string, SenderFault: boolean, Code: string, Message: string }, [
    'Id',
    'SenderFault',
    'Code',
  ]),
  'BatchResultErrorEntry',
);
const sendFields = {
  MessageBody: string,
  DelaySeconds: integer,
  MessageAttributes: messageAttributes,
  MessageSystemAttributes: messageSystemAttributes,
  MessageDeduplicationId: string,
  MessageGroupId: string,
};
const sendResultFields = {
  MessageId: string,
  MD5OfMessageBody: string,
  MD5OfMessageAttributes: string,
  MD5OfMessageSystemAttributes: string,
  SequenceNumber: string,
};
const empty = structure({});

export interface ActionModel {
  input: StructureShape;
  output: StructureShape;
}

export const SQS_MODEL = {
  AddPermission: {
    input: structure(
      {
        QueueUrl: string,
        Label: string,
        AWSAccountIds: list(string, 'AWSAccountId'),
        Actions: list(string, 'ActionName'),
      },
      ['QueueUrl', 'Label', 'AWSAccountIds', 'Actions'],
    ),
    output: empty,
  },
  CancelMessageMoveTask: {
    input: structure({ TaskHandle: string }, ['TaskHandle']),
    output: structure({ ApproximateNumberOfMessagesMoved: long }),
  },
  ChangeMessageVisibility: {
    input: structure({ QueueUrl: string, ReceiptHandle: string, VisibilityTimeout: integer }, [
      'QueueUrl',
      'ReceiptHandle',
      'VisibilityTimeout',
    ]),
    output: empty,
  },
  ChangeMessageVisibilityBatch: {
    input: structure(
      {
        QueueUrl: string,
        Entries: list(
          structure({ Id: string, ReceiptHandle: string, VisibilityTimeout: integer }, [
            'Id',
            'ReceiptHandle',
          ]),
          'ChangeMessageVisibilityBatchRequestEntry',
        ),
      },
      // Entries is checked by the batch rules (EmptyBatchRequest), not as a missing parameter.
      ['QueueUrl'],
    ),
    output: structure({
      Successful: list(structure({ Id: string }), 'ChangeMessageVisibilityBatchResultEntry'),
      Failed: batchErrors,
    }),
  },
  CreateQueue: {
    input: structure({ QueueName: string, Attributes: queueAttributes, tags }, ['QueueName']),
    output: structure({ QueueUrl: string }),
  },
  DeleteMessage: {
    input: structure({ QueueUrl: string, ReceiptHandle: string }, ['QueueUrl', 'ReceiptHandle']),
    output: empty,
  },
  DeleteMessageBatch: {
    input: structure(
      {
        QueueUrl: string,
        Entries: list(
          structure({ Id: string, ReceiptHandle: string }, ['Id', 'ReceiptHandle']),
          'DeleteMessageBatchRequestEntry',
        ),
      },
      // Entries is checked by the batch rules (EmptyBatchRequest), not as a missing parameter.
      ['QueueUrl'],
    ),
    output: structure({
      Successful: list(structure({ Id: string }), 'DeleteMessageBatchResultEntry'),
      Failed: batchErrors,
    }),
  },
  DeleteQueue: { input: structure({ QueueUrl: string }, ['QueueUrl']), output: empty },
  GetQueueAttributes: {
    input: structure({ QueueUrl: string, AttributeNames: list(string, 'AttributeName') }, [
      'QueueUrl',
    ]),
    output: structure({ Attributes: queueAttributes }),
  },
  GetQueueUrl: {
    input: structure({ QueueName: string, QueueOwnerAWSAccountId: string }, ['QueueName']),
    output: structure({ QueueUrl: string }),
  },
  ListDeadLetterSourceQueues: {
    input: structure({ QueueUrl: string, NextToken: string, MaxResults: integer }, ['QueueUrl']),
    output: structure({ queueUrls: queueUrls, NextToken: string }),
  },
  ListMessageMoveTasks: {
    input: structure({ SourceArn: string, MaxResults: integer }, ['SourceArn']),
    output: structure({
      Results: list(
        structure({
          TaskHandle: string,
          Status: string,
          SourceArn: string,
          DestinationArn: string,
          MaxNumberOfMessagesPerSecond: integer,
          ApproximateNumberOfMessagesMoved: long,
          ApproximateNumberOfMessagesToMove: long,
          FailureReason: string,
          StartedTimestamp: long,
        }),
        'ListMessageMoveTasksResultEntry',
      ),
    }),
  },
  ListQueueTags: {
    input: structure({ QueueUrl: string }, ['QueueUrl']),
    output: structure({ Tags: tags }),
  },
  ListQueues: {
    input: structure({ QueueNamePrefix: string, NextToken: string, MaxResults: integer }),
    output: structure({ QueueUrls: queueUrls, NextToken: string }),
  },
  PurgeQueue: { input: structure({ QueueUrl: string }, ['QueueUrl']), output: empty },
  ReceiveMessage: {
    input: structure(
      {
        QueueUrl: string,
        AttributeNames: list(string, 'AttributeName'),
        MessageSystemAttributeNames: list(string, 'MessageSystemAttributeName'),
        MessageAttributeNames: list(string, 'MessageAttributeName'),
        MaxNumberOfMessages: integer,
        VisibilityTimeout: integer,
        WaitTimeSeconds: integer,
        ReceiveRequestAttemptId: string,
      },
      ['QueueUrl'],
    ),
    output: structure({
      Messages: list(
        structure({
          MessageId: string,
          ReceiptHandle: string,
          MD5OfBody: string,
          Body: string,
          Attributes: queueAttributes,
          MD5OfMessageAttributes: string,
          MessageAttributes: messageAttributes,
        }),
        'Message',
      ),
    }),
  },
  RemovePermission: {
    input: structure({ QueueUrl: string, Label: string }, ['QueueUrl', 'Label']),
    output: empty,
  },
  SendMessage: {
    input: structure({ QueueUrl: string, ...sendFields }, ['QueueUrl', 'MessageBody']),
    output: structure(sendResultFields),
  },
  SendMessageBatch: {
    input: structure(
      {
        QueueUrl: string,
        Entries: list(
          structure({ Id: string, ...sendFields }, ['Id', 'MessageBody']),
          'SendMessageBatchRequestEntry',
        ),
      },
      // Entries is checked by the batch rules (EmptyBatchRequest), not as a missing parameter.
      ['QueueUrl'],
    ),
    output: structure({
      Successful: list(
        structure({ Id: string, ...sendResultFields }),
        'SendMessageBatchResultEntry',
      ),
      Failed: batchErrors,
    }),
  },
  SetQueueAttributes: {
    input: structure({ QueueUrl: string, Attributes: queueAttributes }, ['QueueUrl', 'Attributes']),
    output: empty,
  },
  StartMessageMoveTask: {
    input: structure(
      { SourceArn: string, DestinationArn: string, MaxNumberOfMessagesPerSecond: integer },
      ['SourceArn'],
    ),
    output: structure({ TaskHandle: string }),
  },
  TagQueue: {
    input: structure({ QueueUrl: string, Tags: tags }, ['QueueUrl', 'Tags']),
    output: empty,
  },
  UntagQueue: {
    input: structure({ QueueUrl: string, TagKeys: list(string, 'TagKey') }, [
      'QueueUrl',
      'TagKeys',
    ]),
    output: empty,
  },
} satisfies Record<string, ActionModel>;

export type SqsAction = keyof typeof SQS_MODEL;

export function isSqsAction(name: string): name is SqsAction {
  return Object.hasOwn(SQS_MODEL, name);
}

type SqsModel = typeof SQS_MODEL;

/** Each action's decoded, validated input, as its handler receives it. */
export type InputMap = { [A in SqsAction]: ValueOf<SqsModel[A]['input']> };

/** Each action's output, as its handler returns it and the codecs encode it. */
export type OutputMap = { [A in SqsAction]: ValueOf<SqsModel[A]['output']> };

/** One decoded request: an action and its input, correlated. */
export interface DecodedRequest<A extends SqsAction = SqsAction> {
  action: A;
  input: InputMap[A];
}

/**
 * Pairs an action with its input decoded against the action's own shape. The decoders check
 * every member against that shape, so the value has the shape's type: this is the one place the
 * emulator states so, and actions take their inputs typed from here. A send carries the
 * request's X-Ray trace header as its `AWSTraceHeader` system attribute unless it names one.
 */
export function decodedRequest<A extends SqsAction>(
  action: A,
  decode: (shape: StructureShape) => Record<string, unknown>,
  traceHeader: string | undefined,
): DecodedRequest<A> {
  const raw = decode(SQS_MODEL[action].input);
  if (traceHeader !== undefined && action === 'SendMessage') addTraceHeader(raw, traceHeader);
  const input: unknown = raw;
  return { action, input: input as InputMap[A] };
}

function addTraceHeader(send: Record<string, unknown>, header: string): void {
  const trace = { DataType: 'String', StringValue: header };
  const system = send.MessageSystemAttributes;
  if (system === undefined) send.MessageSystemAttributes = { AWSTraceHeader: trace };
  else if (typeof system === 'object' && system !== null && !('AWSTraceHeader' in system)) {
    Object.assign(system, { AWSTraceHeader: trace });
  }
}
