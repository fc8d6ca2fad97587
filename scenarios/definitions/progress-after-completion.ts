// A progress message that arrives after the result: it must not move the task back, not notify,
// and still be deleted (it is not poison).
import type { ScenarioDefinition } from '../model.ts';

export const progressAfterCompletion: ScenarioDefinition = {
  name: 'progress-after-completion',
  title: 'Progress arriving after completion',
  given: ['an AI that sends one more progress message after its result'],
  when: ['10 tasks are submitted'],
  outcomes: ['each task stays COMPLETED', 'the late progress is ignored, deleted and not notified'],
  load: [
    { user: 'late-progress', count: 10, profile: 'progress-after-result', expect: 'COMPLETED' },
  ],
  checks: (view) => {
    const late = view.tasks.filter((t) => {
      const timeline = view.timeline(t.taskId);
      const done = timeline.findIndex(
        (e) => e.kind === 'notified' && e.text.startsWith('task.completed'),
      );
      return done !== -1 && timeline.slice(done + 1).some((e) => e.kind === 'notified');
    });
    const ignored = view.tasks.filter((t) =>
      view.timeline(t.taskId).some((e) => e.kind === 'ignored' && /PROGRESS/.test(e.text)),
    );
    return [
      late.length === 0
        ? {
            name: 'nothing notified after completion',
            status: 'pass',
            detail: 'no event after task.completed',
          }
        : {
            name: 'nothing notified after completion',
            status: 'fail',
            detail: `${late.length} task(s) notified after completing`,
            tasks: late.map((t) => t.taskId),
          },
      ignored.length > 0
        ? {
            name: 'late progress ignored',
            status: 'pass',
            detail: `${ignored.length} late progress message(s) ignored`,
          }
        : {
            name: 'late progress ignored',
            status: 'fail',
            detail: 'no late progress was seen: the scenario proved nothing',
          },
    ];
  },
};
