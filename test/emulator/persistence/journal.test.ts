// The journal's pipelined group commit, on real files with a gate in front of fdatasync: a group
// is acknowledged only after the fdatasync covering it, groups whose syncs overlap are
// acknowledged in order, no more than PIPELINE_DEPTH syncs run at once (each on its own file
// description), a compaction waits for the syncs before it, a failed sync fails exactly its group
// and the ones written after it, and lines go over zeros preallocated ahead of them.
import { fdatasync, write } from 'node:fs';
import { mkdtemp, readdir, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type Durability,
  type JournalIo,
  PIPELINE_DEPTH,
  StateJournal,
  SYNC_INTERVAL_MS,
} from '../../../src/emulator/persistence/journal.ts';
import { readDataDir } from '../../../src/emulator/persistence/recover.ts';
import { ObjectStore } from '../../../src/emulator/s3/domain/object-store.ts';
import { SqsRegions } from '../../../src/emulator/sqs/domain/regions.ts';
import { randomIds } from '../../../src/kernel/ids.ts';
import { seededRandom } from '../../../src/kernel/random.ts';
import { manualClock } from '../../../src/kernel/virtual-clock.ts';

/** One fdatasync the journal asked for, held until the test lets it run (or fails it). */
interface HeldSync {
  fd: number;
  /** Runs the real fdatasync, then lets the journal carry on. */
  release(): Promise<void>;
  fail(error: Error): void;
}

/**
 * A JournalIo whose syncs wait for the test; preallocation too once `hold.preallocation` is set.
 * `open()` lets everything through from then on.
 */
function syncGate() {
  const held: HeldSync[] = [];
  const heldZeros: HeldSync[] = [];
  let arrived: (() => void) | undefined;
  let passThrough = false;
  const realSync = (fd: number) =>
    new Promise<void>((resolve, reject) => {
      fdatasync(fd, (error) => (error ? reject(error) : resolve()));
    });
  const realZeros = async (fd: number, position: number, length: number) => {
    await new Promise<void>((resolve, reject) => {
      write(fd, Buffer.alloc(length), 0, length, position, (error) =>
        error ? reject(error) : resolve(),
      );
    });
    await realSync(fd);
  };
  const hold = { preallocation: false };
  const io: JournalIo = {
    preallocate(fd, position, length) {
      if (passThrough || !hold.preallocation) return realZeros(fd, position, length);
      return new Promise<void>((resolve, reject) => {
        heldZeros.push({
          fd,
          release: () => realZeros(fd, position, length).then(resolve, reject),
          fail: reject,
        });
      });
    },
    datasync(fd) {
      if (passThrough) return realSync(fd);
      return new Promise<void>((resolve, reject) => {
        held.push({
          fd,
          release: () => realSync(fd).then(resolve, reject),
          fail: reject,
        });
        arrived?.();
      });
    },
  };
  return {
    io,
    held,
    heldZeros,
    hold,
    /** The next sync the journal asks for (the n-th since the start, counting from 1). */
    async sync(n: number): Promise<HeldSync> {
      while (held.length < n) await new Promise<void>((resolve) => (arrived = resolve));
      return held[n - 1]!;
    },
    async open(): Promise<void> {
      passThrough = true;
      await Promise.all([...held, ...heldZeros].map((h) => h.release().catch(() => undefined)));
    },
  };
}

/** Lets every callback queued so far (I/O done, immediates, promise jobs) run. */
async function turns(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Tracks a promise's outcome so a test can say "not yet" without waiting for time. */
function watch(promise: Promise<void>) {
  const state = { settled: false, error: undefined as Error | undefined };
  promise.then(
    () => {
      state.settled = true;
    },
    (error: Error) => {
      state.settled = true;
      state.error = error;
    },
  );
  return state;
}

/** Runs `n` real file operations one after the other (thread-pool round trips, like the journal's). */
async function fileOperations(n: number): Promise<void> {
  const file = join(dir, 'fence');
  for (let i = 0; i < n; i++) await writeFile(file, String(i));
  await rm(file);
}

let dir: string;
let gate: ReturnType<typeof syncGate>;
const journals: StateJournal[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'journal-'));
  gate = syncGate();
});
afterEach(async () => {
  vi.useRealTimers();
  await gate.open();
  for (const journal of journals.splice(0)) await journal.close();
  await rm(dir, { recursive: true, force: true });
});

