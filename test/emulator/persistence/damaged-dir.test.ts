// A data directory that is torn, damaged or from a newer format (real files): a torn end of the
// journal (damage within the last two groups, which a power loss can leave) is left out with a
// notice and everything before it recovered; anything else refuses the start with a message
// naming the file, never silently dropping state.
import { mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../src/emulator/index.ts';
import {
  encodeLine,
  encodeRecords,
  FORMAT,
} from '../../../src/emulator/persistence/record-file.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emulator-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A directory holding a snapshot and a journal with queue `q` and `count` messages in it. */
async function seed(count: number): Promise<string> {
  const emulator = await startEmulator({ dataDir: dir, timeScale: 0 });
  emulator.sqs.createQueue('q', {}, {});
  // One commit group (one journal line) per message, as separate requests would make.
  for (let i = 0; i < count; i++) {
    emulator.sqs.sendMessage('q', { MessageBody: `m${i}` });
    await emulator.durable();
  }
  await emulator.stop();
  const journal = (await readdir(dir)).find((n) => n.startsWith('journal-'));
  return join(dir, journal!);
}

/**
 * Writes `text` where the journal's next line goes: after its last line, over the zeros the file
 * is preallocated with (as the emulator writes, and as a crash mid-write leaves it).
 */
async function writeAtEnd(journal: string, text: string): Promise<void> {
  const data = await readFile(journal);
  let end = data.length;
  while (end > 0 && data[end - 1] === 0) end--;
  expect(data.length).toBeGreaterThan(end + text.length);
  const handle = await open(journal, 'r+');
  await handle.write(text, end);
  await handle.close();
}

async function bodies(): Promise<{ bodies: string[]; notices: string[] }> {
  const notices: string[] = [];
  const emulator = await startEmulator({
    dataDir: dir,
    timeScale: 0,
    onNotice: (n) => notices.push(n),
  });
  const out = emulator.sqs.inspectMessages('q').map((m) => m.body);
  await emulator.stop();
  return { bodies: out, notices };
}

describe('a damaged data directory', () => {
  it('leaves out a torn last journal write with a notice and recovers every record before it', async () => {
    const journal = await seed(3);
    await writeAtEnd(journal, '1234abcd [{"t":"m","r":"us-east-1","q":"q","m":{"key":99');
    const { bodies: got, notices } = await bodies();
    expect(got).toEqual(['m0', 'm1', 'm2']);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(journal);
    expect(notices[0]).toContain('torn last write');
    // The journal is cut back to its last intact line: what is written next reads back.
    const again = await startEmulator({ dataDir: dir, timeScale: 0 });
    again.sqs.sendMessage('q', { MessageBody: 'm3' });
    await again.stop();
    expect(await bodies()).toEqual({ bodies: ['m0', 'm1', 'm2', 'm3'], notices: [] });
  });

  it('refuses a journal damaged before an intact record, naming the file and line', async () => {
    const journal = await seed(3);
    const lines = (await readFile(journal, 'utf8')).split('\n');
    const at = lines.findIndex((line) => line.includes('"m0"'));
    lines[at] = lines[at]!.replace('"m0"', '"mX"');
    await writeFile(journal, lines.join('\n'));
    await expect(startEmulator({ dataDir: dir, timeScale: 0 })).rejects.toThrow(
      `${journal} line ${at + 1} is damaged`,
    );
  });

  it('after a power loss, leaves out the last two groups when the first lost a page and the second did not', async () => {
    const journal = await seed(3);
    // Groups m1 and m2 were both written, their fdatasyncs still running, when the power failed:
    // writeback had kept m2's page but not one of m1's (zeros, as preallocated).
    const data = await readFile(journal);
    const start = data.indexOf('"m1"');
    const lineStart = data.lastIndexOf(10, start) + 1;
    data.fill(0, start - 20, start + 4);
    await writeFile(journal, data);
    const lines = data.toString('latin1').split('\n');
    const damaged = lines.findIndex((line) => line.includes('\u0000'));
    const { bodies: got, notices } = await bodies();
    expect(got).toEqual(['m0']);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(
      `${journal}: left out a torn last write (lines ${damaged + 1}-${damaged + 2}`,
    );
    expect(notices[0]).toContain('the last 2 commit groups');
    // The journal was zeroed from its last intact line to the end of what was written: nothing of
    // m2's intact line is left to follow what is written next.
    const again = await startEmulator({ dataDir: dir, timeScale: 0 });
    again.sqs.sendMessage('q', { MessageBody: 'm3' });
    await again.stop();
    expect(await bodies()).toEqual({ bodies: ['m0', 'm3'], notices: [] });
    const after = await readFile(journal);
    expect(after.toString('latin1', lineStart)).not.toContain('"m2"');
  });

  it('refuses damage followed by more intact groups than can be in flight at once', async () => {
    const journal = await seed(4);
    const data = await readFile(journal);
    const start = data.indexOf('"m1"');
    data.fill(0, start - 20, start + 4);
    await writeFile(journal, data);
    const lines = data.toString('latin1').split('\n');
    const damaged = lines.findIndex((line) => line.includes('\u0000'));
    await expect(startEmulator({ dataDir: dir, timeScale: 0 })).rejects.toThrow(
      `${journal} line ${damaged + 1} is damaged (checksum or JSON wrong) and 2 more line(s) follow it`,
    );
  });

  it('refuses a garbage snapshot, naming it', async () => {
    await seed(1);
    await writeFile(join(dir, 'snapshot.jsonl'), 'PK\u0003\u0004 not ours at all');
    await expect(startEmulator({ dataDir: dir, timeScale: 0 })).rejects.toThrow(
      `${join(dir, 'snapshot.jsonl')} is not an emulator state file`,
    );
  });

  it('refuses a truncated snapshot', async () => {
    await seed(2);
    const file = join(dir, 'snapshot.jsonl');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, text.lastIndexOf('{"t":"end"') - 9));
    await expect(startEmulator({ dataDir: dir, timeScale: 0 })).rejects.toThrow(
      /snapshot\.jsonl is truncated/,
    );
  });

  it("reads zeros after a journal's last line as free space, and after a snapshot's as damage", async () => {
    await seed(2);
    // A stopped emulator leaves its journal preallocated: the restart says nothing of it.
    expect(await bodies()).toEqual({ bodies: ['m0', 'm1'], notices: [] });
    const file = join(dir, 'snapshot.jsonl');
    await writeFile(file, Buffer.concat([await readFile(file), Buffer.alloc(4096)]));
    await expect(startEmulator({ dataDir: dir, timeScale: 0 })).rejects.toThrow(
      /snapshot\.jsonl is truncated/,
    );
  });

  it('refuses a directory written by a newer format version, saying which', async () => {
    await writeFile(
      join(dir, 'snapshot.jsonl'),
      encodeLine({ format: FORMAT, version: 9, kind: 'snapshot', generation: 4 }),
    );
    await expect(startEmulator({ dataDir: dir, timeScale: 0 })).rejects.toThrow(
      /newer emulator \(state format version 9; this one reads version 1\)/,
    );
  });

  it('refuses an intact record of a kind it does not know', async () => {
    const journal = await seed(0);
    await writeAtEnd(journal, encodeRecords([{ t: 'hologram', r: 'us-east-1' }]));
    await expect(startEmulator({ dataDir: dir, timeScale: 0 })).rejects.toThrow(/unknown record/);
  });

  it('refuses an object whose bytes are missing or damaged, naming the blob', async () => {
    const emulator = await startEmulator({ dataDir: dir, timeScale: 0 });
    emulator.s3.objects.createBucket('payloads', 'us-east-1');
    emulator.s3.objects.putObject('payloads', 'k', {
      body: Buffer.from('bytes'),
      headers: { contentType: 'text/plain' },
      metadata: {},
      checksum: undefined,
    });
    await emulator.stop();
    const [blob] = await readdir(join(dir, 'blobs'));
    await writeFile(join(dir, 'blobs', blob!), 'other');
    await expect(startEmulator({ dataDir: dir, timeScale: 0 })).rejects.toThrow(
      `${join(dir, 'blobs', blob!)} (the bytes of s3://payloads/k) is damaged`,
    );
    await rm(join(dir, 'blobs', blob!));
    await expect(startEmulator({ dataDir: dir, timeScale: 0 })).rejects.toThrow(/is missing/);
  });
});
