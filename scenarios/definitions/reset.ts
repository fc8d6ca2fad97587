// `POST /_harness/reset` on a running stack: every queue, message, bucket and object is gone at
// once. The back end puts queues and bucket back the first time a call finds them missing
// (src/infra/aws/repair.ts), and the reconciliation sweep re-dispatches tasks that stopped moving
// (src/core/services/task-reconciler.ts).
//
// What "lost 0" means here. A reset deletes by design what AWS never would: the requests still
// queued and the input bundles they point at. So:
// - a task whose input the AI had already read when the reset came (it was working on it) ends
//   COMPLETED: its progress and result reach the repaired queues;
// - a task whose request was still queued is re-dispatched by the sweep (same task id, same body);
//   its input bundle went with the bucket, so the AI answers FAILED naming the missing object, and
//   the task ends FAILED with that reason — terminal and notified. Had the AI never answered, the
//   sweep would have failed it with STALLED after its re-dispatches: terminal too.
// No task stays PENDING or PROCESSING, none is applied twice. Which tasks the AI held is seen at
// the moment of the reset, and their expected outcome is set from it.
import type { CheckView, ScenarioDefinition, StackContext, Verdict } from '../model.ts';

const HELD = 10;
const QUEUED = 10;

async function resetMidFlight(ctx: StackContext): Promise<void> {
  const control = ctx.control;
  if (!control) throw new Error('reset needs the emulator control plane');
  const aiHeld = () =>
    new Set(ctx.recorder.receipts.filter((r) => r.actor === 'ai').map((r) => r.taskId));
  // The AI reads a request's input after its first progress and reports 40 % after that: once
  // each held task has two progress updates applied, the AI has its input in hand.
  const progressed = (taskId: string | undefined) =>
    ctx.recorder.effects.filter(
      (e) => e.taskId === taskId && e.outcome === 'applied' && e.status === 'PROCESSING',
    ).length >= 2;
  await ctx.waitFor(
    `the AI to hold ${HELD} tasks with their input read`,
    () => {
      const held = aiHeld();
      return held.size >= HELD && [...held].every(progressed);
    },
    20_000,
  );
  const held = aiHeld();
  await control.reset();
  for (const taskId of ctx.submitted.keys()) {
    const wasHeld = held.has(taskId);
    if (!wasHeld) ctx.expectFor.set(taskId, 'FAILED');
    ctx.recorder.note(taskId, {
      actor: 'request-queue',
      kind: 'fault',
      text: `POST /_harness/reset: ${wasHeld ? 'the AI holds this task and its input' : 'request and input bundle deleted'}`,
    });
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
  const notRedispatched = vanished.filter(
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
    name: 'the reset hit both held and queued work',
    status: held.length === HELD && vanished.length === QUEUED ? 'pass' : 'fail',
    detail: `${held.length} task(s) held by the AI, ${vanished.length} queued at the reset (want ${HELD} and ${QUEUED})`,
  } as const;
  return [
    split,
    notRedispatched.length === 0
      ? {
          name: 'vanished requests re-dispatched by the sweep',
          status: 'pass',
          detail: `${vanished.length} task(s) whose request vanished were re-dispatched, then FAILED on their missing input`,
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
