// The accounting on hand-made observations: each verdict fails for the fault it exists to catch.
import { describe, expect, it } from 'vitest';
import { account, type Observations } from '../../scenarios/accounting.ts';
import type { ExpectedOutcome } from '../../scenarios/model.ts';
import type { TaskEvent } from '../../src/core/domain/events.ts';
import type { AppliedEffect } from '../../src/infra/recording/recorder.ts';

const T1 = 'task_u1_01ARZ3NDEKTSV4RRFFQ69G5FAV';
const T2 = 'task_u2_01ARZ3NDEKTSV4RRFFQ69G5FAW';

function applied(taskId: string, status: string, graph = false): AppliedEffect {
  return {
    at: 0,
    taskId,
    messageType: 'GRAPH_GENERATION_RESULT',
    outcome: 'applied',
    status,
    graph,
    reason: null,
  };
}

function event(
  taskId: string,
  eventId: string,
  type: TaskEvent['type'] = 'task.completed',
): TaskEvent {
  return {
    eventId,
    type,
    taskId,
    userId: 'u',
    kind: 'GRAPH_GENERATION',
    status: type === 'task.completed' ? 'COMPLETED' : 'PROCESSING',
    progressPercent: type === 'task.completed' ? 100 : 40,
    currentStage: null,
    error: null,
    occurredAt: '2026-01-01T00:00:00.000Z',
  };
}

function observations(
  over: Partial<Observations> = {},
  expected: ExpectedOutcome = 'COMPLETED',
): Observations {
  return {
    submitted: new Map([[T1, { user: 'u1', expected }]]),
    statuses: new Map([[T1, 'COMPLETED']]),
    errors: new Map(),
    resultDlq: [],
    requestDlq: [],
    leftInQueues: { request: 0, result: 0 },
    effects: [applied(T1, 'COMPLETED', true)],
    notifications: [event(T1, 'e1')],
    receipts: [],
    resultsSent: 1,
    rejections: 0,
    failures: 0,
    faultHits: {},
    findings: {},
    timeline: () => [],
    settled: { ok: true, detail: 'settled' },
    requestDlqAllowed: [],
    ...over,
  };
}

const status = (o: Observations, name: string) =>
  account(o).verdicts.find((v) => v.name === name)?.status;

describe('account', () => {
  it('passes a task applied, written and notified once', () => {
    const { verdicts, counters } = account(observations());
    expect(verdicts.filter((v) => v.status === 'fail')).toEqual([]);
    expect(counters).toMatchObject({ tasks: 1, completed: 1, lost: 0, duplicateEffects: 0 });
  });

  it('counts a task with no effect and nothing parked as lost', () => {
    const o = observations({
      statuses: new Map([[T1, 'PROCESSING']]),
      effects: [],
      notifications: [],
    });
    expect(status(o, 'lost = 0')).toBe('fail');
    expect(account(o).counters.lost).toBe(1);
  });

  it('counts a second transition, graph write and distinct notification as duplicate effects', () => {
    const o = observations({
      effects: [applied(T1, 'COMPLETED', true), applied(T1, 'COMPLETED', true)],
      notifications: [event(T1, 'e1'), event(T1, 'e2')],
    });
    const { verdicts, counters } = account(o);
    const v = verdicts.find((x) => x.name === 'duplicate effects = 0');
    expect(v?.status).toBe('fail');
    expect(v?.detail).toMatch(
      /1 extra state transitions, 1 extra graph writes, 1 extra terminal notifications/,
    );
    expect(v?.tasks).toEqual([T1]);
    expect(counters.duplicateEffects).toBe(3);
  });

  it('treats the same event published twice as a repeat receivers drop, not a duplicate effect', () => {
    const o = observations({ notifications: [event(T1, 'e1'), event(T1, 'e1')] });
    expect(status(o, 'duplicate effects = 0')).toBe('pass');
    expect(account(o).counters.notificationRepeats).toBe(1);
  });

  it('counts two distinct progress events for the same step as a duplicate', () => {
    const o = observations({
      notifications: [
        event(T1, 'p1', 'task.progress'),
        event(T1, 'p2', 'task.progress'),
        event(T1, 'e1'),
      ],
    });
    expect(status(o, 'duplicate effects = 0')).toBe('fail');
  });

  it('requires the poison in the DLQ after exactly five receives', () => {
    const parked = (receiveCount: number) =>
      observations(
        {
          statuses: new Map([[T1, 'PROCESSING']]),
          effects: [],
          notifications: [],
          resultDlq: [{ taskId: T1, receiveCount, movedAt: 0, body: '' }],
        },
        'DLQ',
      );
    expect(status(parked(5), 'DLQ holds exactly the poison')).toBe('pass');
    expect(status(parked(5), 'lost = 0')).toBe('pass');
    expect(status(parked(3), 'DLQ holds exactly the poison')).toBe('fail');
    const missing = observations(
      { statuses: new Map([[T1, 'PROCESSING']]), effects: [], notifications: [] },
      'DLQ',
    );
    expect(status(missing, 'DLQ holds exactly the poison')).toBe('fail');
  });

  it('fails a healthy task parked in the DLQ and a task both applied and parked', () => {
    const both = observations({
      resultDlq: [{ taskId: T1, receiveCount: 5, movedAt: 0, body: '' }],
    });
    expect(status(both, 'exactly one terminal state per task')).toBe('fail');
    expect(status(both, 'DLQ holds exactly the poison')).toBe('fail');
  });

  it('fails an outcome other than expected and an effect for a task nobody submitted', () => {
    expect(status(observations({ statuses: new Map([[T1, 'FAILED']]) }), 'unexpected = 0')).toBe(
      'fail',
    );
    const stray = observations({
      effects: [applied(T1, 'COMPLETED', true), applied(T2, 'COMPLETED')],
    });
    expect(status(stray, 'unexpected = 0')).toBe('fail');
  });

  it('fails leftovers, unsettled runs, silent completions and unexpected parked requests', () => {
    expect(
      status(observations({ leftInQueues: { request: 0, result: 2 } }), 'queues drained'),
    ).toBe('fail');
    expect(status(observations({ settled: { ok: false, detail: 'timed out' } }), 'settled')).toBe(
      'fail',
    );
    expect(status(observations({ notifications: [] }), 'each terminal transition notified')).toBe(
      'fail',
    );
    const parkedRequest = { requestDlq: [{ taskId: T1, receiveCount: 5, movedAt: 0, body: '' }] };
    expect(status(observations(parkedRequest), 'request DLQ holds only allowed requests')).toBe(
      'fail',
    );
    expect(
      status(
        observations({ ...parkedRequest, requestDlqAllowed: ['u1'] }),
        'request DLQ holds only allowed requests',
      ),
    ).toBe('pass');
  });

  it('checks that a redrive completed what it moved', () => {
    expect(
      status(
        observations({ redrive: { tasks: [T1] } }),
        'redrive after the fix completes the poison',
      ),
    ).toBe('pass');
    const stuck = observations({
      redrive: { tasks: [T1] },
      statuses: new Map([[T1, 'PROCESSING']]),
    });
    expect(status(stuck, 'redrive after the fix completes the poison')).toBe('fail');
  });
});
