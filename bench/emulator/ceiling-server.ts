// The benchmark's ceiling: a server that does no queue work and answers SQS JSON requests with
// canned but valid responses (correct MD5s, so the SDK accepts them). Whatever rate the SDK reaches
// against it is the most any emulator could reach with the same client on this machine.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const cannedBody = 'x'.repeat(256);
const cannedMd5 = md5(cannedBody);
const cannedMessages = Array.from({ length: 10 }, (_, i) => ({
  MessageId: `00000000-0000-4000-8000-00000000000${i}`,
  ReceiptHandle: `handle-${i}`,
  MD5OfBody: cannedMd5,
  Body: cannedBody,
}));

interface Entry {
  Id: string;
  MessageBody?: string;
}

function answer(action: string, input: Record<string, unknown>): unknown {
  switch (action) {
    case 'SendMessage':
      return {
        MessageId: cannedMessages[0]?.MessageId,
        MD5OfMessageBody: md5(String(input.MessageBody)),
      };
    case 'SendMessageBatch':
      return {
        Successful: (input.Entries as Entry[]).map((e, i) => ({
          Id: e.Id,
          MessageId: cannedMessages[i % 10]?.MessageId,
          MD5OfMessageBody: md5(e.MessageBody ?? ''),
        })),
        Failed: [],
      };
    case 'ReceiveMessage':
      return { Messages: cannedMessages.slice(0, Number(input.MaxNumberOfMessages ?? 1)) };
    case 'DeleteMessageBatch':
      return { Successful: (input.Entries as Entry[]).map((e) => ({ Id: e.Id })), Failed: [] };
    default:
      return {};
  }
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.url === '/health') {
      res.writeHead(200).end('ok');
      return;
    }
    const action = String(req.headers['x-amz-target'] ?? '').replace('AmazonSQS.', '');
    const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<
      string,
      unknown
    >;
    const body = JSON.stringify(answer(action, input));
    res.writeHead(200, {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': Buffer.byteLength(body),
      'x-amzn-requestid': '00000000-0000-4000-8000-000000000000',
    });
    res.end(body);
  });
});

// Port 0 (any free one) unless one is given (the anchors bench starts it on a known port).
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') {
    process.stdout.write(`ceiling server listening on http://127.0.0.1:${address.port}\n`);
  }
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGINT', () => server.close(() => process.exit(0)));
