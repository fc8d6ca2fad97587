// Per-task accounting of the fake AI's journal.
import { describe, expect, it } from 'vitest';
import { Journal } from '../../fake-ai/journal.ts';
import { accountTasks } from '../../fake-ai/journal-summary.ts';

describe('accountTasks', () => {
  it('counts receives, results, copies, crashes and deletes per task', () => {
    const journal = new Journal(() => 0);
    const t = { taskId: 't1', taskType: 'GRAPH_GENERATION_REQUEST' };
    journal.record({ kind: 'received', ...t, profile: 'crash-before-delete', receiveCount: 1 });
    journal.record({ kind: 'progress-sent', ...t });
    journal.record({ kind: 'result-sent', ...t, detail: { status: 'COMPLETED', copy: 0 } });
    journal.record({ kind: 'crashed', ...t });
    journal.record({ kind: 'received', ...t, profile: 'crash-before-delete', receiveCount: 2 });
    journal.record({ kind: 'result-sent', ...t, detail: { status: 'COMPLETED', copy: 0 } });
    journal.record({ kind: 'deleted', ...t });
    journal.record({
      kind: 'rejected',
      taskId: 't2',
      taskType: 'ADD_NODE_REQUEST',
      detail: { answered: 'FAILED' },
    });
    journal.record({ kind: 'deleted', taskId: 't2' });
    journal.record({ kind: 'error', detail: { during: 'receive' } });
    expect(accountTasks(journal.entries())).toEqual([
      {
        taskId: 't1',
        taskType: 'GRAPH_GENERATION_REQUEST',
        receives: 2,
        resultsSent: 2,
        statuses: ['COMPLETED', 'COMPLETED'],
        progressSent: 1,
        sendFailures: 0,
        crashes: 1,
        deleted: true,
        rejected: false,
        profiles: ['crash-before-delete', 'crash-before-delete'],
      },
      {
        taskId: 't2',
        taskType: 'ADD_NODE_REQUEST',
        receives: 1,
        resultsSent: 1,
        statuses: ['FAILED'],
        progressSent: 0,
        sendFailures: 0,
        crashes: 0,
        deleted: true,
        rejected: true,
        profiles: [],
      },
    ]);
  });
});
