// The soak: thousands of tasks with every fault mixed — duplicate results, crashes before delete,
// FAILED outcomes, late progress, poison, SQS duplicates, lost deletes, throttling and 5xx — on
// two workers and two AI replicas. `soakScenario(n)` builds it for n tasks (tests use a small n).
import type { LoadGroup, ScenarioDefinition } from '../model.ts';
import { RESULT_QUEUE } from '../stack.ts';

const MIX: [Omit<LoadGroup, 'count'>, number][] = [
  // Most tasks skip progress messages: a quarter of the result-queue traffic, same semantics.
  [{ user: 'soak-ok', profile: 'quiet', expect: 'COMPLETED' }, 0.5],
  [{ user: 'soak-progress', expect: 'COMPLETED' }, 0.2],
  [{ user: 'soak-dup', profile: 'duplicate', expect: 'COMPLETED' }, 0.1],
  [{ user: 'soak-crash', profile: 'crash-before-delete', expect: 'COMPLETED' }, 0.05],
  [{ user: 'soak-failing', profile: 'failing', expect: 'FAILED' }, 0.075],
  [{ user: 'soak-late', profile: 'progress-after-result', expect: 'COMPLETED' }, 0.05],
  [{ user: 'soak-poison', profile: 'invalid-json', expect: 'DLQ' }, 0.025],
];

export function soakScenario(tasks: number, name = 'soak'): ScenarioDefinition {
  const load = MIX.map(([group, share]) => ({
    ...group,
    count: Math.max(1, Math.round(tasks * share)),
  }));
  const total = load.reduce((n, g) => n + g.count, 0);
  return {
    name,
    title: `Soak: ${total} tasks, all faults mixed`,
    given: [
      '2 workers, 2 AI replicas (8 requests each at once)',
      'SQS duplicating 5% of results, losing 3% of result deletes, throttling 2% of receives, failing 2% of deletes',
    ],
    when: [`${total} tasks: ${load.map((g) => `${g.count} ${g.profile ?? 'default'}`).join(', ')}`],
    outcomes: [
      'lost = 0, unexpected = 0, duplicate effects = 0',
      'poison in the DLQ after 5 receives, FAILED tasks failed once',
    ],
    setup: { workers: 4, aiReplicas: 2, aiConcurrency: 8, workerBatchSize: 10, timeScale: 150 },
    faults: {
      aiProfiles: { quiet: { progress: { enabled: false, afterResult: false } } },
      emulator: [
        { queue: RESULT_QUEUE, probability: 0.05, effect: { type: 'duplicate' } },
        { queue: RESULT_QUEUE, probability: 0.03, effect: { type: 'lostDelete' } },
        {
          action: 'ReceiveMessage',
          probability: 0.02,
          effect: { type: 'error', error: 'ThrottlingException' },
        },
        {
          action: ['DeleteMessage', 'DeleteMessageBatch'],
          probability: 0.02,
          effect: { type: 'error', error: 'InternalError' },
        },
      ],
    },
    needsEmulator: true,
    load,
    settleTimeoutMs: tasks >= 1000 ? 240_000 : 60_000,
  };
}

export const soak = soakScenario(2_000);
