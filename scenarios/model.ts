// The scenario model: what a fault-injection scenario declares (Given / When / Then text for
// people, setup, faults, load and expected outcomes for the runner) and what running one yields.
// Definitions live in `scenarios/definitions/`; the runner turns them into verdicts.

import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { FastifyInstance } from 'fastify';
import type { FakeAi } from '../fake-ai/index.ts';
import type { TaskEvent } from '../src/core/domain/events.ts';
import type { Store } from '../src/core/ports/store.ts';
import type { EmulatorControlClient } from '../src/emulator/control/client.ts';
import type { ControllableClock, FaultRuleSpec, RunningEmulator } from '../src/emulator/index.ts';
import type { EnsuredQueue } from '../src/infra/aws/queues.ts';
import type {
  AppliedEffect,
  Receipt,
  Recorder,
  TimelineEntry,
} from '../src/infra/recording/recorder.ts';
import type { WorkerMetrics } from '../src/workers/metrics.ts';
import type { ResultWorker } from '../src/workers/result-worker.ts';
import type { OutageSwitch } from './store-decorators.ts';
import type { EmulatorProcess } from './targets/emulator-process.ts';

/** How a task must end: applied as COMPLETED or FAILED, or its result parked in the result DLQ. */
export type ExpectedOutcome = 'COMPLETED' | 'FAILED' | 'DLQ';

/** One group of tasks submitted through the API, all for one user and one fake-AI profile. */
export interface LoadGroup {
  /** User id (letters, digits, dashes); the fake AI picks its behaviour profile by it. */
  user: string;
  count: number;
  /** A built-in fake-AI profile name or one declared in `faults.aiProfiles`; default: default. */
  profile?: string;
  expect: ExpectedOutcome;
}

export interface ScenarioSetup {
  /** Result and request queues' visibility timeout; production uses 300 s. */
  visibilityTimeoutSeconds: number;
  /** Receives before a message goes to the DLQ; production uses 5. */
  maxReceiveCount: number;
  /** false creates the queues without a RedrivePolicy (used to prove the poison verdict fails). */
  redrive: boolean;
  /** Virtual ms per real ms for the shared clock. */
  timeScale: number;
  /** In-process result workers. */
  workers: number;
  /** Fake AI replicas (each an independent receive loop set). */
  aiReplicas: number;
  /** Requests each fake AI replica handles at once. */
  aiConcurrency: number;
  /** Messages a worker receives per poll (sqs-consumer batchSize). */
  workerBatchSize: number;
  /** Worker heartbeat in virtual seconds (0: none); extends visibility of long handlers. */
  workerHeartbeatSeconds: number;
  /** Long-poll wait of workers and the fake AI, virtual seconds (production: 20). */
  waitTimeSeconds: number;
  /** `memory`, or `file` when another process (a child worker) must share the database. */
  database: 'memory' | 'file';
  /**
   * `embedded`: the emulator in this process, on the parties' clock. `process`: the emulator as a
   * child process with a data directory (it can be SIGKILLed and restarted); its clock runs at
   * `timeScale` and the parties' clock follows it at the same speed.
   */
  emulator: 'embedded' | 'process';
  /** The reconciliation sweep (off: null), in virtual seconds, as TASK_STALL_SECONDS and co. */
  reconcile: ReconcileSetup | null;
}

export interface ReconcileSetup {
  /** A task without change or dispatch for this long counts as stalled. */
  stallSeconds: number;
  /** Re-dispatches before a stalled task is failed with STALLED. */
  maxRedispatches: number;
  /** How often the sweep looks. */
  sweepSeconds: number;
}

/** What scenario-specific checks see: every task's account, the counters and timelines. */
export interface CheckView {
  tasks: TaskAccount[];
  counters: Counters;
  timeline(taskId: string): TimelineEntry[];
}

export interface ScenarioFaults {
  /** Emulator fault rules (need the embedded emulator). */
  emulator?: FaultRuleSpec[];
  /** Extra fake-AI profiles by name (partial profiles over the default). */
  aiProfiles?: Record<string, unknown>;
  /** Infrastructure faults in words, for the report (the steps inject them). */
  infrastructure?: string[];
}

/** Extra steps a scenario runs around the load, with the running stack. */
export interface ScenarioSteps {
  /** After the load was submitted, while it is being processed (kill a worker, take the DB down). */
  during?(ctx: StackContext): Promise<void>;
  /** After the first settle: fix and redrive, then the runner settles again. */
  after?(ctx: StackContext): Promise<void>;
}

