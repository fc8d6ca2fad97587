// Recorded: message attributes and bodies — what SendMessage accepts and refuses in attribute
// names, types and values and in bodies, the attribute digests, and which attributes a receive
// returns for each MessageAttributeNames / AttributeNames filter.
import { expect, it } from 'vitest';
import { recordedSuite, withoutEmptyLists } from './support.ts';

const FILTER_ATTRIBUTES = {
  'Help.Me': { DataType: 'String', StringValue: 'Me' },
  Hello: { DataType: 'String', StringValue: 'There' },
  General: { DataType: 'String', StringValue: 'Kenobi' },
};

recordedSuite('message attributes', ({ sqs, create, receive }) => {
  it('returns the string attributes sent, with the digest SendMessage answered', async () => {
    const url = await create('attrs');
    const attributes = {
      attr1: { StringValue: 'test1', DataType: 'String' },
      attr2: { StringValue: 'test2', DataType: 'String' },
    };
    const sent = await sqs().call('SendMessage', {
      QueueUrl: url,
      MessageBody: 'test',
      MessageAttributes: attributes,
    });
    const [message] = await receive(url, { MessageAttributeNames: ['All'] });
    expect(message?.MessageId).toBe(sent.MessageId);
    expect(withoutEmptyLists(message?.MessageAttributes)).toEqual(attributes);
    expect(message?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
  });

  it('returns a binary attribute byte for byte, with AWS’s digest', async () => {
    const url = await create('binary');
    const bytes = Buffer.from(
      'traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01',
      'latin1',
    );
    const sent = await sqs().call('SendMessage', {
      QueueUrl: url,
      MessageBody: 'test',
      MessageAttributes: { attr1: { BinaryValue: bytes, DataType: 'Binary' } },
    });
    const [message] = await receive(url, { MessageAttributeNames: ['All'] });
    expect(message).toMatchObject({
      Body: 'test',
      MD5OfBody: '098f6bcd4621d373cade4e832627b4f6',
      MD5OfMessageAttributes: '8cbe4db156db8a94db8b801b7addb984',
      MessageId: sent.MessageId,
    });
    expect(sent.MD5OfMessageAttributes).toBe('8cbe4db156db8a94db8b801b7addb984');
    const attr = message!.MessageAttributes!.attr1!;
    expect(attr.DataType).toBe('Binary');
    expect(Buffer.from(attr.BinaryValue!).equals(bytes)).toBe(true);
    expect(attr.StringValue).toBeUndefined();
  });

  it('keeps the attributes on a message received again', async () => {
    const url = await create('retains');
    const attributes = { attr1: { StringValue: 'test1', DataType: 'String' } };
    await sqs().call('SendMessage', {
      QueueUrl: url,
      MessageBody: 'test',
      MessageAttributes: attributes,
    });
    await receive(url, { VisibilityTimeout: 0, MessageAttributeNames: ['All'] });
    const [again] = await receive(url, { MessageAttributeNames: ['All'] });
    expect(withoutEmptyLists(again?.MessageAttributes)).toEqual(attributes);
  });

  it('refuses an empty string attribute value, naming the attribute', async () => {
    const url = await create('empty-attr');
    expect(
      await sqs().fail('SendMessage', {
        QueueUrl: url,
        MessageBody: 'test',
        MessageAttributes: { ErrorDetails: { StringValue: '', DataType: 'String' } },
      }),
    ).toEqual({
      code: 'InvalidParameterValue',
      status: 400,
      message:
        "Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'.",
    });
  });

  it('takes non-ASCII names and refuses bad values, names and types', async () => {
    const url = await create('invalid-attrs');
    await sqs().call('SendMessage', {
      QueueUrl: url,
      MessageBody: 'test',
      MessageAttributes: { 'attr.1øßä': { StringValue: 'Valida', DataType: 'String' } },
    });
    const refused = async (name: string, value: string, type = 'String') => {
      const failure = await sqs().fail('SendMessage', {
        QueueUrl: url,
        MessageBody: 'test',
        MessageAttributes: { [name]: { StringValue: value, DataType: type } },
      });
      expect(failure.status).toBe(400);
      expect(`${failure.code} ${failure.message}`).toMatch(/Invalid/);
    };
    await refused('attr1', `Invalid-${String.fromCharCode(8)},${String.fromCharCode(11)}`);
    for (const prefix of ['aWs.', 'AMAZON.', '.']) await refused(`${prefix}-Invalid-attr`, 'Valid');
    for (const char of ['!', '"', '§', '(', '?']) await refused(`Invalid-${char}-attr`, 'Valid');
    await refused('L'.repeat(257), 'Valid');
    await refused('Attribute_name', 'Valid', 'Invalid');
    await refused('Attribute_name', 'Valid', `Number.${'L'.repeat(256)}`);
    await refused('Invalid.', 'Valid');
  });

  it('refuses control characters in a string attribute value as InvalidParameterValue', async () => {
    const url = await create('invalid-value');
    const failure = await sqs().fail('SendMessage', {
      QueueUrl: url,
      MessageBody: 'test',
      MessageAttributes: {
        attr1: {
          StringValue: `Invalid-${String.fromCharCode(8)},${String.fromCharCode(11)}`,
          DataType: 'String',
        },
      },
    });
    expect(failure).toMatchObject({ code: 'InvalidParameterValue', status: 400 });
  });

  it('refuses a body with characters outside the allowed set as InvalidMessageContents', async () => {
    const url = await create('invalid-body');
    const body = `Invalid-${String.fromCharCode(0)}-${String.fromCharCode(8)}-${String.fromCharCode(19)}-${String.fromCharCode(65535)}`;
    const failure = await sqs().fail('SendMessage', { QueueUrl: url, MessageBody: body });
    expect(failure).toMatchObject({ code: 'InvalidMessageContents', status: 400 });
  });

  it('keeps a carriage return in the body, digest and all', async () => {
    const url = await create('carriage');
    const body = '{\r\n"machineID" : "d357006e26ff47439e1ef894225d4307"}';
    const sent = await sqs().call('SendMessage', { QueueUrl: url, MessageBody: body });
    const [message] = await receive(url);
    expect(message?.Body).toBe(body);
    expect(message?.MD5OfBody).toBe(sent.MD5OfMessageBody);
  });

  it('leaves system attributes out of the user attribute digest and digests them apart', async () => {
    const url = await create('system-md5');
    const MessageAttributes = { timestamp: { StringValue: '1493147359900', DataType: 'Number' } };
    const plain = await sqs().call('SendMessage', {
      QueueUrl: url,
      MessageBody: 'test',
      MessageAttributes,
    });
    const traced = await sqs().call('SendMessage', {
      QueueUrl: url,
      MessageBody: 'test',
      MessageAttributes,
      MessageSystemAttributes: {
        AWSTraceHeader: {
          StringValue: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
          DataType: 'String',
        },
      },
    });
    expect(traced.MD5OfMessageAttributes).toBe(plain.MD5OfMessageAttributes);
    expect(plain.MD5OfMessageSystemAttributes).toBeUndefined();
    expect(traced.MD5OfMessageSystemAttributes).toBe('5ae4d5d7636402d80f4eb6d213245a88');
  });

  it('filters the returned message attributes by name, All, *, .* and prefix', async () => {
    const url = await create('names-filter', { VisibilityTimeout: '0' });
    const sent = await sqs().call('SendMessage', {
      QueueUrl: url,
      MessageBody: 'msg',
      MessageAttributes: FILTER_ATTRIBUTES,
    });
    expect(sent.MD5OfMessageAttributes).toBe('4c360f3fdafd970e05fae2f149d997f5');
    expect(sent.MD5OfMessageBody).toBe('6e2baaf3b97dbeef01c0043275f9a0e7');
    const pick = async (MessageAttributeNames: string[]) => {
      const [message] = await receive(url, { MessageAttributeNames });
      expect(message?.Body).toBe('msg');
      return {
        md5: message?.MD5OfMessageAttributes,
        attributes: withoutEmptyLists(message?.MessageAttributes),
      };
    };
    const none = { md5: undefined, attributes: undefined };
    const all = { md5: '4c360f3fdafd970e05fae2f149d997f5', attributes: FILTER_ATTRIBUTES };
    expect(await pick([])).toEqual(none);
    expect(await pick(['All'])).toEqual(all);
    expect(await pick(['*'])).toEqual(all);
    expect(await pick(['.*'])).toEqual(all);
    expect(await pick(['Foo', 'Help'])).toEqual(none);
    expect(await pick(['Hello', 'General'])).toEqual({
      md5: 'fca026605781cb4126a1e9044df24232',
      attributes: { Hello: FILTER_ATTRIBUTES.Hello, General: FILTER_ATTRIBUTES.General },
    });
    expect(await pick(['Foo', 'Hello'])).toEqual({
      md5: 'a311262e065454b75da111d535b8dacd',
      attributes: { Hello: FILTER_ATTRIBUTES.Hello },
    });
    expect(await pick(['Hel.*'])).toEqual({
      md5: '83fee93c1bcd8b9a5a923ffacdc636c7',
      attributes: { Hello: FILTER_ATTRIBUTES.Hello, 'Help.Me': FILTER_ATTRIBUTES['Help.Me'] },
    });
    expect(await pick(['AWS.'])).toEqual(none);
    expect(await pick(['..foo'])).toEqual(none);
  });

  it('returns the system attributes AttributeNames asks for, and only those that exist', async () => {
    const url = await create('system-filter', { VisibilityTimeout: '0' });
    await sqs().call('SendMessage', {
      QueueUrl: url,
      MessageBody: 'msg',
      MessageAttributes: { Foo: { DataType: 'String', StringValue: 'Bar' } },
    });
    const [all] = await receive(url, { AttributeNames: ['All'] });
    expect(Object.keys(all!.Attributes!).sort()).toEqual([
      'ApproximateFirstReceiveTimestamp',
      'ApproximateReceiveCount',
      'SenderId',
      'SentTimestamp',
    ]);
    expect(all!.Attributes!.ApproximateReceiveCount).toBe('1');
    expect(all!.MessageAttributes).toBeUndefined();
    expect(all!.MD5OfMessageAttributes).toBeUndefined();
    const [both] = await receive(url, { AttributeNames: ['All'], MessageAttributeNames: ['All'] });
    expect(both!.Attributes!.ApproximateReceiveCount).toBe('2');
    expect(withoutEmptyLists(both!.MessageAttributes)).toEqual({
      Foo: { StringValue: 'Bar', DataType: 'String' },
    });
    expect(both!.MD5OfMessageAttributes).toBe('ae7155c6026991b6d54b11589678bf9c');
    const [single] = await receive(url, { AttributeNames: ['SenderId'] });
    expect(Object.keys(single!.Attributes!)).toEqual(['SenderId']);
    const [multiple] = await receive(url, { AttributeNames: ['SenderId', 'SequenceNumber'] });
    expect(Object.keys(multiple!.Attributes!)).toEqual(['SenderId']);
  });
});
