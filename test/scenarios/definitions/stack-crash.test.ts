// npm start SIGKILLed with tasks in flight and started again on the same data, accounted from
// its database: every task completes with one terminal event.
import { describe, expect, it } from 'vitest';
import { stackCrash } from '../../../scenarios/definitions/stack-crash.ts';
import { runScenario } from '../../../scenarios/runner.ts';

describe('stack-crash', () => {
  it('loses nothing and duplicates nothing across a SIGKILL of the whole stack', async () => {
    const result = await runScenario(stackCrash, { seed: 5 });
    expect(result.verdicts.filter((v) => v.status === 'fail')).toEqual([]);
    expect(result.counters).toMatchObject({
      tasks: 20,
      completed: 20,
      lost: 0,
      duplicateEffects: 0,
    });
    expect(result.verdicts.find((v) => v.name.startsWith('tasks open at the kill'))?.status).toBe(
      'pass',
    );
  }, 120_000);

  it('is not applicable on an external endpoint, with the reason', async () => {
    const result = await runScenario(stackCrash, { seed: 5, endpoint: 'http://127.0.0.1:1' });
    expect(result.status).toBe('not-applicable');
  });
});
