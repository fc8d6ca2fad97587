// Runs one scenario start to finish: start its stack, submit its load through the API, run its
// steps, wait (bounded, on conditions) until every task settled and the queues are quiet, then
// stop the parties, collect the observations and turn them into accounting verdicts.
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { syntheticConversations } from '../fake-ai/index.ts';
import { causalOrder } from '../src/infra/recording/recorder.ts';
import {
  account,
  type DlqMessage,
  EXPECTED_RECEIVE_COUNT,
  isTerminal,
  type Observations,
  terminalTaskIds,
} from './accounting.ts';
import { readDlq } from './dlq.ts';
import type { RunSeries, StackContext } from './model.ts';
import {
  DEFAULT_SETUP,
  type ExpectedOutcome,
  type ScenarioDefinition,
  type ScenarioResult,
  type ScenarioSetup,
  type TaskAccount,
  type TimelineEntry,
  type Verdict,
} from './model.ts';
import { startStack, type WorkerStoreVariant } from './stack.ts';

export interface RunOptions {
  seed: number;
  /** External endpoint (AWS_ENDPOINT_URL); undefined runs the embedded emulator. */
  endpoint?: string | undefined;
  /** AWS_REGION and S3_PAYLOAD_BUCKET for an external endpoint. */
  region?: string | undefined;
  bucket?: string | undefined;
  /** Replaces the worker's store, e.g. with a sabotaged one (the runner's own tests). */
  workerStore?: WorkerStoreVariant;
  /** Changes the setup, e.g. `{ redrive: false }` (the runner's own tests). */
  setupOverride?: Partial<ScenarioSetup>;
  /** Timelines kept for tasks that pass every verdict: a sample (default) or all of them. */
  timelines?: 'sample' | 'all';
  onProgress?: (line: string) => void;
}

const SUBMIT_CONCURRENCY = 16;

async function submitLoad(
  ctx: StackContext,
  definition: ScenarioDefinition,
  seed: number,
  progress: (line: string) => void,
) {
  let reportedAt = performance.now();
  const expectations = new Map<string, { user: string; expected: ExpectedOutcome }>();
  const jobs = definition.load.flatMap((g) =>
    Array.from({ length: g.count }, (_, i) => ({ group: g, i })),
  );
  let next = 0;
  const worker = async () => {
    for (;;) {
      const job = jobs[next++];
      if (!job) return;
      const response = await ctx.api.inject({
        method: 'POST',
        url: '/v1/graphs/generate',
        headers: { authorization: `Bearer token-${job.group.user}` },
        payload: { conversations: syntheticConversations(3, seed + job.i) },
      });
      if (response.statusCode !== 202) {
        throw new Error(
          `API refused task ${job.i} of ${job.group.user}: ${response.statusCode} ${response.body}`,
        );
      }
      const { taskId } = response.json() as { taskId: string };
      ctx.submitted.set(taskId, job.group.user);
      if (performance.now() - reportedAt > 2_000) {
        reportedAt = performance.now();
        progress(`submitted ${ctx.submitted.size}/${jobs.length}`);
      }
      expectations.set(taskId, { user: job.group.user, expected: job.group.expect });
      ctx.recorder.note(taskId, {
        actor: 'api',
        kind: 'submitted',
        text: `POST /v1/graphs/generate → 202`,
      });
    }
  };
  await Promise.all(Array.from({ length: SUBMIT_CONCURRENCY }, worker));
  return expectations;
}

/** Visible + in flight + delayed: every message still in the queue. */
function depthOf(a: Record<string, string | undefined>): number {
  return (
    Number(a.ApproximateNumberOfMessages ?? 0) +
    Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) +
    Number(a.ApproximateNumberOfMessagesDelayed ?? 0)
  );
}

async function queueDepth(ctx: StackContext, url: string, name: string): Promise<number> {
  if (ctx.emulator) return depthOf(ctx.emulator.sqs.getQueueAttributes(name, ['All']));
  if (ctx.control) return depthOf((await ctx.control.queue(name, { limit: 1 })).attributes);
  const got = await ctx.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return depthOf(got.Attributes ?? {});
}

