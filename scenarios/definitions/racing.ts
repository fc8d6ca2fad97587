// Three workers and two AI replicas racing on the same queues, with SQS duplicating requests so
// both replicas may work the same task, and duplicated results racing between workers.
import type { ScenarioDefinition } from '../model.ts';
import { REQUEST_QUEUE, RESULT_QUEUE } from '../stack.ts';

export const racing: ScenarioDefinition = {
  name: 'racing-replicas',
  title: 'Three workers and two AI replicas racing',
  given: [
    '3 result workers, 2 fake AI replicas',
    'SQS delivering 30% of requests and results twice',
  ],
  when: ['40 tasks are submitted'],
  outcomes: ['every task COMPLETED once, one graph write, one notification'],
  setup: { workers: 3, aiReplicas: 2, workerBatchSize: 10 },
  faults: {
    emulator: [
      { queue: REQUEST_QUEUE, probability: 0.3, effect: { type: 'duplicate' } },
      { queue: RESULT_QUEUE, probability: 0.3, effect: { type: 'duplicate' } },
    ],
  },
  load: [
    { user: 'race', count: 30, expect: 'COMPLETED' },
    { user: 'race-dup', count: 10, profile: 'duplicate', expect: 'COMPLETED' },
  ],
};
