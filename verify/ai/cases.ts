// The cases an AI server is put through, one fault each, in the order they run. Each sends its
// requests, injects its fault (emulator rules, queue settings, signals), waits for the results and
// adds the verdicts only it can judge; the per-request verdicts (judge.ts) apply to all of them.
import type { Verdict } from '../model.ts';
import { pause } from '../observer.ts';
import type { AiCase, AiContext, CaseOutcome } from './context.ts';
import { hasTerminal } from './context.ts';
import type { PlannedRequest } from './requests.ts';

const HOLD_MS = 600_000;

async function simple(
  ctx: AiContext,
  plans: PlannedRequest[],
  extra: Verdict[] = [],
): Promise<CaseOutcome> {
  await ctx.send(plans);
  await ctx.waitFor(plans);
  return { plans, verdicts: extra };
}

function receivesOf(ctx: AiContext, taskId: string): number {
  return ctx.observer.journal.filter(
    (e) => e.queue === ctx.target.request.name && e.kind === 'received' && e.body.includes(taskId),
  ).length;
}

/** Holds the server inside its input read (virtual latency), returning when it is there. */
async function holdInRead(
  ctx: AiContext,
  plan: PlannedRequest,
  ms = HOLD_MS,
): Promise<{ held: boolean; ruleId: string }> {
  const rule = await ctx.fault({
    operation: ['GetObject', 'ListObjectsV2', 'HeadObject'],
    bucket: ctx.target.bucket,
    keyPrefix: plan.inputPrefix ?? '',
    maxHits: 1,
    effect: { type: 'latency', ms },
  });
  await ctx.send([plan]);
  const control = ctx.target.control!;
  const deadline = Date.now() + ctx.options.caseTimeoutMs;
  while (Date.now() < deadline) {
    if ((await control.fault(rule.id)).hits > 0) return { held: true, ruleId: rule.id };
    await pause(50);
  }
  return { held: false, ruleId: rule.id };
}

async function killCase(ctx: AiContext, signal: 'SIGTERM' | 'SIGKILL'): Promise<CaseOutcome> {
  const child = ctx.child!;
  const control = ctx.target.control!;
  const plan = ctx.factory.graph('ok', `graph generation, ${signal} while reading its input`);
  const verdicts: Verdict[] = [];
  const { held, ruleId } = await holdInRead(ctx, plan);
  if (!held) {
    verdicts.push({
      name: 'mid-task',
      status: 'fail',
      saw: 'the server never read the input of its request',
    });
    return { plans: [plan], verdicts };
  }
  ctx.say(`${signal} to the server's process group while it reads ${plan.inputPrefix}`);
  const sentAt = Date.now();
  child.signal(signal);
  let exit = await child.waitExit(5000);
  if (!exit && signal === 'SIGTERM') {
    // A server that finishes its task before stopping: let the held read complete.
    await control.removeFault(ruleId).catch(() => undefined);
    await control.advance(HOLD_MS);
    exit = await child.waitExit(10_000);
  }
  if (signal === 'SIGTERM') {
    verdicts.push(
      exit
        ? {
            name: 'stops on SIGTERM',
            status: 'pass',
            saw: `exited (code ${exit.code}, signal ${exit.signal}) ${Date.now() - sentAt} ms after SIGTERM`,
          }
        : {
            name: 'stops on SIGTERM',
            status: 'fail',
            saw: 'still running 15 s after SIGTERM; killed',
          },
    );
  }
  if (!exit) {
    child.signal('SIGKILL');
    await child.waitExit(5000);
  }
  await control.removeFault(ruleId).catch(() => undefined);
  await ctx.restart();
  // The unfinished request comes back when its visibility timeout passes: move the clock there.
  if (!hasTerminal(ctx, plan.taskId!))
    await control.advance((ctx.target.visibilitySeconds + 1) * 1000);
  const done = await ctx.waitFor([plan]);
  verdicts.push({
    name: 'nothing lost across the restart',
    status: done ? 'pass' : 'fail',
    saw: done
      ? `the restarted server answered (request received ${receivesOf(ctx, plan.taskId!)} times)`
      : 'no terminal result after the restart',
  });
  return { plans: [plan], verdicts, stoppedOnPurpose: true };
}

/** An unreadable input, then a normal request: a FAILED result, and the server goes on. */
function badInputCase(variant: 'missing' | 'corrupt', title: string): AiCase {
  return {
    name: `${variant}-input`,
    title,
    needs: [],
    run: (ctx) =>
      simple(ctx, [
        ctx.factory.graph(variant),
        ctx.factory.graph('ok', `graph generation after a ${variant} input`),
      ]),
  };
}