/** Visible / in flight / delayed counts of a queue on the embedded emulator, for diagnostics. */
function describeQueue(ctx: StackContext, name: string): string {
  if (!ctx.emulator) return 'no breakdown on an external endpoint';
  const a = ctx.emulator.sqs.getQueueAttributes(name, ['All']);
  return `visible ${a.ApproximateNumberOfMessages}, in flight ${a.ApproximateNumberOfMessagesNotVisible}, delayed ${a.ApproximateNumberOfMessagesDelayed}`;
}

/** Settled: every task terminal or parked (per `expected`), and both work queues empty. */
async function settle(
  ctx: StackContext,
  expected: Map<string, ExpectedOutcome>,
  realTimeoutMs: number,
  progress: (line: string) => void,
): Promise<{ ok: boolean; detail: string }> {
  let last = '';
  let reportedAt = performance.now();
  const terminal = new Set<string>();
  let seen = 0;
  try {
    await ctx.waitFor(
      'every task to settle',
      async () => {
        const effects = ctx.recorder.effects;
        for (; seen < effects.length; seen++) {
          const e = effects[seen];
          if (e && e.outcome === 'applied' && isTerminal(e.status)) terminal.add(e.taskId);
        }
        let parked: Set<string | undefined>;
        let request: number;
        let result: number;
        try {
          parked = new Set((await readDlq(ctx, ctx.queues.result.dlqUrl)).map((m) => m.taskId));
          request = await queueDepth(ctx, ctx.queues.request.url, ctx.queues.names.request);
          result = await queueDepth(ctx, ctx.queues.result.url, ctx.queues.names.result);
        } catch (error) {
          // A queue that cannot be read right now (reset and not yet repaired, an emulator being
          // restarted) means "not settled yet"; the deadline bounds how long that may last.
          last = `queues unreadable: ${(error as Error).message}`;
          return false;
        }
        // Whatever the expected outcome, a terminal or parked task has settled; the verdicts
        // judge whether it settled the expected way.
        let open = 0;
        for (const taskId of expected.keys()) {
          if (!terminal.has(taskId) && !parked.has(taskId)) open++;
        }
        if (performance.now() - reportedAt > 2_000) {
          reportedAt = performance.now();
          progress(
            `${expected.size - open}/${expected.size} settled, ${ctx.recorder.receipts.length} receives so far`,
          );
        }
        last = `${open} task(s) open, ${request} request and ${result} result message(s) queued (${describeQueue(ctx, ctx.queues.names.result)}); workers in flight: ${ctx.workers.map((w) => (w.worker.running ? w.worker.inFlight : 'stopped')).join('/')}`;
        return open === 0 && request === 0 && result === 0;
      },
      realTimeoutMs,
    );
    return { ok: true, detail: `settled after ${expected.size} task(s)` };
  } catch {
    return { ok: false, detail: `not settled within ${realTimeoutMs} ms real: ${last}` };
  }
}

function settleTimeout(definition: ScenarioDefinition, setup: ScenarioSetup): number {
  if (definition.settleTimeoutMs !== undefined) return definition.settleTimeoutMs;
  // Enough virtual time for a poison message's five receives and a margin, at the clock's speed.
  const virtualMs = (setup.maxReceiveCount + 3) * setup.visibilityTimeoutSeconds * 1000;
  return Math.max(10_000, Math.ceil(virtualMs / Math.max(1, setup.timeScale)) + 5_000);
}

