import { describe, expect, it } from 'vitest';
import type { TaskEvent } from '../../../src/core/domain/events.ts';
import type { Notifier } from '../../../src/core/ports/notifier.ts';
import { FanoutNotifier } from '../../../src/infra/notifiers/fanout.ts';
import { InProcessNotifier } from '../../../src/infra/notifiers/in-process.ts';

function event(userId: string, eventId = 'e1'): TaskEvent {
  return {
    eventId,
    type: 'task.progress',
    taskId: `task_${userId}_01J9Z3N6Q8R2T4V6X8Z0A2C4E6`,
    userId,
    kind: 'GRAPH_GENERATION',
    status: 'PROCESSING',
    progressPercent: 10,
    currentStage: 'x',
    error: null,
    occurredAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('in-process notifier', () => {
  it('delivers a user’s events only to that user’s subscribers until they unsubscribe', async () => {
    const hub = new InProcessNotifier();
    const a: TaskEvent[] = [];
    const b: TaskEvent[] = [];
    const offA = await hub.subscribe('alice', (e) => a.push(e));
    await hub.subscribe('bob', (e) => b.push(e));
    await hub.publish(event('alice', 'e1'));
    await hub.publish(event('bob', 'e2'));
    await offA();
    await hub.publish(event('alice', 'e3'));
    expect(a.map((e) => e.eventId)).toEqual(['e1']);
    expect(b.map((e) => e.eventId)).toEqual(['e2']);
  });
});

describe('fan-out notifier', () => {
  it('publishes to every target and fails when one of them fails', async () => {
    const hub = new InProcessNotifier();
    const got: string[] = [];
    await hub.subscribe('alice', (e) => got.push(e.eventId));
    const broken: Notifier = { publish: async () => Promise.reject(new Error('redis down')) };
    await new FanoutNotifier([hub]).publish(event('alice', 'ok'));
    await expect(new FanoutNotifier([hub, broken]).publish(event('alice', 'half'))).rejects.toThrow(
      /1 of 2 notifiers failed for event half/,
    );
    expect(got).toEqual(['ok', 'half']);
  });
});