async function start(extra: { compactBytes?: number; durability?: Durability } = {}) {
  const clock = manualClock();
  const regions = new SqsRegions({ clock, ids: randomIds(seededRandom(7)), region: 'us-east-1' });
  const store = new ObjectStore(() => clock.now());
  const recovered = await readDataDir(dir);
  const journal = await StateJournal.start({
    dir,
    generation: recovered.generation,
    regions,
    store,
    clock,
    io: gate.io,
    ...extra,
  });
  journals.push(journal);
  const engine = regions.default.engine;
  engine.createQueue('work', {}, {});
  // The queue's own group: synced before the test's groups start.
  const created = journal.durable();
  if (extra.durability === 'os') {
    // Acknowledged once written; its sync follows on the (fake) timer.
    await created;
    vi.advanceTimersByTime(SYNC_INTERVAL_MS);
  }
  await (await gate.sync(1)).release();
  await created;
  return {
    journal,
    engine,
    send: (body: string) => {
      engine.sendMessage('work', { MessageBody: body });
      return journal.durable();
    },
  };
}

/** The bodies a fresh start on the directory would find in queue `work`, in order. */
async function bodiesOnDisk(): Promise<string[]> {
  const { model } = await readDataDir(dir);
  const messages = model.regions.get('us-east-1')?.queues.get('work')?.messages;
  return [...(messages?.values() ?? [])].sort((a, b) => a.key - b.key).map((m) => m.body);
}

async function journalText(): Promise<string> {
  const name = (await readdir(dir)).find((n) => n.startsWith('journal-'))!;
  return readFile(join(dir, name), 'utf8');
}