export async function runScenario(
  definition: ScenarioDefinition,
  options: RunOptions,
): Promise<ScenarioResult> {
  const started = performance.now();
  const external = options.endpoint ? definition.external : undefined;
  const variant = external && 'setup' in external ? external : undefined;
  const setup: ScenarioSetup = {
    ...DEFAULT_SETUP,
    ...definition.setup,
    ...variant?.setup,
    ...options.setupOverride,
  };
  const base = {
    name: definition.name,
    title: definition.title,
    given: definition.given,
    when: definition.when,
    outcomes: definition.outcomes,
  };
  const notApplicable =
    external && 'notApplicable' in external
      ? external.notApplicable
      : options.endpoint && definition.needsEmulator && !variant
        ? `needs the embedded emulator (clock or fault rules); ${options.endpoint} cannot inject them`
        : undefined;
  if (notApplicable) {
    return {
      ...base,
      status: 'not-applicable',
      durationMs: 0,
      virtualMs: 0,
      verdicts: [
        {
          name: 'target',
          status: 'not-applicable',
          detail: notApplicable,
        },
      ],
      counters: emptyCounters(),
      tasks: [],
    };
  }
  if (definition.outOfProcess) {
    return runOutOfProcess(definition, definition.outOfProcess, options, base);
  }
  const progress = options.onProgress ?? (() => {});
  // Real-time AI profiles of the external variant shadow the scenario's own by name.
  const stackDefinition: ScenarioDefinition = variant?.aiProfiles
    ? {
        ...definition,
        faults: {
          ...definition.faults,
          aiProfiles: { ...definition.faults?.aiProfiles, ...variant.aiProfiles },
        },
      }
    : definition;
  const ctx = await startStack({
    setup,
    definition: stackDefinition,
    seed: options.seed,
    endpoint: options.endpoint,
    region: options.region,
    bucket: options.bucket,
    workerStore: options.workerStore,
  });
  const virtualStart = ctx.clock.now();
  let observations: Observations | undefined;
  let expectations = new Map<string, { user: string; expected: ExpectedOutcome }>();
  let error: string | undefined;
  let beforeFix: Verdict | undefined;
  try {
    progress(`submitting ${definition.load.reduce((n, g) => n + g.count, 0)} task(s)`);
    expectations = await submitLoad(ctx, definition, options.seed, progress);
    // Runs alongside the settle below; its failure is kept and rethrown after it.
    const running = definition.steps?.during?.(ctx).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    progress('processing');
    const want = new Map([...expectations].map(([id, e]) => [id, e.expected] as const));
    const realTimeoutMs = variant?.settleTimeoutMs ?? settleTimeout(definition, setup);
    let settled = await settle(ctx, want, realTimeoutMs, progress);
    const stepFailure = await running;
    if (stepFailure !== undefined) throw stepFailure;
    let redrive: { tasks: string[] } | undefined;
    if (definition.steps?.after && settled.ok) {
      const parkedMessages = await readDlq(ctx, ctx.queues.result.dlqUrl);
      beforeFix = beforeFixVerdict(ctx, expectations, parkedMessages);
      for (const m of parkedMessages) {
        ctx.recorder.note(m.taskId, {
          at: m.movedAt,
          actor: 'dlq',
          kind: 'in-dlq',
          text: `moved to DLQ after ${m.receiveCount} receives`,
        });
      }
      const parked = parkedMessages.map((m) => m.taskId);
      const fixedAt = ctx.clock.now();
      progress('after step (fix, redrive)');
      await definition.steps.after(ctx);
      for (const e of expectations.values()) {
        const next = definition.expectAfter?.[e.user];
        if (next) e.expected = next;
      }
      redrive = { tasks: parked.filter((id): id is string => id !== undefined) };
      for (const id of redrive.tasks)
        ctx.recorder.note(id, {
          at: fixedAt,
          actor: 'dlq',
          kind: 'redriven',
          text: 'redriven to the result queue',
        });
      const after = new Map([...expectations].map(([id, e]) => [id, e.expected] as const));
      settled = await settle(ctx, after, realTimeoutMs, progress);
    }
    // Outcomes the steps decided per task, once they saw what their fault did to each.
    for (const [taskId, outcome] of ctx.expectFor) {
      const e = expectations.get(taskId);
      if (e) e.expected = outcome;
    }
    progress('collecting');
    // Freeze the parties so the counts below are final: the AI first (a copy of a request that
    // was already deleted may still be working and send a late result), then let the workers
    // drain what it sent, then stop them.
    await Promise.allSettled(ctx.fakeAis.map((a) => a.stop()));
    if (settled.ok) {
      await ctx
        .waitFor(
          'late results to drain',
          async () => (await queueDepth(ctx, ctx.queues.result.url, ctx.queues.names.result)) === 0,
          10_000,
        )
        .catch(() => {});
    }
    await Promise.allSettled(ctx.workers.map((w) => w.stop()));
    observations = await observe(ctx, definition, expectations, settled, redrive);
  } catch (caught) {
    error = (caught as Error).stack ?? String(caught);
  }
  const virtualMs = ctx.clock.now() - virtualStart;
  // Every part is stopped whatever happened; a part that failed to stop is a finding, not a crash.
  const closeError = await ctx.close().then(
    () => undefined,
    (caught: unknown) => caught as Error,
  );
  if (!observations) return crashed(base, started, virtualMs, error);
  const extra: Verdict[] = [];
  if (beforeFix) extra.push(beforeFix);
  if (ctx.emulator) {
    extra.push(
      ctx.emulatorErrors.length === 0
        ? { name: 'emulator internal errors = 0', status: 'pass', detail: 'none' }
        : {
            name: 'emulator internal errors = 0',
            status: 'fail',
            detail: `${ctx.emulatorErrors.length} internal error(s): ${ctx.emulatorErrors[0]?.split('\n')[0]}`,
          },
    );
  }
  if (closeError) {
    extra.push({ name: 'stack stopped', status: 'fail', detail: closeError.message });
  }
  return conclude(definition, options, base, observations, {
    started,
    virtualMs,
    extra,
    series: runSeries(observations, ctx.recorder.sqsErrorLog, virtualStart),
  });
}

