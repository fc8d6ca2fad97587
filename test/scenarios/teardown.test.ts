// A teardown runs every step, newest first, even when some fail, and reports each failure by its
// step; a start that fails part-way undoes what had started and rethrows the start failure.
import { describe, expect, it } from 'vitest';
import { Teardown, TeardownError } from '../../scenarios/teardown.ts';

describe('Teardown', () => {
  it('runs every step newest first, past failing ones, then throws naming each failure', async () => {
    const ran: string[] = [];
    const teardown = new Teardown();
    teardown.add('emulator', () => ran.push('emulator'));
    teardown.add('store', () => {
      ran.push('store');
      throw new Error('close refused');
    });
    teardown.add('api', async () => {
      ran.push('api');
      throw new Error('still listening');
    });
    teardown.add('workers', () => ran.push('workers'));
    const failure = await teardown.run().catch((error: unknown) => error);
    expect(ran).toEqual(['workers', 'api', 'store', 'emulator']);
    expect(failure).toBeInstanceOf(TeardownError);
    expect((failure as TeardownError).message).toBe(
      '2 teardown step(s) failed: api (still listening); store (close refused)',
    );
    expect((failure as TeardownError).errors).toHaveLength(2);
  });

  it('runs each step once, however often it is asked', async () => {
    let runs = 0;
    const teardown = new Teardown();
    teardown.add('part', () => {
      runs++;
    });
    await Promise.all([teardown.run(), teardown.run()]);
    await teardown.run();
    expect(runs).toBe(1);
  });

  it('guard: a failing start undoes what started and rethrows the start failure', async () => {
    const ran: string[] = [];
    const teardown = new Teardown();
    const start = teardown.guard(async () => {
      teardown.add('first', () => ran.push('first'));
      teardown.add('second', () => {
        throw new Error('second would not stop');
      });
      throw new Error('third part failed to start');
    });
    const failure = (await start.catch((error: unknown) => error)) as Error;
    expect(failure.message).toBe('third part failed to start');
    expect(ran).toEqual(['first']);
    expect((failure.cause as Error).message).toMatch(/second \(second would not stop\)/);
  });

  it('guard: a start that succeeds leaves its steps for later', async () => {
    const ran: string[] = [];
    const teardown = new Teardown();
    expect(
      await teardown.guard(async () => {
        teardown.add('part', () => ran.push('part'));
        return 42;
      }),
    ).toBe(42);
    expect(ran).toEqual([]);
    await teardown.run();
    expect(ran).toEqual(['part']);
  });
});
