// The result policy on its own: ownership checks, status → transition, and the effect recorded
// with its event (extras such as a graph only on a COMPLETED result that applies).
import { describe, expect, it } from 'vitest';
import { checkOwnership, decideResult } from '../../../src/core/domain/result-policy.ts';
import { newPendingTask, type Task } from '../../../src/core/domain/task.ts';
import { ManualClock } from '../../../src/kernel/clock.ts';

const T0 = Date.UTC(2026, 0, 1);
const context = { clock: new ManualClock(T0 + 1000), ids: () => 'event-1' };
const graph = { graphJson: '{}', graphS3Key: 'graph-generation/t/graph.json' };

function pending(): Task {
  return newPendingTask({
    taskId: 'task_u1_01J0000000000000000000000A',
    userId: 'u1',
    kind: 'GRAPH_GENERATION',
    inputS3Key: 'graph-generation/task_u1_01J0000000000000000000000A/input.json',
    now: T0,
  });
}

describe('result policy', () => {
  it('rejects a message for no task, another user or another kind of task', () => {
    expect(checkOwnership(null, 'GRAPH_GENERATION', 'u1')).toEqual({
      kind: 'reject',
      reason: 'unknown-task',
    });
    expect(checkOwnership(pending(), 'GRAPH_GENERATION', 'u2')?.kind).toBe('reject');
    expect(checkOwnership(pending(), 'ADD_NODE', 'u1')).toEqual({
      kind: 'reject',
      reason: 'kind-mismatch',
    });
    expect(checkOwnership(pending(), 'GRAPH_GENERATION', 'u1')).toBeNull();
  });

  it('completes the task with the graph and the event of the change', () => {
    const decide = decideResult(
      'GRAPH_GENERATION',
      { userId: 'u1', status: 'COMPLETED' },
      'graph-generation/t/graph.json',
      context,
      { graph },
    );
    const effect = decide(pending());
    if (effect.kind !== 'apply') throw new Error(`expected apply, got ${effect.kind}`);
    expect(effect.task.status).toBe('COMPLETED');
    expect(effect.task.resultS3Key).toBe('graph-generation/t/graph.json');
    expect(effect.graph).toEqual(graph);
    expect(effect.event?.eventId).toBe('event-1');
  });

  it('fails the task with AI_FAILED and the AI error, attaching no graph', () => {
    const decide = decideResult(
      'GRAPH_GENERATION',
      { userId: 'u1', status: 'FAILED', error: 'out of memory' },
      null,
      context,
      { graph },
    );
    const effect = decide(pending());
    if (effect.kind !== 'apply') throw new Error(`expected apply, got ${effect.kind}`);
    expect(effect.task.status).toBe('FAILED');
    expect(effect.task.error).toEqual({ code: 'AI_FAILED', message: 'out of memory' });
    expect(effect.graph).toBeUndefined();
  });

  it('ignores a result for a task that has already ended', () => {
    const first = decideResult(
      'GRAPH_GENERATION',
      { userId: 'u1', status: 'FAILED' },
      null,
      context,
    )(pending());
    if (first.kind !== 'apply') throw new Error('expected apply');
    const again = decideResult(
      'GRAPH_GENERATION',
      { userId: 'u1', status: 'COMPLETED' },
      'k',
      context,
    )(first.task);
    expect(again).toEqual({ kind: 'ignore', reason: 'terminal' });
  });
});