type ResultBase = Pick<ScenarioResult, 'name' | 'title' | 'given' | 'when' | 'outcomes'>;

function crashed(
  base: ResultBase,
  started: number,
  virtualMs: number,
  error: string | undefined,
): ScenarioResult {
  return {
    ...base,
    status: 'fail',
    durationMs: performance.now() - started,
    virtualMs,
    verdicts: [
      { name: 'ran', status: 'fail', detail: `the scenario crashed: ${error?.split('\n')[0]}` },
    ],
    counters: emptyCounters(),
    tasks: [],
    ...(error ? { error } : {}),
  };
}

/** Accounting, the runner's extra verdicts and the scenario's checks, into its result. */
function conclude(
  definition: ScenarioDefinition,
  options: RunOptions,
  base: ResultBase,
  observations: Observations,
  run: { started: number; virtualMs: number; extra: Verdict[]; series?: RunSeries },
): ScenarioResult {
  const { tasks, counters, verdicts } = account(observations);
  verdicts.push(...run.extra);
  const obs = observations;
  if (definition.checks) {
    try {
      verdicts.push(...definition.checks({ tasks, counters, timeline: (id) => obs.timeline(id) }));
    } catch (caught) {
      verdicts.push({
        name: 'scenario checks',
        status: 'fail',
        detail: `checks crashed: ${(caught as Error).message}`,
      });
    }
  }
  if (options.endpoint && (definition.faults?.emulator ?? []).length > 0) {
    verdicts.push({
      name: 'emulator faults',
      status: 'not-applicable',
      detail: `${definition.faults?.emulator?.length} emulator fault rule(s) not injected: ${options.endpoint} is not the embedded emulator`,
    });
  }
  const failing = new Set(verdicts.flatMap((v) => (v.status === 'fail' ? (v.tasks ?? []) : [])));
  const sample = options.timelines === 'all' ? tasks : pickSample(tasks, failing);
  for (const t of sample) t.timeline = observations.timeline(t.taskId);
  return {
    ...base,
    status: verdicts.every((v) => v.status !== 'fail') ? 'pass' : 'fail',
    durationMs: performance.now() - run.started,
    virtualMs: run.virtualMs,
    verdicts,
    counters,
    tasks: sample,
    ...(run.series ? { series: run.series } : {}),
  };
}

/** A scenario that runs the whole system in child processes and observes it from outside. */
async function runOutOfProcess(
  definition: ScenarioDefinition,
  outOfProcess: NonNullable<ScenarioDefinition['outOfProcess']>,
  options: RunOptions,
  base: ResultBase,
): Promise<ScenarioResult> {
  const started = performance.now();
  try {
    const { observations, virtualMs } = await outOfProcess({
      seed: options.seed,
      progress: options.onProgress ?? (() => {}),
      settleTimeoutMs: definition.settleTimeoutMs ?? 60_000,
    });
    return conclude(definition, options, base, observations, { started, virtualMs, extra: [] });
  } catch (caught) {
    return crashed(base, started, 0, (caught as Error).stack ?? String(caught));
  }
}