export interface ScenarioDefinition {
  name: string;
  title: string;
  given: string[];
  when: string[];
  /** The "Then" lines (named so the object is not a thenable). */
  outcomes: string[];
  setup?: Partial<ScenarioSetup>;
  faults?: ScenarioFaults;
  load: LoadGroup[];
  /** Outcomes after the `after` step (e.g. DLQ → COMPLETED once redriven); default: `expect`. */
  expectAfter?: Partial<Record<string, ExpectedOutcome>>;
  steps?: ScenarioSteps;
  /** Needs the embedded emulator (control plane, faults, clock); else runnable on any endpoint. */
  needsEmulator?: boolean;
  /**
   * On an external endpoint (LocalStack, AWS) time is real and the emulator's fault rules do not
   * exist: the setup this scenario runs with there instead (seconds-long visibility timeouts in
   * place of a fast clock), or why it cannot run there at all. Without it a scenario runs there
   * as defined, unless it needsEmulator.
   */
  external?: ExternalVariant;
  /** Real-time bound for settling, ms; default 30 s. */
  settleTimeoutMs?: number;
  /** Users whose requests may end in the request DLQ (an AI that never deletes in time). */
  requestDlqAllowed?: string[];
  /** Runs alone, never beside another scenario (the soak: it needs the whole machine). */
  exclusive?: boolean;
  /** Verdicts of this scenario beyond the accounting every scenario gets. */
  checks?(view: CheckView): Verdict[];
  /**
   * Runs the whole system itself in child processes (no in-process stack: `setup` and `steps` do
   * not apply) and returns what it observed from outside, for the same accounting.
   */
  outOfProcess?(run: OutOfProcessOptions): Promise<OutOfProcessRun>;
}

export interface OutOfProcessOptions {
  seed: number;
  progress: (line: string) => void;
  /** Real-time bound for every task to settle (the definition's settleTimeoutMs, or 60 s). */
  settleTimeoutMs: number;
}

export interface OutOfProcessRun {
  observations: Observations;
  /** Virtual ms the emulator's clock moved (its control plane's `advance` included). */
  virtualMs: number;
}

export type ExternalVariant =
  | {
      setup: Partial<ScenarioSetup>;
      settleTimeoutMs?: number;
      /** Fake-AI profiles by name over the scenario's (and the built-in) ones, in real time. */
      aiProfiles?: Record<string, unknown>;
    }
  | { notApplicable: string };

/** Real time on an external target: the production 300 s visibility timeout becomes 3 s. */
export const EXTERNAL_REAL_TIME: Partial<ScenarioSetup> = {
  timeScale: 1,
  visibilityTimeoutSeconds: 3,
};

/** Poison on an external target: five 2 s visibility timeouts, about 15 s real to park. */
export const EXTERNAL_POISON: Partial<ScenarioSetup> = {
  ...EXTERNAL_REAL_TIME,
  visibilityTimeoutSeconds: 2,
};

export const DEFAULT_SETUP: ScenarioSetup = {
  visibilityTimeoutSeconds: 300,
  maxReceiveCount: 5,
  redrive: true,
  timeScale: 100,
  workers: 1,
  aiReplicas: 1,
  aiConcurrency: 4,
  workerBatchSize: 5,
  workerHeartbeatSeconds: 0,
  waitTimeSeconds: 20,
  database: 'memory',
  emulator: 'embedded',
  reconcile: null,
};

/** A message read from a DLQ (or a work queue) without consuming it. */
export interface DlqMessage {
  taskId: string | undefined;
  receiveCount: number;
  movedAt: number;
  body: string;
}

export interface Observations {
  submitted: Map<string, { user: string; expected: ExpectedOutcome }>;
  statuses: Map<string, string>;
  /** `CODE: message` of each task that ended with an error. */
  errors: Map<string, string>;
  resultDlq: DlqMessage[];
  requestDlq: DlqMessage[];
  /** Messages still in the request and result queues (visible, in flight or delayed). */
  leftInQueues: { request: number; result: number };
  effects: AppliedEffect[];
  notifications: TaskEvent[];
  receipts: Receipt[];
  resultsSent: number;
  rejections: number;
  failures: number;
  faultHits: Record<string, number>;
  /** Findings on accepted results, by `taskType rule` (the real dialect's, never a refusal). */
  findings: Record<string, number>;
  timeline(taskId: string): TimelineEntry[];
  /** Whether the system settled before its deadline (and what it was still waiting for). */
  settled: { ok: boolean; detail: string };
  /** Users whose requests may park in the request DLQ. */
  requestDlqAllowed: string[];
  /** Set when the scenario redrove its DLQ after a fix. */
  redrive?: { tasks: string[] };
}

export type VerdictStatus = 'pass' | 'fail' | 'not-applicable';

export interface Verdict {
  name: string;
  status: VerdictStatus;
  /** What was expected and what was found, in words and numbers. */
  detail: string;
  /** Task ids that break the verdict (their timelines go in the report). */
  tasks?: string[];
}

