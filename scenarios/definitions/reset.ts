// `POST /_harness/reset` on a running stack: every queue, message, bucket and object is gone at
// once. The back end puts queues and bucket back the first time a call finds them missing
// (src/infra/aws/repair.ts), and the reconciliation sweep re-dispatches tasks that stopped moving
// (src/core/services/task-reconciler.ts).
//
// What "lost 0" means here. A reset deletes by design what AWS never would: the requests still
// queued and the input bundles they point at. So:
// - a task whose input the AI had already read when the reset came ends COMPLETED: its progress
//   and result reach the repaired queues;
// - a task whose request was still queued is re-dispatched by the sweep (same task id, same body);
//   its input bundle went with the bucket, so the AI answers FAILED naming the missing object, and
//   the task ends FAILED with that reason — terminal and notified (a task the AI had received but
//   not read yet is answered so at once). Had the AI never answered, the sweep would have failed
//   it with STALLED after its re-dispatches: terminal too.
// No task stays PENDING or PROCESSING, none is applied twice. Whose input was read comes from the
// fake AI's journal, and each task's expected outcome is set from it. Virtual time stands still
// around the reset (until the back end repaired), so the machine's load cannot move it.
import type { JournalEntry } from '../../fake-ai/index.ts';
import type { CheckView, ScenarioDefinition, StackContext, Verdict } from '../model.ts';

const HELD = 10;
const QUEUED = 10;
const QUEUED_NOTE = 'POST /_harness/reset: the request was still queued; deleted with its input';

/** The stage the AI reports (sends, or fails to send into a deleted queue) after reading the input. */
function readsInput(e: JournalEntry): string | undefined {
  const stage = (e.detail as { currentStage?: unknown } | undefined)?.currentStage;
  return stage === 'building_graph' ? e.taskId : undefined;
}

/**
 * Tasks whose input the AI has read. After a reset no input exists any more, so a task with such
 * an entry at any time had its input read before the reset.
 */
function inputRead(ctx: StackContext): Set<string> {
  const read = new Set<string>();
  for (const ai of ctx.fakeAis) {
    for (const e of ai.journal.entries()) {
      const taskId = readsInput(e);
      if (taskId) read.add(taskId);
    }
  }
  return read;
}

async function resetMidFlight(ctx: StackContext): Promise<void> {
  const control = ctx.control;
  if (!control) throw new Error('reset needs the emulator control plane');
  const scale = ctx.clock.scale();
  // Virtual time stands still from the moment the AI reads the last of HELD inputs (frozen from
  // inside its journal, at once, however loaded the machine) until the back end has repaired
  // queues and bucket: the reset lands mid-flight, and no result is lost to the gap before the
  // repair — only to the reset itself.
  const read = new Set<string>();
  const enough = (e: JournalEntry) => {
    const taskId = readsInput(e);
    if (taskId) read.add(taskId);
    // The first task about to write its result stops time too: on a loaded machine the AI's
    // hands drift apart, and a result in flight would be lost to the reset (re-dispatched with
    // its input gone) although its input had been read.
    const stage = (e.detail as { currentStage?: unknown } | undefined)?.currentStage;
    if (read.size < HELD && stage !== 'writing_results') return false;
    ctx.clock.setScale(0);
    return true;
  };
  const bound = new AbortController();
  const timer = setTimeout(
    () => bound.abort(new Error(`the AI read fewer than ${HELD} inputs in 20 s`)),
    20_000,
  );
  try {
    const waits = ctx.fakeAis.map((ai) => ai.journal.waitFor(enough, bound.signal));
    // The replicas that did not see it are aborted below: their rejections are expected.
    for (const wait of waits) wait.catch(() => {});
    await Promise.race(waits);
  } finally {
    clearTimeout(timer);
    bound.abort();
  }
  try {
    const received = new Set(
      ctx.recorder.receipts.filter((r) => r.actor === 'ai').map((r) => r.taskId),
    );
    await control.reset();
    for (const taskId of ctx.submitted.keys()) {
      ctx.recorder.note(taskId, {
        actor: 'request-queue',
        kind: 'fault',
        text: received.has(taskId) ? 'POST /_harness/reset: the AI holds the request' : QUEUED_NOTE,
      });
    }
    await ctx.waitFor(
      'the back end to re-create queues and bucket',
      () => ctx.infrastructureRepairs() > 0,
      10_000,
    );
  } finally {
    ctx.clock.setScale(scale);
  }
  // Whose input was read is known for sure once every task ended: then the outcome each must have.
  const terminal = () =>
    new Set(
      ctx.recorder.effects
        .filter(
          (e) => e.outcome === 'applied' && (e.status === 'COMPLETED' || e.status === 'FAILED'),
        )
        .map((e) => e.taskId),
    );
  await ctx
    .waitFor('every task to end', () => terminal().size >= ctx.submitted.size, 40_000)
    .catch(() => {});
  const wasRead = inputRead(ctx);
  for (const taskId of ctx.submitted.keys()) {
    if (!wasRead.has(taskId)) ctx.expectFor.set(taskId, 'FAILED');
  }
}