describe('the journal, committing groups through a pipeline of fdatasyncs', () => {
  it('acknowledges a group only once the fdatasync covering it is done', async () => {
    const { send } = await start();
    const acked = watch(send('first'));
    const sync = await gate.sync(2);
    // Written to the file already, but not acknowledged while its sync is held.
    expect(await journalText()).toContain('first');
    await turns();
    expect(acked.settled).toBe(false);
    await sync.release();
    await turns();
    expect(acked).toEqual({ settled: true, error: undefined });
  });

  it('writes and syncs the next group while one is syncing, acknowledging them in order', async () => {
    const { send } = await start();
    const order: string[] = [];
    const first = send('a').then(() => order.push('a'));
    const one = await gate.sync(2);
    const second = send('b').then(() => order.push('b'));
    // The second group's sync starts while the first one's is still running, on another file
    // description: each sync reports a failed writeback on its own.
    const two = await gate.sync(3);
    expect(two.fd).not.toBe(one.fd);
    expect(await journalText()).toMatch(/"a".*\n.*"b"/s);
    await two.release();
    await turns();
    expect(order).toEqual([]);
    await one.release();
    await Promise.all([first, second]);
    expect(order).toEqual(['a', 'b']);
    expect(await bodiesOnDisk()).toEqual(['a', 'b']);
  });

  it(`runs at most ${PIPELINE_DEPTH} syncs at once; the next group waits, collecting changes`, async () => {
    const { send } = await start();
    const held = [];
    const acks = [];
    for (let i = 0; i < PIPELINE_DEPTH; i++) {
      acks.push(send(`m${i}`));
      held.push(await gate.sync(2 + i));
    }
    const waiting = [send('x'), send('y')];
    await turns();
    expect(gate.held).toHaveLength(1 + PIPELINE_DEPTH);
    expect(await journalText()).not.toContain('"x"');
    await held[0]!.release();
    // One group for both changes made while it waited.
    const next = await gate.sync(2 + PIPELINE_DEPTH);
    expect(await journalText()).toMatch(/"x".*"y"/);
    for (const sync of [...held.slice(1), next]) await sync.release();
    await Promise.all([...acks, ...waiting]);
    expect(await bodiesOnDisk()).toEqual([
      ...Array.from({ length: PIPELINE_DEPTH }, (_, i) => `m${i}`),
      'x',
      'y',
    ]);
  });

  it('fails a group whose sync fails and every group written after it, not the ones before', async () => {
    const { send, journal } = await start();
    const first = watch(send('kept'));
    await (await gate.sync(2)).release();
    const second = watch(send('lost'));
    const failing = await gate.sync(3);
    const third = watch(send('after'));
    const later = await gate.sync(4);
    const eio = Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    failing.fail(eio);
    // The third group's own sync succeeds, but it was written on top of state that may be lost.
    await later.release();
    await turns();
    expect(first).toEqual({ settled: true, error: undefined });
    expect(second.error).toBe(eio);
    expect(third.error).toBe(eio);
    // Nothing is acknowledged again, and nothing more is written.
    const before = await journalText();
    const afterwards = watch(send('never'));
    await turns();
    expect(afterwards.error).toBe(eio);
    await expect(journal.durable()).rejects.toBe(eio);
    expect(await journalText()).toBe(before);
    expect(gate.held).toHaveLength(4);
    expect(await bodiesOnDisk()).toContain('kept');
  });

  it('compacts only once the syncs before it are done, keeping every group', async () => {
    const { send } = await start({ compactBytes: 3000 });
    // A group large enough to pass the bound: the group after it is a compaction.
    const big = `before${'x'.repeat(5000)}`;
    const first = watch(send(big));
    const held = await gate.sync(2);
    const journalsBefore = (await readdir(dir)).filter((n) => n.startsWith('journal-'));
    const compacted = send('during');
    const second = watch(compacted);
    // No event says "a compaction did not start": give it as many file operations as it needs to
    // switch journals, and check that it did not.
    await fileOperations(20);
    // The compaction waits: the journal it replaces still has a sync running.
    expect(second.settled).toBe(false);
    expect((await readdir(dir)).filter((n) => n.startsWith('journal-'))).toEqual(journalsBefore);
    await held.release();
    await compacted;
    expect(first).toEqual({ settled: true, error: undefined });
    const journalsAfter = (await readdir(dir)).filter((n) => n.startsWith('journal-'));
    expect(journalsAfter).not.toEqual(journalsBefore);
    // Then the next generation's journal takes groups as before.
    const after = send('after');
    await (await gate.sync(3)).release();
    await after;
    expect(await bodiesOnDisk()).toEqual([big, 'during', 'after']);
  });

  it('writes lines over zeros preallocated ahead of them, never into space still being zeroed', async () => {
    const { send } = await start();
    const file = join(dir, (await readdir(dir)).find((n) => n.startsWith('journal-'))!);
    const sizeAtStart = (await stat(file)).size;
    // Lines of 40 KiB: each leaves less than half a chunk free, so each starts the next chunk,
    // and the one after reaches it while its zeros may still be on their way.
    const big = Array.from({ length: 4 }, (_, i) => `${i}`.repeat(40_000));
    gate.hold.preallocation = true;
    const acks = [send(big[0]!)];
    const first = await gate.sync(2);
    // The first line left less than half a chunk: the next chunk's zeros are on their way.
    expect(gate.heldZeros).toHaveLength(1);
    acks.push(send(big[1]!));
    await turns();
    // The second line would reach them: it waits until they are written.
    expect(await journalText()).not.toContain(big[1]);
    expect(gate.held).toHaveLength(2);
    gate.hold.preallocation = false;
    await gate.heldZeros[0]!.release();
    const second = await gate.sync(3);
    expect(await journalText()).toContain(big[1]);
    // One group for both, waiting for a free syncer.
    acks.push(send(big[2]!), send(big[3]!));
    await first.release();
    const third = await gate.sync(4);
    await second.release();
    await third.release();
    await Promise.all(acks);
    const data = await readFile(file);
    const text = data.toString('latin1');
    const end = text.lastIndexOf('\n') + 1;
    expect(sizeAtStart).toBeGreaterThan(0);
    expect(data.length).toBeGreaterThan(end);
    expect(data.subarray(end).every((byte) => byte === 0)).toBe(true);
    expect(await bodiesOnDisk()).toEqual(big);
  });

  it('with os durability, runs the pending sync before a compaction, never one on the old journal during it', async () => {
    // Only the sync timer is fake: immediates and file operations run as ever.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { send, journal } = await start({ compactBytes: 3000, durability: 'os' });
    const big = `before${'x'.repeat(5000)}`;
    await send(big);
    // The big group's sync is on the timer; the next group is a compaction.
    const compacting = send('during');
    const compacted = watch(compacting);
    await turns(1);
    // The timer comes due while the compaction runs.
    vi.advanceTimersByTime(SYNC_INTERVAL_MS);
    const old = await gate.sync(2);
    const oldJournal = await readlink(`/proc/self/fd/${old.fd}`);
    await fileOperations(20);
    // The compaction waits for that sync: the journal it closes must not have one running.
    expect(compacted.settled).toBe(false);
    await old.release();
    await compacting;
    // The syncs after it run on the new journal, each through its own descriptor of it.
    const fds = new Set<number>();
    for (let i = 0; i < 3; i++) {
      await send(`after${i}`);
      vi.advanceTimersByTime(SYNC_INTERVAL_MS);
      const sync = await gate.sync(3 + i);
      fds.add(sync.fd);
      const file = await readlink(`/proc/self/fd/${sync.fd}`);
      expect(file).not.toBe(oldJournal);
      expect(file).toBe(join(dir, (await readdir(dir)).find((n) => n.startsWith('journal-'))!));
      await sync.release();
    }
    expect(fds.size).toBeLessThanOrEqual(PIPELINE_DEPTH);
    await journal.durable();
    expect(await bodiesOnDisk()).toEqual([big, 'during', 'after0', 'after1', 'after2']);
  });
});