export const AI_CASES: AiCase[] = [
  {
    name: 'every-type',
    title: 'one request of every type, as the real back end sends them',
    needs: [],
    run: (ctx) => simple(ctx, ctx.factory.everyType()),
  },
  {
    name: 'duplicate-delivery',
    title: 'a request delivered twice',
    needs: ['faults'],
    async run(ctx) {
      const plan = ctx.factory.graph('ok', 'graph generation, delivered twice');
      await ctx.fault({
        queue: ctx.target.request.name,
        bodyContains: plan.taskId!,
        effect: { type: 'duplicate', copies: 1 },
      });
      await ctx.send([plan]);
      await ctx.waitFor([plan]);
      // Give the second copy its chance to be answered before judging agreement.
      await pause(1500);
      const results = ctx.observer
        .forTask(plan.taskId!)
        .filter((m) => (m.taskType ?? '').endsWith('_RESULT'));
      return {
        plans: [plan],
        verdicts: [
          {
            name: 'duplicate handled',
            status: 'reported',
            saw: `received ${receivesOf(ctx, plan.taskId!)} times, ${results.length} result(s) sent`,
          },
        ],
      };
    },
  },
  {
    name: 'visibility-expires',
    title: 'the visibility timeout (2 s) is shorter than the work (input read takes 5 s)',
    needs: ['faults'],
    async run(ctx) {
      const plan = ctx.factory.graph('ok', 'graph generation, work outlasts visibility');
      const control = ctx.target.control!;
      let state = 'not seen';
      // The first receive's timeout is 2 s (a long poll already parked keeps the queue's setting,
      // so the deadline is moved on the message rather than on the queue).
      await ctx.fault({
        queue: ctx.target.request.name,
        bodyContains: plan.taskId!,
        maxHits: 1,
        effect: { type: 'visibility', offsetMs: -(ctx.target.visibilitySeconds - 2) * 1000 },
      });
      {
        const { held } = await holdInRead(ctx, plan, 5000);
        if (held) {
          // Past the 2 s timeout, while the read still takes 2 s more: extended or not?
          await pause(3000);
          const message = (await control.queue(ctx.target.request.name)).messages.find(
            (m) => m.body === plan.body,
          );
          state = message
            ? message.receiveCount > 1
              ? `received again (${message.receiveCount} times) while the first receive was still working`
              : message.state === 'inflight'
                ? 'still in flight after its timeout: the server extended the visibility'
                : 'visible again after its timeout: the server did not extend it'
            : 'already deleted';
        }
        await ctx.waitFor([plan]);
        await pause(1000);
      }
      const receives = receivesOf(ctx, plan.taskId!);
      const results = ctx.observer
        .forTask(plan.taskId!)
        .filter((m) => (m.taskType ?? '').endsWith('_RESULT'));
      return {
        plans: [plan],
        verdicts: [
          {
            name: 'long work',
            status: 'reported',
            saw: `3 s into the work: ${state}; received ${receives} time(s) in all, ${results.length} result(s)`,
          },
        ],
      };
    },
  },
  badInputCase('missing', 'the input object does not exist'),
  badInputCase('corrupt', 'the input object is cut short (not JSON)'),
  {
    name: 'oversized-input',
    title: 'the input object is 12 MiB',
    needs: [],
    run: (ctx) => simple(ctx, [ctx.factory.graph('oversized')]),
  },
  {
    name: 'unreadable-requests',
    title: 'a body that is not JSON and an unknown task type, then a normal request',
    needs: [],
    async run(ctx) {
      const follow = ctx.factory.graph('ok', 'graph generation after unreadable requests');
      const plans = [ctx.factory.malformed(), ctx.factory.unknownType(), follow];
      await ctx.send(plans);
      const served = await ctx.waitFor(plans);
      return {
        plans,
        verdicts: [
          {
            name: 'keeps serving',
            status: served ? 'pass' : 'fail',
            saw: served
              ? 'the request after them was answered'
              : 'the request after them was not answered',
          },
        ],
      };
    },
  },
  {
    name: 'sqs-throttling',
    title: 'throttling and 5xx on its SQS calls',
    needs: ['faults'],
    async run(ctx) {
      const { request, result } = ctx.target;
      await ctx.fault({
        queue: request.name,
        action: ['ReceiveMessage', 'DeleteMessage', 'ChangeMessageVisibility'],
        probability: 0.5,
        maxHits: 4,
        effect: { type: 'error', error: 'ThrottlingException' },
      });
      await ctx.fault({
        queue: result.name,
        action: 'SendMessage',
        maxHits: 2,
        effect: { type: 'error', error: 'ServiceUnavailable' },
      });
      const plans = [
        ctx.factory.graph('ok', 'graph generation under SQS throttling'),
        ctx.factory.addNode(),
      ];
      for (const p of plans) p.expect = 'TERMINAL';
      return simple(ctx, plans);
    },
  },
  {
    name: 's3-errors',
    title: 'SlowDown and 500 on its S3 reads and writes',
    needs: ['faults'],
    async run(ctx) {
      const plan = ctx.factory.graph('ok', 'graph generation under S3 errors');
      plan.expect = 'TERMINAL';
      const { bucket } = ctx.target;
      await ctx.fault({
        operation: ['GetObject', 'ListObjectsV2'],
        bucket,
        keyPrefix: plan.inputPrefix!,
        maxHits: 2,
        effect: { type: 'error', error: 'SlowDown' },
      });
      await ctx.fault({
        operation: 'PutObject',
        bucket,
        maxHits: 1,
        effect: { type: 'error', error: 'InternalError' },
      });
      return simple(ctx, [plan]);
    },
  },
  {
    name: 'sigterm-mid-task',
    title: 'SIGTERM while a request is being worked on, then a restart',
    needs: ['faults', 'process'],
    run: (ctx) => killCase(ctx, 'SIGTERM'),
  },
  {
    name: 'sigkill-mid-task',
    title: 'SIGKILL while a request is being worked on, then a restart',
    needs: ['faults', 'process'],
    run: (ctx) => killCase(ctx, 'SIGKILL'),
  },
];
