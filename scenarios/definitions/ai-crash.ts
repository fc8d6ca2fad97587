// The AI crashes after sending its result but before deleting the request: the request comes back
// after its 300 s visibility timeout, the AI works it again and sends a second result, and the
// worker applies only one.
import { EXTERNAL_REAL_TIME, type ScenarioDefinition } from '../model.ts';

export const aiCrashBeforeDelete: ScenarioDefinition = {
  name: 'ai-crash-before-delete',
  title: 'AI crashes before deleting the request',
  given: [
    'request visibility timeout 300 s',
    'an AI that dies after sending the result, before the delete (first receive only)',
  ],
  when: ['10 tasks are submitted'],
  outcomes: [
    'each request is received again after the visibility timeout',
    'each task COMPLETED once despite two results',
  ],
  setup: { timeScale: 300 },
  load: [{ user: 'crashy', count: 10, profile: 'crash-before-delete', expect: 'COMPLETED' }],
  needsEmulator: true,
  // On LocalStack the replica really stops before its delete; the request returns after 3 s.
  external: { setup: EXTERNAL_REAL_TIME },
  checks: ({ tasks }) => {
    const notRedelivered = tasks.filter((t) => t.aiRedeliveries < 1);
    return [
      notRedelivered.length === 0
        ? {
            name: 'request redelivered after the timeout',
            status: 'pass',
            detail: 'every request received at least twice by the AI',
          }
        : {
            name: 'request redelivered after the timeout',
            status: 'fail',
            detail: `${notRedelivered.length} request(s) never came back after the crash`,
            tasks: notRedelivered.map((t) => t.taskId),
          },
    ];
  },
};
