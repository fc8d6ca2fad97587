// One of several client processes for the anchors bench: batch round trips against a queue for
// a number of seconds, then one JSON line with its rate and message count on stdout.
import { batchRoundTrips, sqsClient, type Tally } from '../emulator/sqs-load.ts';

const [url, queueUrl, seconds, concurrency] = process.argv.slice(2);
if (!url || !queueUrl) {
  console.error('usage: load-client.ts URL QUEUE_URL SECONDS CONCURRENCY');
  process.exit(2);
}
const client = sqsClient(url);
const tally: Tally = { messages: 0 };
const rate = await batchRoundTrips(
  client,
  queueUrl,
  Number(concurrency ?? 8),
  Number(seconds ?? 5),
  tally,
);
client.destroy();
process.stdout.write(`${JSON.stringify({ rate, messages: tally.messages })}\n`);
