// The task view's pages from a recorder: newest task first with its status and progress, a task's
// diagram, hostile text escaped, unknown tasks refused.
import { describe, expect, it } from 'vitest';
import { taskListPage, taskPage } from '../../../src/app/task-view/page.ts';
import type { TaskEvent } from '../../../src/core/domain/events.ts';
import { Recorder } from '../../../src/infra/recording/recorder.ts';

const hostile = '<script>alert(1)</script>';

function recorderWithTasks(): Recorder {
  const recorder = new Recorder(() => 1_000);
  recorder.note('task_a_1', { actor: 'api', kind: 'request-sent', text: 'api sent' });
  recorder.note('task_b_2', { actor: 'worker', kind: 'rejected', text: `rejected: ${hostile}` });
  recorder.notifications.push({
    eventId: 'e1',
    type: 'task.progress',
    taskId: 'task_a_1',
    userId: 'a',
    kind: 'GRAPH_GENERATION',
    status: 'PROCESSING',
    progressPercent: 40,
    currentStage: hostile,
    error: null,
    occurredAt: '2026-01-01T00:00:00Z',
  } satisfies TaskEvent);
  return recorder;
}

describe('task view', () => {
  it('lists the newest task first with status and progress', () => {
    const html = taskListPage(recorderWithTasks());
    expect(html.indexOf('task_b_2')).toBeLessThan(html.indexOf('task_a_1'));
    expect(html).toContain(
      '<td class="PROCESSING">PROCESSING</td><td><progress max="100" value="40">',
    );
    expect(html).toContain('<td class="submitted">submitted</td>');
    expect(html).toContain('<meta http-equiv="refresh"');
  });

  it('draws a task as a sequence diagram and escapes what the system produced', () => {
    const recorder = recorderWithTasks();
    const a = taskPage(recorder, 'task_a_1') ?? '';
    expect(a).toContain('stage &lt;script&gt;');
    expect(a).toContain('class="lane">api</text>');
    const b = taskPage(recorder, 'task_b_2') ?? '';
    expect(b).not.toContain(hostile);
    expect(b).toContain('rejected: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(taskPage(recorder, 'task_x_9')).toBeUndefined();
  });
});
