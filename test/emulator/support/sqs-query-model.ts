// The installed JS SDK v2 ships SQS's current (JSON protocol) model. To drive the emulator's query
// protocol with a real v2 client we rebuild the query model from it: same operations and shapes,
// protocol `query`, result wrappers, and the flattened element names SQS's query model used.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type Json = Record<string, unknown>;

function at(root: Json, path: string): Json {
  let node: Json = root;
  for (const part of path.split('.')) node = node[part] as Json;
  return node;
}

export function sqsQueryModel(): Json {
  const model = structuredClone(require('aws-sdk/apis/sqs-2012-11-05.min.json') as Json);
  const metadata = model.metadata as Json;
  model.metadata = {
    apiVersion: metadata.apiVersion,
    endpointPrefix: 'sqs',
    protocol: 'query',
    protocols: ['query'],
    serviceAbbreviation: metadata.serviceAbbreviation,
    serviceFullName: metadata.serviceFullName,
    serviceId: 'SQS',
    signatureVersion: 'v4',
    uid: metadata.uid,
    xmlNamespace: 'http://queue.amazonaws.com/doc/2012-11-05/',
  };
  const shapes = model.shapes as Json;
  const operations = model.operations as Json;
  // Shared shapes: which shape id holds what is read from the model, not assumed.
  const sharedName = (shapeId: string, name: string) => {
    const shape = shapes[shapeId] as Json;
    if (shape.type === 'list') (shape.member as Json).locationName = name;
  };
  const mapNames = (shape: Json, key: string, value: string) => {
    (shape.key as Json).locationName = key;
    (shape.value as Json).locationName = value;
  };
  const ref = (op: string, path: string): Json => at(operations[op] as Json, path);
  const shapeOf = (member: Json): Json =>
    typeof member.shape === 'string' ? (shapes[member.shape] as Json) : member;

  for (const [name, op] of Object.entries(operations)) {
    const output = (op as Json).output as Json | undefined;
    if (output) output.resultWrapper = `${name}Result`;
  }
  const attributes = ref('CreateQueue', 'input.members.Attributes');
  attributes.locationName = 'Attribute';
  mapNames(shapeOf(attributes), 'Name', 'Value');
  const tags = ref('CreateQueue', 'input.members.tags');
  tags.locationName = 'Tag';
  mapNames(shapeOf(tags), 'Key', 'Value');
  ref('SetQueueAttributes', 'input.members.Attributes').locationName = 'Attribute';
  ref('GetQueueAttributes', 'output.members.Attributes').locationName = 'Attribute';
  sharedName(
    ref('GetQueueAttributes', 'input.members.AttributeNames').shape as string,
    'AttributeName',
  );
  ref('TagQueue', 'input.members.Tags').locationName = 'Tag';
  ref('ListQueueTags', 'output.members.Tags').locationName = 'Tag';
  (ref('UntagQueue', 'input.members.TagKeys').member as Json).locationName = 'TagKey';
  (ref('AddPermission', 'input.members.AWSAccountIds').member as Json).locationName =
    'AWSAccountId';
  (ref('AddPermission', 'input.members.Actions').member as Json).locationName = 'ActionName';
  sharedName(ref('ListQueues', 'output.members.QueueUrls').shape as string, 'QueueUrl');
  sharedName(
    ref('SendMessageBatch', 'output.members.Failed').shape as string,
    'BatchResultErrorEntry',
  );
  for (const [op, entry] of [
    ['SendMessageBatch', 'SendMessageBatch'],
    ['DeleteMessageBatch', 'DeleteMessageBatch'],
    ['ChangeMessageVisibilityBatch', 'ChangeMessageVisibilityBatch'],
  ] as const) {
    (ref(op, 'input.members.Entries').member as Json).locationName = `${entry}RequestEntry`;
    (ref(op, 'output.members.Successful').member as Json).locationName = `${entry}ResultEntry`;
  }
  (ref('ListMessageMoveTasks', 'output.members.Results').member as Json).locationName =
    'ListMessageMoveTasksResultEntry';

  const messageAttributes = ref('SendMessage', 'input.members.MessageAttributes');
  messageAttributes.locationName = 'MessageAttribute';
  const attributeMap = shapeOf(messageAttributes);
  mapNames(attributeMap, 'Name', 'Value');
  const attributeValue = attributeMap.value as Json;
  const valueMembers = attributeValue.members as Json;
  (valueMembers.StringListValues as Json).locationName = 'StringListValue';
  (valueMembers.BinaryListValues as Json).locationName = 'BinaryListValue';
  const systemAttributes = ref('SendMessage', 'input.members.MessageSystemAttributes');
  systemAttributes.locationName = 'MessageSystemAttribute';
  mapNames(shapeOf(systemAttributes), 'Name', 'Value');
  const batchEntry = ref('SendMessageBatch', 'input.members.Entries.member.members');
  (batchEntry.MessageAttributes as Json).locationName = 'MessageAttribute';
  (batchEntry.MessageSystemAttributes as Json).locationName = 'MessageSystemAttribute';

  const receive = ref('ReceiveMessage', 'input.members');
  (receive.MessageSystemAttributeNames as Json).member = {
    locationName: 'MessageSystemAttributeName',
  };
  (receive.MessageAttributeNames as Json).member = { locationName: 'MessageAttributeName' };
  const messages = ref('ReceiveMessage', 'output.members.Messages');
  const message = messages.member as Json;
  message.locationName = 'Message';
  const messageMembers = message.members as Json;
  const systemMap = messageMembers.Attributes as Json;
  systemMap.locationName = 'Attribute';
  mapNames(systemMap, 'Name', 'Value');
  (messageMembers.MessageAttributes as Json).locationName = 'MessageAttribute';
  return model;
}