function checks({ tasks, timeline }: CheckView): Verdict[] {
  const held = tasks.filter((t) => t.expected === 'COMPLETED');
  const vanished = tasks.filter((t) => t.expected === 'FAILED');
  // The AI's answer to a request whose input is gone: `cannot read s3://…/input.json: NoSuchKey`.
  const wrongReason = vanished.filter(
    (t) =>
      !/cannot read s3:\/\/\S+\/input\.json: NoSuchKey/.test(t.error ?? '') &&
      !t.error?.startsWith('STALLED'),
  );
  // A request deleted while queued comes back only through the sweep; one the AI held but whose
  // input it had not read yet is answered FAILED by the AI itself.
  const queued = vanished.filter((t) => timeline(t.taskId).some((e) => e.text === QUEUED_NOTE));
  const notRedispatched = queued.filter(
    (t) => !timeline(t.taskId).some((e) => e.kind === 'redispatched'),
  );
  const notCompleted = held.filter((t) => t.status !== 'COMPLETED');
  // A held task whose progress was lost in the reset may look stalled on a loaded machine and be
  // re-dispatched too: allowed (same task id, deduplicated — the accounting counts any second
  // effect), but reported.
  const redispatchedHeld = held.filter((t) =>
    timeline(t.taskId).some((e) => e.kind === 'redispatched'),
  ).length;
  const split = {
    name: 'the reset hit both work in hand and queued work',
    status: held.length > 0 && queued.length > 0 ? 'pass' : 'fail',
    detail: `${held.length} task(s) with their input read by the AI, ${vanished.length} whose input was deleted, ${queued.length} of them queued (about ${HELD} and ${QUEUED} expected)`,
  } as const;
  return [
    split,
    notRedispatched.length === 0
      ? {
          name: 'vanished requests re-dispatched by the sweep',
          status: 'pass',
          detail: `${queued.length} task(s) whose request vanished were re-dispatched, then FAILED on their missing input`,
        }
      : {
          name: 'vanished requests re-dispatched by the sweep',
          status: 'fail',
          detail: `${notRedispatched.length} task(s) whose request vanished never re-dispatched`,
          tasks: notRedispatched.map((t) => t.taskId),
        },
    wrongReason.length === 0
      ? {
          name: 'vanished tasks FAILED on their missing input',
          status: 'pass',
          detail: `${vanished.length} task(s) FAILED, e.g. ${vanished[0]?.error?.slice(0, 160) ?? '(none)'}`,
        }
      : {
          name: 'vanished tasks FAILED on their missing input',
          status: 'fail',
          detail: `${wrongReason.length} task(s) ended otherwise, e.g. ${wrongReason[0]?.status} ${wrongReason[0]?.error ?? ''}`,
          tasks: wrongReason.map((t) => t.taskId),
        },
    notCompleted.length === 0
      ? {
          name: 'tasks the AI held COMPLETED',
          status: 'pass',
          detail: `${held.length} held task(s) COMPLETED (${redispatchedHeld} of them also re-dispatched, the copy deduplicated)`,
        }
      : {
          name: 'tasks the AI held COMPLETED',
          status: 'fail',
          detail: `${notCompleted.length} held task(s) ended ${notCompleted[0]?.status} ${notCompleted[0]?.error ?? ''}`,
          tasks: notCompleted.map((t) => t.taskId),
        },
  ];
}

export const reset: ScenarioDefinition = {
  name: 'reset',
  title: 'POST /_harness/reset mid-flight: repaired, re-dispatched, every task terminal',
  given: [
    'an AI that needs 900 s per request (extending its visibility), 10 at a time',
    'the reconciliation sweep: stalled after 1200 s without change, 2 re-dispatches, every 60 s',
  ],
  when: [
    '20 tasks are submitted: the AI takes 10 and reads their input, 10 wait in the request queue',
    'the emulator is reset: every queue, message, bucket and object is deleted',
  ],
  outcomes: [
    'the API and the worker re-create queues and bucket on the first call that finds them gone',
    'the 10 tasks the AI held COMPLETE; the 10 whose request vanished are re-dispatched and end FAILED (their input was deleted too)',
    'lost 0: no task stays PENDING or PROCESSING; duplicates 0',
  ],
  setup: {
    timeScale: 200,
    aiConcurrency: HELD,
    reconcile: { stallSeconds: 1200, maxRedispatches: 2, sweepSeconds: 60 },
  },
  faults: {
    // Longer than the 300 s visibility timeout, so the AI extends it (as long-running consumers
    // must); a re-dispatched copy is then received once, not again while it is being answered.
    aiProfiles: {
      'long-work': {
        latency: { fixedMs: 900_000 },
        heartbeat: { everyMs: 60_000, extendSeconds: 300 },
      },
    },
    infrastructure: ['POST /_harness/reset while tasks are queued and worked on'],
  },
  load: [{ user: 'reset', count: HELD + QUEUED, profile: 'long-work', expect: 'COMPLETED' }],
  needsEmulator: true,
  // About 1,600 virtual seconds at 200x: 8 s real; the bound leaves room for a loaded machine.
  settleTimeoutMs: 45_000,
  external: {
    notApplicable: 'resets through the emulator control plane; an external endpoint has none',
  },
  steps: { during: resetMidFlight },
  checks,
};
