// A misbehaving "AI server" for the verify tests, run as a real process with the environment the
// harness gives: `idle` long-polls the request queue and never answers; `flood` also puts junk
// on the result queue and on the request queue at every poll.
import { ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';

const mode = process.argv[2];
const sqs = new SQSClient({});
const requestUrl = process.env.AWS_SQS_REQUEST_QUEUE_URL;
const resultUrl = process.env.AWS_SQS_RESULT_QUEUE_URL;
let n = 0;
const junk = () =>
  Array.from({ length: 10 }, () => ({ Id: String(n), MessageBody: `{"junk": ${n++}}` }));

process.on('SIGTERM', () => process.exit(0));
for (;;) {
  await sqs.send(new ReceiveMessageCommand({ QueueUrl: requestUrl, WaitTimeSeconds: 1 }));
  if (mode === 'flood') {
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: resultUrl, Entries: junk() }));
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: requestUrl, Entries: junk() }));
  }
}
