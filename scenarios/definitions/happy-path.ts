// The happy path: the whole flow with no fault, as the baseline every other scenario bends.
import type { ScenarioDefinition } from '../model.ts';

export const happyPath: ScenarioDefinition = {
  name: 'happy-path',
  title: 'Happy path',
  given: [
    'queues with production timeouts (visibility 300 s, DLQ after 5 receives)',
    'a well-behaved AI',
  ],
  when: ['20 generation requests are submitted through the API'],
  outcomes: ['every task COMPLETED once, notified once', 'nothing in any DLQ, queues drained'],
  load: [{ user: 'happy', count: 20, expect: 'COMPLETED' }],
};
