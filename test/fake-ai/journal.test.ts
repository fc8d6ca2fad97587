// The fake AI's journal: numbering, clock stamps, filters, the size limit and waitFor.
import { describe, expect, it } from 'vitest';
import { Journal } from '../../fake-ai/journal.ts';

describe('Journal', () => {
  it('numbers entries, stamps them with the clock and filters them', () => {
    let now = Date.UTC(2026, 0, 1);
    const journal = new Journal(() => now);
    journal.record({ kind: 'received', taskId: 't1' });
    now += 1_000;
    journal.record({ kind: 'deleted', taskId: 't1' });
    journal.record({ kind: 'received', taskId: 't2' });
    expect(journal.entries().map((e) => [e.seq, e.at])).toEqual([
      [1, '2026-01-01T00:00:00.000Z'],
      [2, '2026-01-01T00:00:01.000Z'],
      [3, '2026-01-01T00:00:01.000Z'],
    ]);
    expect(journal.entries({ taskId: 't1', kind: 'deleted' }).map((e) => e.seq)).toEqual([2]);
    expect(journal.entries({ after: 2 }).map((e) => e.taskId)).toEqual(['t2']);
  });

  it('keeps only the newest entries past its limit', () => {
    const journal = new Journal(() => 0, 3);
    for (let i = 0; i < 5; i++) journal.record({ kind: 'received', taskId: `t${i}` });
    expect(journal.entries().map((e) => e.taskId)).toEqual(['t2', 't3', 't4']);
  });

  it('shows only the newest entries however far past its limit it has been', async () => {
    const journal = new Journal(() => 0, 3);
    for (let n = 0; n < 20; n++) {
      journal.record({ kind: 'received', taskId: `t${n}` });
      const recorded = Array.from({ length: n + 1 }, (_, i) => `t${i}`);
      expect(journal.entries().map((e) => e.taskId)).toEqual(recorded.slice(-3));
    }
    // A forgotten entry is not found by waitFor either: it waits for a new one.
    const controller = new AbortController();
    const waiting = journal.waitFor((e) => e.taskId === 't0', controller.signal);
    controller.abort(new Error('not found'));
    await expect(waiting).rejects.toThrow('not found');
  });

  it('waitFor resolves on a past or future match and can be aborted', async () => {
    const journal = new Journal(() => 0);
    journal.record({ kind: 'received', taskId: 'a' });
    await expect(journal.waitFor((e) => e.taskId === 'a')).resolves.toMatchObject({ seq: 1 });
    const later = journal.waitFor((e) => e.kind === 'deleted');
    journal.record({ kind: 'deleted', taskId: 'b' });
    await expect(later).resolves.toMatchObject({ taskId: 'b' });
    const controller = new AbortController();
    const never = journal.waitFor((e) => e.kind === 'crashed', controller.signal);
    controller.abort(new Error('gave up'));
    await expect(never).rejects.toThrow('gave up');
  });
});
