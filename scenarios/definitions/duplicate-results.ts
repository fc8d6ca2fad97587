// Duplicate result delivery: the AI sends its result twice or five times, and the emulator also
// duplicates deliveries while three workers consume concurrently. At-least-once is normal; a
// second copy must change nothing.
import type { ScenarioDefinition } from '../model.ts';
import { RESULT_QUEUE } from '../stack.ts';

export const duplicateResults: ScenarioDefinition = {
  name: 'duplicate-results',
  title: 'Duplicate result delivery (2×, 5×, concurrent)',
  given: [
    'three result workers consuming concurrently',
    'an AI that sends each result 2× or 5×',
    'an emulator that duplicates result messages',
  ],
  when: [
    '45 tasks are submitted: 15 with 2 copies, 15 with 5 copies, 15 duplicated by SQS as well',
  ],
  outcomes: [
    'each task COMPLETED exactly once',
    'one graph write and one notification per task',
    'every extra copy counted as ignored',
  ],
  setup: { workers: 3, workerBatchSize: 10 },
  faults: {
    aiProfiles: {
      twice: { duplicates: { copies: 1, delayMs: 0 } },
      five: { duplicates: { copies: 4, delayMs: 0 } },
      'five-later': { duplicates: { copies: 4, delayMs: 1_000 } },
    },
    emulator: [
      { queue: RESULT_QUEUE, bodyContains: 'concurrent', effect: { type: 'duplicate', copies: 3 } },
    ],
  },
  needsEmulator: false,
  load: [
    { user: 'dup-twice', count: 15, profile: 'twice', expect: 'COMPLETED' },
    { user: 'dup-five', count: 15, profile: 'five', expect: 'COMPLETED' },
    { user: 'dup-concurrent', count: 15, profile: 'five-later', expect: 'COMPLETED' },
  ],
};
