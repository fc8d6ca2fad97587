// A reset mid-flight: the back end re-creates queues and bucket, the reconciliation sweep
// re-dispatches the tasks whose request vanished, and every task ends terminal exactly once —
// without the sweep those tasks stay PENDING and count as lost.
import { describe, expect, it } from 'vitest';
import { reset } from '../../../scenarios/definitions/reset.ts';
import { runScenario } from '../../../scenarios/runner.ts';

describe('reset', () => {
  it('repairs, re-dispatches and brings every task to a terminal state once', async () => {
    const result = await runScenario(reset, { seed: 5 });
    expect(result.verdicts.filter((v) => v.status === 'fail')).toEqual([]);
    expect(result.counters).toMatchObject({ tasks: 20, lost: 0, duplicateEffects: 0 });
    // Usually 10 and 10 (the AI holds 10 at once); which is which is read from what happened.
    expect(result.counters.completed).toBeGreaterThan(0);
    expect(result.counters.failed).toBeGreaterThan(0);
    expect(result.counters.completed + result.counters.failed).toBe(20);
    expect(
      result.counters.faultHits['back end re-created missing queues and bucket'],
    ).toBeGreaterThan(0);
  }, 60_000);

  it('counts the vanished tasks as lost when no sweep re-dispatches them', async () => {
    const result = await runScenario(
      { ...reset, settleTimeoutMs: 8_000 },
      { seed: 5, setupOverride: { reconcile: null } },
    );
    expect(result.status).toBe('fail');
    expect(result.counters.lost).toBeGreaterThan(0);
    expect(result.verdicts.find((v) => v.name === 'lost = 0')?.status).toBe('fail');
  }, 60_000);

  it('is not applicable on an external endpoint, with the reason', async () => {
    const result = await runScenario(reset, { seed: 5, endpoint: 'http://127.0.0.1:1' });
    expect(result.status).toBe('not-applicable');
    expect(result.verdicts[0]?.detail).toMatch(/control plane/);
  });
});
