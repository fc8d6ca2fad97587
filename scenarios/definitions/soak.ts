// The soak: thousands of tasks with every fault mixed — duplicate results, crashes before delete,
// FAILED outcomes, late progress, poison, SQS duplicates, lost deletes, throttling and 5xx — on
// two workers and two AI replicas. `soakScenario(n)` builds it for n tasks (tests use a small n).
import type { LoadGroup, ScenarioDefinition } from '../model.ts';
import { RESULT_QUEUE } from '../stack.ts';

// Progress messages only where the fault is about progress (and a share of plain tasks): they
// triple the result-queue traffic without adding a fault, and the soak is CPU-bound.
const QUIET = { progress: { enabled: false, afterResult: false } };
const PROFILES = {
  quiet: QUIET,
  'quiet-duplicate': { ...QUIET, duplicates: { copies: 1, delayMs: 0 } },
  'quiet-crash': { ...QUIET, crash: { stage: 'after-result', receives: 1 } },
  'quiet-failing': { ...QUIET, outcome: 'FAILED' },
  'quiet-poison': { ...QUIET, malformed: 'invalid-json' },
};

const MIX: [Omit<LoadGroup, 'count'>, number][] = [
  [{ user: 'soak-ok', profile: 'quiet', expect: 'COMPLETED' }, 0.6],
  [{ user: 'soak-progress', expect: 'COMPLETED' }, 0.1],
  [{ user: 'soak-dup', profile: 'quiet-duplicate', expect: 'COMPLETED' }, 0.1],
  [{ user: 'soak-crash', profile: 'quiet-crash', expect: 'COMPLETED' }, 0.05],
  [{ user: 'soak-failing', profile: 'quiet-failing', expect: 'FAILED' }, 0.075],
  [{ user: 'soak-late', profile: 'progress-after-result', expect: 'COMPLETED' }, 0.05],
  [{ user: 'soak-poison', profile: 'quiet-poison', expect: 'DLQ' }, 0.025],
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
      aiProfiles: PROFILES,
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
    external: {
      notApplicable:
        "SQS duplicates, lost deletes, throttling and 5xx come from the embedded emulator's fault rules, and 2,000 tasks need its fast clock",
    },
    exclusive: true,
    load,
    settleTimeoutMs: tasks >= 1000 ? 240_000 : 60_000,
  };
}

export const soak = soakScenario(2_000);
