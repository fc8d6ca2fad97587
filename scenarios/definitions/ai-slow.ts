// The AI takes 600 s on a request whose visibility timeout is 300 s. Without extending visibility
// the request is received again while the first copy is still working (two results, one applied);
// with a heartbeat (extend by 300 s every 60 s) it is received once.
import { EXTERNAL_REAL_TIME, type ScenarioDefinition, type Verdict } from '../model.ts';

export const aiSlowerThanVisibility: ScenarioDefinition = {
  name: 'ai-slower-than-visibility',
  title: 'AI slower than the visibility timeout, with and without extension',
  given: [
    'request visibility timeout 300 s',
    'an AI that needs 600 s per request, half of the time with a heartbeat',
  ],
  when: ['5 tasks without heartbeat and 5 with heartbeat are submitted'],
  outcomes: [
    'without heartbeat the request is received twice and still applied once',
    'with heartbeat it is received once',
    'all COMPLETED once',
  ],
  // Enough AI concurrency that a redelivered request finds a free hand while the first copy works.
  setup: { timeScale: 300, aiConcurrency: 50 },
  load: [
    { user: 'slow-bare', count: 5, profile: 'long-processing', expect: 'COMPLETED' },
    { user: 'slow-heartbeat', count: 5, profile: 'long-processing-heartbeat', expect: 'COMPLETED' },
  ],
  needsEmulator: true,
  // At real time: 8 s of work against a 4 s visibility timeout, the heartbeat extending by 4 s
  // every second.
  external: {
    setup: { ...EXTERNAL_REAL_TIME, visibilityTimeoutSeconds: 4 },
    settleTimeoutMs: 90_000,
    aiProfiles: {
      'long-processing': { latency: { fixedMs: 8_000 } },
      'long-processing-heartbeat': {
        latency: { fixedMs: 8_000 },
        heartbeat: { everyMs: 1_000, extendSeconds: 4 },
      },
    },
  },
  // Without extension the first copy's delete carries a stale receipt handle: the request may keep
  // coming back until it parks, although its task completed. That is the failure mode shown here.
  requestDlqAllowed: ['slow-bare'],
  checks: ({ tasks }) => {
    const bare = tasks.filter((t) => t.user === 'slow-bare');
    const beat = tasks.filter((t) => t.user === 'slow-heartbeat');
    const once = bare.filter((t) => t.aiRedeliveries < 1);
    const twice = beat.filter((t) => t.aiRedeliveries > 0);
    const out: Verdict[] = [
      once.length === 0
        ? {
            name: 'no extension: received again mid-work',
            status: 'pass',
            detail: `all ${bare.length} received again while the first copy worked`,
          }
        : {
            name: 'no extension: received again mid-work',
            status: 'fail',
            detail: `${once.length} never redelivered`,
            tasks: once.map((t) => t.taskId),
          },
      twice.length === 0
        ? {
            name: 'heartbeat: received exactly once',
            status: 'pass',
            detail: `all ${beat.length} received once`,
          }
        : {
            name: 'heartbeat: received exactly once',
            status: 'fail',
            detail: `${twice.length} received more than once`,
            tasks: twice.map((t) => t.taskId),
          },
    ];
    return out;
  },
};
