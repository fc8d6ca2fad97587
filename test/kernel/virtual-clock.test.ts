// The virtual clock against a fake real-time source: scaling, advancing, timers armed at the
// right real delay and re-armed when time jumps or the scale changes.
import { describe, expect, it } from 'vitest';
import { manualClock, type RealTime, VirtualClock } from '../../src/kernel/virtual-clock.ts';

class FakeRealTime implements RealTime {
  t = 0;
  armed: { fn: () => void; at: number; id: number }[] = [];
  #id = 0;
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.#id;
    this.armed.push({ fn, at: this.t + ms, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.armed = this.armed.filter((a) => a.id !== handle);
  }
  /** Lets `ms` real milliseconds pass, running real timers that come due. */
  pass(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = this.armed.filter((a) => a.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.t = next.at;
      this.armed = this.armed.filter((a) => a !== next);
      next.fn();
    }
    this.t = end;
  }
}

const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('VirtualClock', () => {
  it('flows at the scale: 60 virtual ms per real ms', () => {
    const real = new FakeRealTime();
    const clock = new VirtualClock({ start: 1_000, scale: 60, realTime: real });
    real.pass(5_000);
    expect(clock.now()).toBe(1_000 + 300_000);
  });

  it('fires a timer after (deadline / scale) real ms', () => {
    const real = new FakeRealTime();
    const clock = new VirtualClock({ start: 0, scale: 60, realTime: real });
    const fired: number[] = [];
    clock.schedule(300_000, () => fired.push(clock.now()));
    real.pass(4_999);
    expect(fired).toEqual([]);
    real.pass(1);
    expect(fired).toEqual([300_000]);
  });

  it('advance past a deadline fires it at once, in deadline order', () => {
    const real = new FakeRealTime();
    const clock = new VirtualClock({ start: 0, scale: 1, realTime: real });
    const fired: string[] = [];
    clock.schedule(2_000, () => fired.push('b'));
    clock.schedule(1_000, () => fired.push('a'));
    clock.schedule(9_000, () => fired.push('c'));
    clock.advance(5_000);
    expect(fired).toEqual(['a', 'b']);
    expect(real.armed).toHaveLength(1);
    expect(real.armed[0]!.at).toBe(4_000);
  });

  it('re-arms when the scale changes', () => {
    const real = new FakeRealTime();
    const clock = new VirtualClock({ start: 0, scale: 1, realTime: real });
    let fired = false;
    clock.schedule(10_000, () => {
      fired = true;
    });
    real.pass(1_000);
    clock.setScale(10);
    real.pass(899);
    expect(fired).toBe(false);
    real.pass(1);
    expect(fired).toBe(true);
  });

  it('scale 0 freezes time and arms no real timer', () => {
    const real = new FakeRealTime();
    const clock = new VirtualClock({ start: 5, scale: 0, realTime: real });
    clock.schedule(10, () => {});
    real.pass(1_000_000);
    expect(clock.now()).toBe(5);
    expect(real.armed).toEqual([]);
    expect(clock.pendingTimers()).toBe(1);
  });

  it('cancelled timers never fire', () => {
    const clock = manualClock(0);
    let fired = false;
    const timer = clock.schedule(10, () => {
      fired = true;
    });
    timer.cancel();
    clock.advance(20);
    expect(fired).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('a timer scheduled in the past fires asynchronously, not re-entrantly', async () => {
    const clock = manualClock(100);
    let fired = false;
    clock.schedule(50, () => {
      fired = true;
    });
    expect(fired).toBe(false);
    await flush();
    expect(fired).toBe(true);
  });

  it('timers scheduled by a firing timer fire within the same advance when due', () => {
    const clock = manualClock(0);
    const fired: number[] = [];
    clock.schedule(10, () => {
      fired.push(10);
      clock.schedule(20, () => fired.push(20));
    });
    clock.advance(30);
    expect(fired).toEqual([10, 20]);
  });

  it('rejects bad input', () => {
    const clock = manualClock(0);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.setScale(Number.NaN)).toThrow(RangeError);
  });
});

describe('advance', () => {
  it('runs each due timer with now() at its own instant', () => {
    const clock = manualClock(0);
    const seen: number[] = [];
    const tick = (): void => {
      seen.push(clock.now());
      if (seen.length < 3) clock.schedule(clock.now() + 1_000, tick);
    };
    clock.schedule(1_000, tick);
    clock.advance(10_000);
    expect(seen).toEqual([1_000, 2_000, 3_000]);
    expect(clock.now()).toBe(10_000);
  });
});
