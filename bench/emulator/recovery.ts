// Child process for the recovery figure. `fill DIR N`: an emulator on data directory DIR gets N
// messages of 1 KiB in queue `deep` through the domain, made durable, and stops as a crash would
// leave it (journal not compacted). `recover DIR`: times startEmulator() on DIR (read, replay,
// restore, first compaction) and prints the figures as one JSON line.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator } from '../../src/emulator/index.ts';

const [mode, dir, countText] = process.argv.slice(2);
if (dir === undefined || (mode !== 'fill' && mode !== 'recover')) {
  console.error('usage: node recovery.ts fill DIR N | recover DIR');
  process.exit(2);
}

async function bytesOnDisk(): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir!)) {
    const info = await stat(join(dir!, name));
    if (info.isFile()) total += info.size;
  }
  return total;
}

if (mode === 'fill') {
  const emulator = await startEmulator({ dataDir: dir, timeScale: 0 });
  emulator.sqs.createQueue('deep', {}, {});
  const count = Number(countText ?? 100_000);
  for (let i = 0; i < count; i++) {
    const body = Buffer.from(String(i).padStart(1024, 'x'), 'latin1').toString('latin1');
    emulator.sqs.sendMessage('deep', { MessageBody: body });
  }
  // stop() writes what is pending and keeps the files as they are: the journal a crash leaves.
  await emulator.stop();
  process.stdout.write(`${JSON.stringify({ count, journalBytes: await bytesOnDisk() })}\n`);
} else {
  const journalBytes = await bytesOnDisk();
  const startedAt = performance.now();
  const emulator = await startEmulator({ dataDir: dir, timeScale: 0 });
  const seconds = (performance.now() - startedAt) / 1000;
  const messages = emulator.sqs.inspectMessages('deep').length;
  await emulator.stop();
  process.stdout.write(`${JSON.stringify({ messages, seconds, journalBytes })}\n`);
}
