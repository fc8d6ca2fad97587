import { describe, expect, it } from 'vitest';
import { stageNumber } from '../../../src/contracts/stage.ts';
import { newPendingTask, type Task } from '../../../src/core/domain/task.ts';
import { applyProgress, applyResult } from '../../../src/core/domain/transitions.ts';

const T0 = Date.UTC(2026, 0, 1);

function pending(): Task {
  return newPendingTask({
    taskId: 'task_u1_01J0000000000000000000000A',
    userId: 'u1',
    kind: 'GRAPH_GENERATION',
    inputS3Key: 'graph-generation/task_u1_01J0000000000000000000000A/input.json',
    now: T0,
  });
}

function applied(t: ReturnType<typeof applyProgress>): Task {
  if (t.kind !== 'apply') throw new Error(`expected apply, got ignore (${t.reason})`);
  return t.task;
}

describe('task transitions', () => {
  it('moves PENDING to PROCESSING on the first progress', () => {
    const next = applied(
      applyProgress(
        pending(),
        { progressPercent: 10, currentStage: 'clustering', etaSeconds: 30 },
        T0 + 5,
      ),
    );
    expect(next).toMatchObject({
      status: 'PROCESSING',
      progressPercent: 10,
      currentStage: 'clustering',
      etaSeconds: 30,
      updatedAt: T0 + 5,
    });
  });

  it('never lets progress go backwards', () => {
    const at40 = applied(
      applyProgress(pending(), { progressPercent: 40, currentStage: 'b', etaSeconds: null }, T0),
    );
    expect(
      applyProgress(at40, { progressPercent: 20, currentStage: 'a', etaSeconds: 10 }, T0 + 1),
    ).toEqual({
      kind: 'ignore',
      reason: 'stale-progress',
    });
  });

  it('orders progress by stage, then percent: a later stage at 0 % is never stale', () => {
    const stage1 = applied(
      applyProgress(
        pending(),
        { progressPercent: 90, currentStage: '[1단계] 임베딩 생성', etaSeconds: 20 },
        T0,
      ),
    );
    const stage2 = applied(
      applyProgress(
        stage1,
        { progressPercent: 0, currentStage: '[2단계] 클러스터링 시작', etaSeconds: 15 },
        T0 + 1,
      ),
    );
    expect(stage2).toMatchObject({ progressPercent: 0, currentStage: '[2단계] 클러스터링 시작' });
    // Stage 1's last step, delivered late, is older than anything in stage 2.
    expect(
      applyProgress(stage2, { progressPercent: 95, currentStage: '[1단계] 끝', etaSeconds: 1 }, T0),
    ).toEqual({ kind: 'ignore', reason: 'stale-progress' });
    expect(stageNumber('[12단계] x')).toBe(12);
    expect(stageNumber('clustering')).toBeUndefined();
  });

  it('orders stages without a number by the messages’ own timestamps', () => {
    const later = applied(
      applyProgress(
        pending(),
        { progressPercent: 60, currentStage: 'clustering', etaSeconds: 5, sentAt: T0 + 2_000 },
        T0,
      ),
    );
    expect(later.progressAt).toBe(T0 + 2_000);
    const sentEarlier = { progressPercent: 80, currentStage: 'embedding', etaSeconds: 9 };
    expect(applyProgress(later, { ...sentEarlier, sentAt: T0 + 1_000 }, T0 + 5)).toEqual({
      kind: 'ignore',
      reason: 'stale-progress',
    });
    expect(
      applied(
        applyProgress(
          later,
          { ...sentEarlier, currentStage: 'writing', progressPercent: 0, sentAt: T0 + 3_000 },
          T0 + 5,
        ),
      ).currentStage,
    ).toBe('writing');
  });

  it('accepts a new stage at the same percentage but ignores an exact repeat', () => {
    const at40 = applied(
      applyProgress(pending(), { progressPercent: 40, currentStage: 'b', etaSeconds: null }, T0),
    );
    expect(
      applyProgress(at40, { progressPercent: 40, currentStage: 'b', etaSeconds: 3 }, T0),
    ).toEqual({
      kind: 'ignore',
      reason: 'no-change',
    });
    expect(
      applied(applyProgress(at40, { progressPercent: 40, currentStage: 'c', etaSeconds: 3 }, T0))
        .currentStage,
    ).toBe('c');
  });

  it('completes from PENDING or PROCESSING, setting progress to 100', () => {
    const done = applied(
      applyResult(pending(), { status: 'COMPLETED', resultS3Key: 'r.json' }, T0 + 9),
    );
    expect(done).toMatchObject({
      status: 'COMPLETED',
      progressPercent: 100,
      resultS3Key: 'r.json',
      completedAt: T0 + 9,
    });
  });

  it('ignores a late FAILED after COMPLETED and a late COMPLETED after FAILED', () => {
    const done = applied(
      applyResult(pending(), { status: 'COMPLETED', resultS3Key: 'r.json' }, T0),
    );
    expect(
      applyResult(done, { status: 'FAILED', error: { code: 'AI_FAILED', message: 'x' } }, T0 + 1),
    ).toEqual({
      kind: 'ignore',
      reason: 'terminal',
    });
    const failed = applied(
      applyResult(
        pending(),
        { status: 'FAILED', error: { code: 'AI_FAILED', message: 'boom' } },
        T0,
      ),
    );
    expect(failed.error).toEqual({ code: 'AI_FAILED', message: 'boom' });
    expect(applyResult(failed, { status: 'COMPLETED', resultS3Key: 'r' }, T0).kind).toBe('ignore');
  });

  it('ignores progress after a terminal state', () => {
    const done = applied(applyResult(pending(), { status: 'COMPLETED', resultS3Key: null }, T0));
    expect(
      applyProgress(done, { progressPercent: 100, currentStage: 'late', etaSeconds: 0 }, T0 + 1),
    ).toEqual({
      kind: 'ignore',
      reason: 'terminal',
    });
  });

  it('never moves updatedAt backwards when a clock lags', () => {
    const at = applied(
      applyProgress(
        pending(),
        { progressPercent: 5, currentStage: 'a', etaSeconds: null },
        T0 + 100,
      ),
    );
    const later = applied(
      applyProgress(at, { progressPercent: 6, currentStage: 'a', etaSeconds: null }, T0 + 50),
    );
    expect(later.updatedAt).toBe(T0 + 100);
  });
});
