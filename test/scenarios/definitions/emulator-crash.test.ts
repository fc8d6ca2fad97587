// The emulator process is SIGKILLed mid-flight and restarted on its data directory: every task
// completes once, and the crash really caught tasks open.
import { describe, expect, it } from 'vitest';
import { emulatorCrash } from '../../../scenarios/definitions/emulator-crash.ts';
import { runScenario } from '../../../scenarios/runner.ts';

describe('emulator-crash', () => {
  it('loses nothing and duplicates nothing across a SIGKILL of the emulator', async () => {
    const result = await runScenario(emulatorCrash, { seed: 5 });
    expect(result.verdicts.filter((v) => v.status === 'fail')).toEqual([]);
    expect(result.counters).toMatchObject({
      tasks: 30,
      completed: 30,
      lost: 0,
      duplicateEffects: 0,
    });
    const open = result.verdicts.find((v) => v.name.startsWith('tasks open at the crash'));
    expect(open?.detail).toMatch(/^\d+ task\(s\) open at the kill, all COMPLETED$/);
    // The parties saw the emulator gone (their calls failed) and carried on.
    expect(Object.keys(result.counters.faultHits).some((k) => k.startsWith('client saw'))).toBe(
      true,
    );
  }, 60_000);

  it('is not applicable on an external endpoint, with the reason', async () => {
    const result = await runScenario(emulatorCrash, { seed: 5, endpoint: 'http://127.0.0.1:1' });
    expect(result.status).toBe('not-applicable');
    expect(result.verdicts[0]?.detail).toMatch(/not ours to kill/);
  });
});
