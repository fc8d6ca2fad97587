// The scenario stack is failure-safe: a part that fails to start stops every part started before
// it (the emulator, in process or as a child process, the API, the fake AI), and the start failure
// is what the caller sees.
import { describe, expect, it, vi } from 'vitest';
import { happyPath } from '../../scenarios/definitions/happy-path.ts';
import { DEFAULT_SETUP, type ScenarioSetup } from '../../scenarios/model.ts';
import { startStack } from '../../scenarios/stack.ts';

/** Sockets listening and child processes of this test process, by kind. */
function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (kind === 'TCPServerWrap' || kind === 'ProcessWrap') counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** Sockets close a few event-loop turns after their server said it closed: wait for that. */
const expectBackTo = (before: Record<string, number>) =>
  vi.waitFor(() => expect(handles()).toEqual(before), { timeout: 5_000, interval: 10 });

const brokenWorkerStore = () => {
  throw new Error('the worker store refused to open');
};

async function failingStart(setup: Partial<ScenarioSetup>) {
  return startStack({
    setup: { ...DEFAULT_SETUP, ...setup },
    definition: happyPath,
    seed: 1,
    workerStore: brokenWorkerStore,
  });
}

describe('startStack', () => {
  it('stops everything it started when a later part fails (embedded emulator)', async () => {
    const before = handles();
    await expect(failingStart({})).rejects.toThrow('the worker store refused to open');
    await expectBackTo(before);
  });

  it('stops the emulator child process when a later part fails', async () => {
    const before = handles();
    await expect(failingStart({ emulator: 'process' })).rejects.toThrow(
      'the worker store refused to open',
    );
    await expectBackTo(before);
  }, 30_000);

  it('close() stops every part (the emulator child included), and a second close is harmless', async () => {
    const before = handles();
    const ctx = await startStack({
      setup: { ...DEFAULT_SETUP, emulator: 'process' },
      definition: happyPath,
      seed: 1,
    });
    expect(ctx.emulatorProcess?.pid).toBeGreaterThan(0);
    expect(await ctx.control?.healthy()).toBe(true);
    await ctx.close();
    await ctx.close();
    expect(await ctx.control?.healthy()).toBe(false);
    await expectBackTo(before);
  }, 30_000);
});