/**
 * Before a fix and redrive: the DLQ holds exactly the poison, each message after the expected
 * number of receives, and none of those tasks was ever applied (the final accounting can no
 * longer see this once the redrive emptied the DLQ).
 */
function beforeFixVerdict(
  ctx: StackContext,
  expectations: Map<string, { user: string; expected: ExpectedOutcome }>,
  parked: DlqMessage[],
): Verdict {
  const poison = [...expectations].filter(([, e]) => e.expected === 'DLQ').map(([id]) => id);
  const parkedIds = new Set(parked.map((m) => m.taskId));
  const applied = terminalTaskIds(ctx.recorder.effects);
  const problems = [
    ...poison.filter((id) => !parkedIds.has(id)).map((id) => `${id} not parked`),
    ...parked
      .filter((m) => !poison.includes(m.taskId ?? ''))
      .map((m) => `${m.taskId} parked but not poison`),
    ...parked
      .filter((m) => m.receiveCount !== EXPECTED_RECEIVE_COUNT)
      .map((m) => `${m.taskId} parked after ${m.receiveCount} receives`),
    ...poison.filter((id) => applied.has(id)).map((id) => `${id} applied before the fix`),
  ];
  const name = 'before the fix: poison parked after 5 receives, never applied';
  return problems.length === 0
    ? {
        name,
        status: 'pass',
        detail: `${parked.length} message(s) parked for ${poison.length} poison task(s), each after ${EXPECTED_RECEIVE_COUNT} receives, none applied`,
      }
    : {
        name,
        status: 'fail',
        detail: problems.slice(0, 5).join('; '),
        tasks: [...new Set(problems.map((p) => p.split(' ')[0] ?? ''))],
      };
}

/** Failing tasks (up to 20), then the first task of each user (load group). */
function pickSample(tasks: TaskAccount[], failing: Set<string>): TaskAccount[] {
  const chosen = new Map<string, TaskAccount>();
  for (const t of tasks) if (failing.has(t.taskId) && chosen.size < 20) chosen.set(t.taskId, t);
  const users = new Set<string>();
  for (const t of tasks) {
    if (chosen.size >= 40) break;
    if (!users.has(t.user)) {
      users.add(t.user);
      chosen.set(t.taskId, t);
    }
  }
  return [...chosen.values()];
}

