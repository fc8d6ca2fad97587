// The database drops off while the worker is handling results and comes back 2 virtual minutes
// later: handling fails, the messages stay (no delete), come back after the visibility timeout and
// apply once the database is back — fewer than five failures each, so nothing reaches the DLQ.
import { EXTERNAL_REAL_TIME, type ScenarioDefinition } from '../model.ts';

export const databaseOutage: ScenarioDefinition = {
  name: 'database-outage',
  title: 'Database unavailable during handling, then recovering',
  given: ['a worker whose database refuses every call for 120 s (virtual) once handling starts'],
  when: ['20 tasks are submitted'],
  outcomes: [
    'handling fails while the database is down and the messages are not deleted',
    'after recovery every task COMPLETED once, nothing in the DLQ',
  ],
  setup: { timeScale: 300 },
  faults: { infrastructure: ['database down for 120 s while results are handled'] },
  load: [{ user: 'outage', count: 20, expect: 'COMPLETED' }],
  needsEmulator: true,
  external: { setup: EXTERNAL_REAL_TIME },
  steps: {
    during: async (ctx) => {
      await ctx.waitFor('the first result to reach the worker', () =>
        ctx.recorder.receipts.some((r) => r.actor === 'worker'),
      );
      ctx.outage.down = true;
      // 120 s against a 300 s visibility timeout; the same share of a shorter one elsewhere.
      const outageMs = ctx.setup.visibilityTimeoutSeconds * 400;
      const back = ctx.clock.now() + outageMs;
      await ctx.waitFor(
        `${outageMs / 1000} s of outage (scenario clock)`,
        () => ctx.clock.now() >= back,
      );
      ctx.outage.down = false;
    },
  },
  checks: ({ counters }) => [
    counters.failures > 0
      ? {
          name: 'handling failed during the outage',
          status: 'pass',
          detail: `${counters.failures} handling failure(s), ${counters.faultHits['database calls refused while down'] ?? 0} call(s) refused`,
        }
      : {
          name: 'handling failed during the outage',
          status: 'fail',
          detail: 'the outage never hit a message: the scenario proved nothing',
        },
  ],
};
