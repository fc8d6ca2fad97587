// Results that can never apply, each parked after five receives with its reason recorded: a
// missing or corrupt result object in S3, and contract drift (snake_case `user_id`, a wrong
// `taskType`) — mixed into the same batches as healthy results (partial batch failures).
import {
  type CheckView,
  EXTERNAL_POISON,
  type ScenarioDefinition,
  type Verdict,
} from '../model.ts';

/** Every parked task's timeline shows why the worker refused it, matching `reason`. */
function reasonRecorded(view: CheckView, user: string, reason: RegExp): Verdict {
  const parked = view.tasks.filter((t) => t.user === user);
  const silent = parked.filter(
    (t) =>
      !view
        .timeline(t.taskId)
        .some((e) => (e.kind === 'rejected' || e.kind === 'failed') && reason.test(e.text)),
  );
  return silent.length === 0
    ? {
        name: `${user}: reason recorded`,
        status: 'pass',
        detail: `${parked.length} refusal(s) recorded as ${reason}`,
      }
    : {
        name: `${user}: reason recorded`,
        status: 'fail',
        detail: `${silent.length} parked without a reason matching ${reason}`,
        tasks: silent.map((t) => t.taskId),
      };
}

export const missingResultObject: ScenarioDefinition = {
  name: 'missing-result-object',
  title: 'Result object missing or corrupt in S3',
  given: ['an AI that sends COMPLETED but never writes (or garbles) the graph object'],
  when: ['3 missing, 3 corrupt and 6 healthy tasks are submitted'],
  outcomes: [
    'the broken results are never applied and park in the DLQ after 5 receives',
    'the reason (missing object, not JSON) is recorded',
    'healthy tasks complete',
  ],
  setup: { timeScale: 400 },
  load: [
    { user: 'no-object', count: 3, profile: 'missing-object', expect: 'DLQ' },
    { user: 'bad-object', count: 3, profile: 'corrupt-object', expect: 'DLQ' },
    { user: 'fine', count: 6, expect: 'COMPLETED' },
  ],
  needsEmulator: true,
  external: { setup: EXTERNAL_POISON, settleTimeoutMs: 90_000 },
  checks: (view) => [
    reasonRecorded(view, 'no-object', /PayloadMissingError|missing/i),
    reasonRecorded(view, 'bad-object', /not-json|off-contract/),
  ],
};

export const contractDrift: ScenarioDefinition = {
  name: 'contract-drift',
  title: 'Contract drift: snake_case user_id, wrong taskType',
  given: ['an AI that writes `user_id` instead of `userId`, or names the wrong message type'],
  when: ['3 snake_case, 3 wrong-type and 6 healthy results arrive'],
  outcomes: [
    'the drifted results are rejected with the violation recorded and park in the DLQ after 5 receives',
    'healthy tasks complete',
  ],
  setup: { timeScale: 400 },
  load: [
    { user: 'snake', count: 3, profile: 'snake-case', expect: 'DLQ' },
    { user: 'wrong-type', count: 3, profile: 'wrong-task-type', expect: 'DLQ' },
    { user: 'fine', count: 6, expect: 'COMPLETED' },
  ],
  needsEmulator: true,
  external: { setup: EXTERNAL_POISON, settleTimeoutMs: 90_000 },
  checks: (view) => [
    reasonRecorded(view, 'snake', /contract-violation.*user_?[iI]d|userId|user_id/),
    reasonRecorded(view, 'wrong-type', /rejected: /),
  ],
};

export const partialBatchFailures: ScenarioDefinition = {
  name: 'partial-batch-failures',
  title: 'Partial batch failures',
  given: [
    'a worker receiving 10 results per poll',
    'some results in each batch that cannot apply (invalid JSON, schema violation)',
  ],
  when: ['20 healthy and 6 broken results are mixed on the result queue'],
  outcomes: [
    'healthy results in a batch are applied and deleted on their first receive, whatever their neighbours do',
    'only the broken ones park in the DLQ',
  ],
  setup: { timeScale: 400, workerBatchSize: 10 },
  load: [
    { user: 'mixed-ok', count: 20, expect: 'COMPLETED' },
    { user: 'mixed-json', count: 3, profile: 'invalid-json', expect: 'DLQ' },
    { user: 'mixed-schema', count: 3, profile: 'schema-violation', expect: 'DLQ' },
  ],
  needsEmulator: true,
  external: { setup: EXTERNAL_POISON, settleTimeoutMs: 90_000 },
  checks: (view) => {
    // Each healthy result is acknowledged (deleted) on the receive it first came in with, whatever
    // its batch neighbours did. (A late redelivery under load is at-least-once, not a batch effect.)
    const unacked = view.tasks.filter((t) => {
      if (t.user !== 'mixed-ok') return false;
      const timeline = view.timeline(t.taskId);
      const first = timeline
        .filter((e) => e.kind === 'worker-received' && e.text.endsWith('#1'))
        .map((e) => /received (\S+) #1$/.exec(e.text)?.[1]);
      return first.some(
        (id) => !timeline.some((e) => e.kind === 'deleted' && e.text.endsWith(` ${id}`)),
      );
    });
    return [
      unacked.length === 0
        ? {
            name: 'healthy batch neighbours acknowledged',
            status: 'pass',
            detail: 'every healthy result was deleted after its first receive',
          }
        : {
            name: 'healthy batch neighbours acknowledged',
            status: 'fail',
            detail: `${unacked.length} healthy task(s) had a result left undeleted next to a failing one`,
            tasks: unacked.map((t) => t.taskId),
          },
      reasonRecorded(view, 'mixed-json', /contract-violation/),
      reasonRecorded(view, 'mixed-schema', /contract-violation/),
    ];
  },
};