export interface TaskAccount {
  taskId: string;
  user: string;
  expected: ExpectedOutcome;
  /** Final status in the store, and whether a result for it is parked in the result DLQ. */
  status: string;
  /** `CODE: message` when the task ended with an error (FAILED), else null. */
  error: string | null;
  inDlq: boolean;
  dlqReceiveCount: number | null;
  outcome: ExpectedOutcome | 'NONE' | 'MULTIPLE';
  terminalTransitions: number;
  graphWrites: number;
  terminalNotifications: number;
  deliveries: number;
  aiReceives: number;
  /** AI receives of a request it had received before (visibility expired or crash). */
  aiRedeliveries: number;
  rejections: string[];
  timeline: TimelineEntry[];
}

export interface Counters {
  tasks: number;
  completed: number;
  failed: number;
  /** Messages in the result DLQ at the end (a task may have more than one there). */
  parkedInDlq: number;
  /** Tasks the scenario expects to end in the DLQ (poison). */
  poisonTasks: number;
  /** Distinct tasks with a message in the result DLQ. */
  tasksInDlq: number;
  lost: number;
  unexpected: number;
  duplicateEffects: number;
  workerDeliveries: number;
  workerRedeliveries: number;
  aiReceives: number;
  aiRedeliveries: number;
  resultsSent: number;
  duplicatesIgnored: number;
  /** Events published again with the same eventId (receivers deduplicate on it). */
  notificationRepeats: number;
  rejections: number;
  failures: number;
  faultHits: Record<string, number>;
  /** Findings the workers counted on accepted messages, by `taskType rule`. */
  findings: Record<string, number>;
}

export interface ScenarioResult {
  name: string;
  title: string;
  given: string[];
  when: string[];
  /** The "Then" lines (named so the object is not a thenable). */
  outcomes: string[];
  status: VerdictStatus;
  durationMs: number;
  virtualMs: number;
  verdicts: Verdict[];
  counters: Counters;
  /** Timelines of failing tasks and a sample of the others. */
  tasks: TaskAccount[];
  /** Settlements, deliveries and faults over virtual time, for the report's chart. */
  series?: RunSeries;
  error?: string;
}

/** Virtual ms from the scenario's start at which each thing happened. */
export interface RunSeries {
  /** A task reached COMPLETED or FAILED. */
  settled: number[];
  /** The AI or the result worker received a message (`redelivery`: not its first receive). */
  deliveries: { at: number; redelivery: boolean }[];
  /** SQS answered a party's attempt with an error (an injected fault, throttling), retries included. */
  faults: number[];
}

export type { TimelineEntry, TimelineKind } from '../src/infra/recording/recorder.ts';

export interface WorkerHandle {
  worker: ResultWorker;
  metrics: WorkerMetrics;
  stop(): Promise<void>;
}

export interface StackContext {
  setup: ScenarioSetup;
  /** Where the store lives (`sqlite:<file>` when setup.database is `file`). */
  databaseUrl: string;
  endpoint: string;
  bucket: string;
  /** Unexpected errors inside the embedded emulator (its bugs); a scenario with any fails. */
  emulatorErrors: string[];
  /** The embedded emulator (setup.emulator `embedded` on no external endpoint). */
  emulator: RunningEmulator | undefined;
  /** The emulator child process (setup.emulator `process`): kill, restart. */
  emulatorProcess: EmulatorProcess | undefined;
  /** The emulator's control plane (embedded or child); undefined on an external endpoint. */
  control: EmulatorControlClient | undefined;
  clock: ControllableClock;
  recorder: Recorder;
  sqs: SQSClient;
  s3: S3Client;
  queues: {
    request: EnsuredQueue;
    result: EnsuredQueue;
    names: { request: string; result: string };
  };
  store: Store;
  outage: OutageSwitch;
  api: FastifyInstance;
  workers: WorkerHandle[];
  fakeAis: FakeAi[];
  /** Task ids submitted, with their user. */
  submitted: Map<string, string>;
  /**
   * Outcomes a step decided for single tasks once it saw what its fault did to them (a reset
   * deletes the input of the tasks still queued); they replace the load group's `expect`.
   */
  expectFor: Map<string, ExpectedOutcome>;
  /** Times the API and workers re-created queues and bucket after finding them gone. */
  infrastructureRepairs(): number;
  addWorker(): WorkerHandle;
  /** Redrives the result DLQ back to the result queue (StartMessageMoveTask) and waits for it. */
  redriveResults(): Promise<void>;
  /** Resolves when `check` holds (re-checked every 20 ms real); rejects after `timeoutMs`. */
  waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}
