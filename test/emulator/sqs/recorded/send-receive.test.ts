// Recorded: sending and receiving single messages (the recorded suite's send/receive basics).
import { expect, it } from 'vitest';
import { recordedSuite } from './support.ts';

recordedSuite('send and receive', ({ sqs, create, receive }) => {
  it('sends a message and receives it with the same id and body digest', async () => {
    const url = await create('recorded-basic');
    const sent = await sqs().call('SendMessage', { QueueUrl: url, MessageBody: 'message' });
    expect(sent.MD5OfMessageBody).toBe('78e731027d8fd50ed642340b7c9a63b3');
    const [message] = await receive(url);
    expect(message).toMatchObject({
      Body: 'message',
      MessageId: sent.MessageId,
      MD5OfBody: sent.MD5OfMessageBody,
    });
  });
});
