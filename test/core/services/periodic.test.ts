import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPeriodic } from '../../../src/core/services/periodic.ts';

describe('periodic jobs', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the job each interval, never overlapping, and survives a failing run', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let runs = 0;
    let release: () => void = () => {};
    const errors: unknown[] = [];
    const job = startPeriodic(
      'test job',
      1000,
      async () => {
        runs++;
        if (runs === 1) throw new Error('first run fails');
        if (runs === 2)
          await new Promise<void>((r) => {
            release = r;
          });
      },
      {
        debug() {},
        info() {},
        warn() {},
        error: (obj) => errors.push(obj),
        child() {
          return this;
        },
      },
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(1);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(2);
    // Run 2 is still busy: the next ticks skip instead of piling up.
    await vi.advanceTimersByTimeAsync(3000);
    expect(runs).toBe(2);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(3);
    await job.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(3);
  });
});
