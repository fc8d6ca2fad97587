// Timing and redelivery profiles against the emulator, on one manual clock: latency, crashes
// before delete, processing longer than the visibility timeout with and without a heartbeat.
import { afterEach, describe, expect, it } from 'vitest';
import { accountTasks } from '../../../fake-ai/journal-summary.ts';
import { drawLatency } from '../../../fake-ai/profiles/profile.ts';
import { hashSeed, seededRandom } from '../../../src/kernel/random.ts';
import { contractBodies, SAMPLE_BUNDLE } from '../support/bodies.ts';
import { type Fixture, startFixture, VISIBILITY_SECONDS } from '../support/fixture.ts';

let fx: Fixture;
afterEach(async () => {
  await fx.close();
});

async function setUp(profile: unknown, concurrency = 1) {
  fx = await startFixture({ concurrency, profiles: { seed: 7, default: profile } });
  await fx.putObject('in/input.json', SAMPLE_BUNDLE);
  return fx.submit('GRAPH_GENERATION_REQUEST', { userId: 'u1', s3Key: 'in/input.json' });
}

const elapsed = (from: { at: string } | undefined, to: { at: string } | undefined) =>
  Date.parse(to?.at ?? '') - Date.parse(from?.at ?? '');

describe('behaviour profiles: timing', () => {
  it('fixed latency: the result is sent exactly that long after the request was received', async () => {
    const taskId = await setUp({ latency: { fixedMs: 9_000 } });
    const received = await fx.fakeAi.journal.waitFor(
      (e) => e.taskId === taskId && e.kind === 'received',
    );
    const sent = await fx.advanceUntil((e) => e.taskId === taskId && e.kind === 'result-sent');
    expect(elapsed(received, sent)).toBe(9_000);
    const progress = contractBodies(await fx.drainResults())
      .filter((m) => m.taskType === 'GRAPH_GENERATION_PROGRESS')
      .map((m) => (m.payload as { etaSeconds: number | null }).etaSeconds);
    expect(progress).toEqual([null, 6, 3]);
  });

  it('distributed latency: drawn from the seeded generator, the same for the same task and seed', async () => {
    const taskId = await setUp({ latency: { minMs: 1_000, maxMs: 60_000 } });
    const received = await fx.fakeAi.journal.waitFor(
      (e) => e.taskId === taskId && e.kind === 'received',
    );
    const sent = await fx.advanceUntil((e) => e.taskId === taskId && e.kind === 'result-sent');
    const expected = drawLatency(
      { kind: 'uniform', minMs: 1_000, maxMs: 60_000 },
      seededRandom(hashSeed(`${taskId}#1`, 7)),
    );
    expect(expected).toBeGreaterThanOrEqual(1_000);
    expect(expected).toBeLessThanOrEqual(60_000);
    // Three stages share the latency; flooring to whole ms may lose at most a millisecond each.
    expect(Math.abs(elapsed(received, sent) - expected)).toBeLessThanOrEqual(3);
  });

  it('crash after the result, before delete: the request comes back after its visibility timeout', async () => {
    const taskId = await setUp({ crash: { stage: 'after-result', receives: 1 } });
    await fx.advanceUntil((e) => e.taskId === taskId && e.kind === 'crashed');
    expect(await fx.queueCounts(fx.requestQueueUrl)).toEqual({ visible: 0, inFlight: 1 });
    fx.advance(VISIBILITY_SECONDS * 1_000);
    const again = await fx.fakeAi.journal.waitFor(
      (e) => e.taskId === taskId && e.kind === 'received' && e.receiveCount === 2,
    );
    expect(again.requestMessageId).toBe(
      fx.fakeAi.journal.entries({ taskId, kind: 'received' })[0]?.requestMessageId,
    );
    await fx.advanceUntil((e) => e.taskId === taskId && e.kind === 'deleted');
    const results = contractBodies(await fx.drainResults()).filter(
      (m) => m.taskType === 'GRAPH_GENERATION_RESULT',
    );
    expect(results).toHaveLength(2);
    expect(
      fx.fakeAi.journal
        .entries({ taskId })
        .map((e) => [e.kind, e.receiveCount])
        .filter(([k]) => k !== 'progress-sent' && k !== 'object-written'),
    ).toEqual([
      ['received', 1],
      ['behaviour', 1],
      ['result-sent', 1],
      ['crashed', 1],
      ['received', 2],
      ['behaviour', 2],
      ['result-sent', 2],
      ['deleted', 2],
    ]);
    expect(accountTasks(fx.fakeAi.journal.entries())).toEqual([
      expect.objectContaining({ taskId, receives: 2, resultsSent: 2, crashes: 1, deleted: true }),
    ]);
    expect(await fx.queueCounts(fx.requestQueueUrl)).toEqual({ visible: 0, inFlight: 0 });
  });

  it('crash before the result: nothing is sent until the redelivered request is handled', async () => {
    const taskId = await setUp({ crash: { stage: 'before-result', receives: 2 } });
    await fx.advanceUntil((e) => e.taskId === taskId && e.kind === 'crashed');
    expect(fx.fakeAi.journal.entries({ taskId, kind: 'result-sent' })).toEqual([]);
    fx.advance(VISIBILITY_SECONDS * 1_000);
    await fx.fakeAi.journal.waitFor(
      (e) => e.taskId === taskId && e.kind === 'crashed' && e.receiveCount === 2,
    );
    fx.advance(VISIBILITY_SECONDS * 1_000);
    await fx.advanceUntil((e) => e.taskId === taskId && e.kind === 'deleted');
    const sent = fx.fakeAi.journal.entries({ taskId, kind: 'result-sent' });
    expect(sent.map((e) => e.receiveCount)).toEqual([3]);
  });

  it('processing longer than the visibility timeout, no heartbeat: a second receive while still working', async () => {
    const taskId = await setUp({ latency: { fixedMs: 60_000 } }, 2);
    const second = await fx.advanceUntil(
      (e) => e.taskId === taskId && e.kind === 'received' && e.receiveCount === 2,
    );
    const first = fx.fakeAi.journal.entries({ taskId, kind: 'received' })[0];
    // The test moves time from one fake AI deadline to the next (every 20 s here), so the second
    // receive is seen at the first deadline after the visibility timeout ran out.
    expect(elapsed(first, second)).toBeGreaterThanOrEqual(VISIBILITY_SECONDS * 1_000);
    expect(elapsed(first, second)).toBeLessThan(60_000);
    expect(fx.fakeAi.journal.entries({ taskId, kind: 'result-sent' })).toEqual([]);
    await fx.advanceUntil(
      (e) => e.taskId === taskId && e.kind === 'result-sent' && e.receiveCount === 2,
    );
    const sent = fx.fakeAi.journal.entries({ taskId, kind: 'result-sent' });
    expect(sent.map((e) => e.receiveCount)).toEqual([1, 2]);
  });

  it('processing longer than the visibility timeout, with heartbeat: extended, received once', async () => {
    const taskId = await setUp(
      {
        latency: { fixedMs: 90_000 },
        heartbeat: { everyMs: 10_000, extendSeconds: 60 },
      },
      2,
    );
    await fx.advanceUntil((e) => e.taskId === taskId && e.kind === 'deleted');
    const journal = fx.fakeAi.journal.entries({ taskId });
    expect(journal.filter((e) => e.kind === 'received')).toHaveLength(1);
    expect(journal.filter((e) => e.kind === 'visibility-extended').length).toBeGreaterThanOrEqual(
      8,
    );
    expect(journal.find((e) => e.kind === 'visibility-extended')?.detail).toEqual({ seconds: 60 });
    // Nothing keeps extending once the request is done, and nothing comes back.
    fx.advance(120_000);
    expect(await fx.queueCounts(fx.requestQueueUrl)).toEqual({ visible: 0, inFlight: 0 });
    expect(fx.fakeAi.journal.entries({ taskId }).length).toBe(journal.length);
  });

  it('stopping mid-task journals the abandoned work as crashed', async () => {
    const taskId = await setUp({ latency: { fixedMs: 600_000 } });
    await fx.fakeAi.journal.waitFor((e) => e.taskId === taskId && e.kind === 'progress-sent');
    await fx.fakeAi.stop();
    expect(fx.fakeAi.journal.entries({ taskId, kind: 'crashed' })[0]?.detail).toEqual({
      stage: 'stopped',
    });
  });
});
