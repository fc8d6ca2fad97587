// Child process for the deep-queue figures: starts an emulator, fills queue `deep` with N messages
// of S bytes through the domain (filling 1M over HTTP would measure the client, not the queue),
// reports the resident memory the fill added, then serves until stopped.
// Usage: node --expose-gc deep-queue-server.ts <count> <bytes>
import { startEmulator } from '../../src/emulator/index.ts';

const count = Number(process.argv[2] ?? 1000);
const bytes = Number(process.argv[3] ?? 1024);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const emulator = await startEmulator({ port: 0 });
emulator.sqs.createQueue('deep', {}, {});
gc();
const before = process.memoryUsage().rss;
// Distinct flat bodies, as real messages parsed off the wire are: one shared string would hide the
// cost, and a padded string built by concatenation is a chain of pieces the first hash and regex
// over it must copy into one, which requests never pay.
const fillStartedAt = performance.now();
for (let i = 0; i < count; i++) {
  const body = Buffer.from(String(i).padStart(bytes, 'x'), 'latin1').toString('latin1');
  emulator.sqs.sendMessage('deep', { MessageBody: body });
}
const fillSeconds = (performance.now() - fillStartedAt) / 1000;
gc();
const added = process.memoryUsage().rss - before;
process.stdout.write(`${JSON.stringify({ count, bytes, rssAddedBytes: added, fillSeconds })}\n`);
process.stdout.write(`deep queue ready on ${emulator.url}\n`);
const stop = () => void emulator.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
