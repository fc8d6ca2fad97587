// SQS misbehaving: throttling and 5xx on receive, send and delete, and deletes that report success
// but keep the message (lost deletes). Clients retry; whatever slips through comes back and is
// deduplicated.
import type { ScenarioDefinition } from '../model.ts';
import { RESULT_QUEUE } from '../stack.ts';

export const emulatorErrors: ScenarioDefinition = {
  name: 'sqs-throttling-and-5xx',
  title: 'Emulator throttling and 5xx on receive, send and delete',
  given: [
    'SQS answering ThrottlingException to 10% of receives, InternalError to 10% of deletes, ServiceUnavailable to 5% of sends',
    '10% of result deletes lost',
  ],
  when: ['30 tasks are submitted'],
  outcomes: ['every task COMPLETED once', 'every injected fault counted in the report'],
  faults: {
    emulator: [
      {
        action: 'ReceiveMessage',
        probability: 0.1,
        effect: { type: 'error', error: 'ThrottlingException' },
      },
      {
        action: ['DeleteMessage', 'DeleteMessageBatch'],
        probability: 0.1,
        effect: { type: 'error', error: 'InternalError' },
      },
      {
        action: ['SendMessage', 'SendMessageBatch'],
        probability: 0.05,
        effect: { type: 'error', error: 'ServiceUnavailable' },
      },
      { queue: RESULT_QUEUE, probability: 0.1, effect: { type: 'lostDelete' } },
    ],
  },
  // Lost deletes come back after a 300 s visibility timeout: a fast clock keeps that short (the
  // SDK's retry backoff after throttling runs on real time, as it would against AWS).
  setup: { timeScale: 300 },
  needsEmulator: true,
  external: {
    notApplicable:
      "throttling and 5xx answers come from the embedded emulator's fault rules; LocalStack (community) cannot inject them",
  },
  load: [{ user: 'flaky-sqs', count: 30, expect: 'COMPLETED' }],
};