async function observe(
  ctx: StackContext,
  definition: ScenarioDefinition,
  expectations: Map<string, { user: string; expected: ExpectedOutcome }>,
  settled: { ok: boolean; detail: string },
  redrive: { tasks: string[] } | undefined,
): Promise<Observations> {
  const statuses = new Map<string, string>();
  const errors = new Map<string, string>();
  for (const taskId of expectations.keys()) {
    const task = await ctx.store.getTask(taskId);
    statuses.set(taskId, task?.status ?? 'MISSING');
    if (task?.error) errors.set(taskId, `${task.error.code}: ${task.error.message}`);
  }
  const resultDlq = await readDlq(ctx, ctx.queues.result.dlqUrl);
  const requestDlq = await readDlq(ctx, ctx.queues.request.dlqUrl);
  const journals = ctx.fakeAis.flatMap((a) => a.journal.entries());
  const faultHits: Record<string, number> = {};
  for (const rule of ctx.emulator?.faults.list() ?? []) {
    const action = Array.isArray(rule.action) ? rule.action.join('+') : (rule.action ?? 'any');
    const what = rule.effect.type === 'error' ? rule.effect.error : rule.effect.type;
    faultHits[`emulator ${what} on ${action}${rule.queue ? ` (${rule.queue})` : ''}`] = rule.hits;
  }
  for (const [key, n] of ctx.recorder.sqsErrors) faultHits[`client saw ${key}`] = n;
  if (ctx.outage.refused > 0) faultHits['database calls refused while down'] = ctx.outage.refused;
  const repairs = ctx.infrastructureRepairs();
  if (repairs > 0) faultHits['back end re-created missing queues and bucket'] = repairs;
  const aiFaults = new Map<string, number>();
  for (const e of journals) {
    if (e.kind === 'behaviour' && (e.receiveCount ?? 1) === 1) {
      const key = `fake AI profile ${e.profile}`;
      aiFaults.set(key, (aiFaults.get(key) ?? 0) + 1);
    }
    if (e.kind === 'crashed')
      aiFaults.set('fake AI crashed', (aiFaults.get('fake AI crashed') ?? 0) + 1);
  }
  for (const [key, n] of aiFaults) faultHits[key] = n;
  const metrics = ctx.workers.map((w) => w.metrics.snapshot());
  const sum = (k: 'rejected' | 'failed') => metrics.reduce((n, m) => n + m[k], 0);
  const findings: Record<string, number> = {};
  for (const m of metrics) {
    for (const [key, n] of Object.entries(m.findings)) findings[key] = (findings[key] ?? 0) + n;
  }
  const dlqMoves = new Map<string, DlqMessage>();
  for (const m of resultDlq) if (m.taskId) dlqMoves.set(m.taskId, m);
  return {
    submitted: expectations,
    statuses,
    errors,
    resultDlq,
    requestDlq,
    leftInQueues: {
      request: await queueDepth(ctx, ctx.queues.request.url, ctx.queues.names.request),
      result: await queueDepth(ctx, ctx.queues.result.url, ctx.queues.names.result),
    },
    effects: ctx.recorder.effects,
    notifications: ctx.recorder.notifications,
    receipts: ctx.recorder.receipts,
    resultsSent: journals.filter((e) => e.kind === 'result-sent').length,
    rejections: sum('rejected'),
    failures: sum('failed'),
    faultHits,
    findings,
    settled,
    requestDlqAllowed: definition.requestDlqAllowed ?? [],
    ...(redrive ? { redrive } : {}),
    timeline: (taskId) => {
      const entries: TimelineEntry[] = [...ctx.recorder.timeline(taskId)];
      for (const e of journals) {
        if (e.taskId !== taskId) continue;
        const at = Date.parse(e.at);
        if (e.kind === 'behaviour')
          entries.push({
            at,
            actor: 'ai',
            kind: 'ai-behaviour',
            text: `profile ${e.profile}: ${JSON.stringify(e.detail).slice(0, 120)}`,
          });
        else if (e.kind === 'crashed')
          entries.push({
            at,
            actor: 'ai',
            kind: 'ai-crashed',
            text: `AI crashed ${String(e.detail?.stage ?? '')} (request not deleted)`,
          });
      }
      const parked = dlqMoves.get(taskId);
      if (parked)
        entries.push({
          at: parked.movedAt,
          actor: 'dlq',
          kind: 'in-dlq',
          text: `moved to DLQ after ${parked.receiveCount} receives`,
        });
      return entries.sort(causalOrder);
    },
  };
}

/** What the report's chart draws, in virtual ms from the scenario's start. */
function runSeries(o: Observations, errors: readonly { at: number }[], start: number): RunSeries {
  return {
    settled: o.effects
      .filter((e) => e.outcome === 'applied' && (e.status === 'COMPLETED' || e.status === 'FAILED'))
      .map((e) => e.at - start),
    deliveries: o.receipts
      .filter((r) => r.actor === 'worker' || r.actor === 'ai')
      .map((r) => ({ at: r.at - start, redelivery: r.receiveCount > 1 })),
    faults: errors.map((e) => e.at - start),
  };
}

function emptyCounters(): ScenarioResult['counters'] {
  return {
    tasks: 0,
    completed: 0,
    failed: 0,
    parkedInDlq: 0,
    poisonTasks: 0,
    tasksInDlq: 0,
    lost: 0,
    unexpected: 0,
    duplicateEffects: 0,
    workerDeliveries: 0,
    workerRedeliveries: 0,
    aiReceives: 0,
    aiRedeliveries: 0,
    resultsSent: 0,
    duplicatesIgnored: 0,
    notificationRepeats: 0,
    rejections: 0,
    failures: 0,
    faultHits: {},
    findings: {},
  };
}
