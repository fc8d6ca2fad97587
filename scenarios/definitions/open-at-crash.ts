// The check the crash scenarios share: the tasks a crash caught open (their timelines carry the
// crash's note) all completed afterwards — and there were some, or the crash proved nothing.
import type { CheckView, Verdict } from '../model.ts';

/** Checks that every task whose timeline has a note starting with `marker` ended COMPLETED. */
export function openAtCrashCompleted(marker: string, name: string) {
  return ({ tasks, timeline }: CheckView): Verdict[] => {
    const open = tasks.filter((t) => timeline(t.taskId).some((e) => e.text.startsWith(marker)));
    const notDone = open.filter((t) => t.status !== 'COMPLETED');
    if (open.length === 0) {
      return [{ name, status: 'fail', detail: 'no task was open at the crash: it proved nothing' }];
    }
    return [
      notDone.length === 0
        ? { name, status: 'pass', detail: `${open.length} task(s) open at the kill, all COMPLETED` }
        : {
            name,
            status: 'fail',
            detail: `${notDone.length} of ${open.length} open task(s) did not complete`,
            tasks: notDone.map((t) => t.taskId),
          },
    ];
  };
}
