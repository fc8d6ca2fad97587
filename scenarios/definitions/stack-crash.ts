// The whole stack crashes: `npm start` (API, worker, embedded emulator with its data directory,
// SQLite, fake AI thread — one process group) gets SIGKILL right after 20 tasks were accepted,
// and is started again on the same data. Nothing of the stack runs in the runner's process, so
// the runner observes from outside: tasks and their events from the database (every state change
// records an event; a second terminal event would be a duplicate transition), queues and DLQs
// through the emulator's control plane. Deliveries are not counted (the SQS clients live in the
// stack process). Requests and results in flight at the kill are invisible for their 300 s
// visibility timeout: the emulator's clock is moved past it, not waited for.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticConversations } from '../../fake-ai/index.ts';
import { EmulatorControlClient } from '../../src/emulator/control/client.ts';
import { DEFAULT_QUEUE_NAMES, queueDefinitions } from '../../src/infra/aws/queues.ts';
import type { AppliedEffect } from '../../src/infra/recording/recorder.ts';
import { openStore } from '../../src/infra/store/open-store.ts';
import { isTerminal } from '../accounting.ts';
import { readQueueOverControl } from '../dlq.ts';
import type {
  ExpectedOutcome,
  OutOfProcessOptions,
  OutOfProcessRun,
  ScenarioDefinition,
  TimelineEntry,
} from '../model.ts';
import {
  type StackProcess,
  stackDatabaseUrl,
  startStackProcess,
} from '../processes/stack-process.ts';
import { openAtCrashCompleted } from './open-at-crash.ts';

const USER = 'stack-crash';
const TOKEN = 'stack-crash-scenario-token-0123456789';
const COUNT = 20;
const KILLED = 'npm start killed (SIGKILL)';
const SLOW_RESULT_SENDS_MS = 5_000;
const QUEUES = queueDefinitions(DEFAULT_QUEUE_NAMES);

async function submit(api: string, seed: number, notes: Notes): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < COUNT; i = next++) {
      const response = await fetch(`${api}/v1/graphs/generate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ conversations: syntheticConversations(3, seed + i) }),
      });
      if (response.status !== 202) {
        throw new Error(`API refused task ${i}: ${response.status} ${await response.text()}`);
      }
      const { taskId } = (await response.json()) as { taskId: string };
      ids.push(taskId);
      notes.add(taskId, 'api', 'submitted', 'POST /v1/graphs/generate → 202');
    }
  };
  await Promise.all(Array.from({ length: 4 }, lane));
  return ids;
}

/** Timeline notes of the runner itself (submissions, the kill), stamped with the real time. */
class Notes {
  readonly #by = new Map<string, TimelineEntry[]>();
  add(taskId: string, actor: TimelineEntry['actor'], kind: TimelineEntry['kind'], text: string) {
    const list = this.#by.get(taskId) ?? [];
    list.push({ at: Date.now(), actor, kind, text });
    this.#by.set(taskId, list);
  }
  of(taskId: string): TimelineEntry[] {
    return this.#by.get(taskId) ?? [];
  }
}

/** Every task terminal (the API says) and both work queues empty, or the last state seen. */
async function settle(
  stack: StackProcess,
  control: EmulatorControlClient,
  ids: string[],
  timeoutMs: number,
  progress: (line: string) => void,
): Promise<{ ok: boolean; detail: string }> {
  const deadline = performance.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const statuses = await Promise.all(
        ids.map(async (id) => {
          const response = await fetch(`${stack.api}/v1/tasks/${id}`, {
            headers: { authorization: `Bearer ${TOKEN}` },
          });
          return ((await response.json()) as { status: string }).status;
        }),
      );
      const open = statuses.filter((s) => !isTerminal(s)).length;
      const queued =
        (await readQueueOverControl(control, QUEUES.request.name)).length +
        (await readQueueOverControl(control, QUEUES.result.name)).length;
      last = `${open} task(s) open, ${queued} message(s) queued`;
      if (open === 0 && queued === 0) {
        return { ok: true, detail: `settled after ${ids.length} task(s)` };
      }
    } catch (error) {
      last = `stack not readable: ${(error as Error).message}`;
    }
    if (performance.now() > deadline) {
      return { ok: false, detail: `not settled within ${timeoutMs} ms real: ${last}` };
    }
    progress(last);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function crashTheStack({
  seed,
  progress,
  settleTimeoutMs,
}: OutOfProcessOptions): Promise<OutOfProcessRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'graphnode-stack-crash-'));
  const databaseUrl = stackDatabaseUrl(dataDir);
  const stacks: StackProcess[] = [];
  const notes = new Notes();
  try {
    const start = async () => {
      const stack = await startStackProcess({ dataDir, token: TOKEN, user: USER });
      stacks.push(stack);
      return stack;
    };
    const first = await start();
    const firstControl = new EmulatorControlClient(first.emulator);
    const clockStart = (await firstControl.clock()).now;
    // The AI's sends to the result queue take 5 s: it holds its requests in flight (received,
    // not deleted) for that long, so the kill catches work in every state however fast or loaded
    // the machine is. The rule lives in the emulator's memory: the restarted stack runs without it.
    await firstControl.addFault({
      queue: QUEUES.result.name,
      action: ['SendMessage', 'SendMessageBatch'],
      effect: { type: 'latency', ms: SLOW_RESULT_SENDS_MS },
    });
    progress(`submitting ${COUNT} task(s) to npm start (pid ${first.group.pid})`);
    const ids = await submit(first.api, seed, notes);
    await first.kill();
    // The stack is gone: its database says which tasks the kill caught open.
    const atKill = await openStore(databaseUrl);
    const open: string[] = [];
    try {
      for (const id of ids) {
        if (!isTerminal((await atKill.getTask(id))?.status)) open.push(id);
      }
    } finally {
      await atKill.close();
    }
    for (const id of open) notes.add(id, 'api', 'fault', `${KILLED} with this task open`);
    progress(`killed with ${open.length} of ${COUNT} task(s) open; starting it again`);

    const second = await start();
    const control = new EmulatorControlClient(second.emulator);
    // In-flight requests and results are hidden for 300 s: move the emulator's clock past it.
    await control.advance(301_000);
    for (const id of open) notes.add(id, 'api', 'fault', 'restarted on the same data');
    const settled = await settle(second, control, ids, settleTimeoutMs, progress);
    const resultDlq = await readQueueOverControl(control, QUEUES.result.dlqName);
    const requestDlq = await readQueueOverControl(control, QUEUES.request.dlqName);
    const leftInQueues = {
      request: (await readQueueOverControl(control, QUEUES.request.name)).length,
      result: (await readQueueOverControl(control, QUEUES.result.name)).length,
    };
    const virtualMs = (await control.clock()).now - clockStart;
    const exit = await second.interrupt();
    if (exit.code !== 0) {
      throw new Error(`npm start did not stop cleanly on SIGINT (${exit.code ?? exit.signal})`);
    }
    return {
      virtualMs,
      observations: await fromDatabase(databaseUrl, ids, notes, {
        settled,
        resultDlq,
        requestDlq,
        leftInQueues,
      }),
    };
  } finally {
    for (const stack of stacks) await stack.kill();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The accounting's observations, read from the stopped stack's database. */
async function fromDatabase(
  databaseUrl: string,
  ids: string[],
  notes: Notes,
  seen: Pick<
    OutOfProcessRun['observations'],
    'settled' | 'resultDlq' | 'requestDlq' | 'leftInQueues'
  >,
): Promise<OutOfProcessRun['observations']> {
  const store = await openStore(databaseUrl);
  try {
    const statuses = new Map<string, string>();
    const errors = new Map<string, string>();
    const effects: AppliedEffect[] = [];
    const notifications: OutOfProcessRun['observations']['notifications'] = [];
    const timelines = new Map<string, TimelineEntry[]>();
    for (const id of ids) {
      const task = await store.getTask(id);
      statuses.set(id, task?.status ?? 'MISSING');
      if (task?.error) errors.set(id, `${task.error.code}: ${task.error.message}`);
      const timeline = [...notes.of(id)];
      for (const { event, deliveredAt } of await store.listEvents(id)) {
        const at = Date.parse(event.occurredAt);
        if (isTerminal(event.status)) {
          effects.push({
            at,
            taskId: id,
            messageType: null,
            outcome: 'applied',
            status: event.status,
            graph: event.status === 'COMPLETED',
            reason: null,
          });
        }
        timeline.push({
          at,
          actor: 'store',
          kind: 'applied',
          text: `${event.type} ${event.status} ${event.progressPercent}%${event.error ? ` ${event.error.code}` : ''}`,
        });
        if (deliveredAt !== null) {
          notifications.push(event);
          timeline.push({ at: deliveredAt, actor: 'notifier', kind: 'notified', text: event.type });
        }
      }
      timelines.set(
        id,
        timeline.sort((a, b) => a.at - b.at),
      );
    }
    const submitted = new Map<string, { user: string; expected: ExpectedOutcome }>(
      ids.map((id) => [id, { user: USER, expected: 'COMPLETED' }]),
    );
    return {
      ...seen,
      submitted,
      statuses,
      errors,
      effects,
      notifications,
      receipts: [],
      resultsSent: 0,
      rejections: 0,
      failures: 0,
      faultHits: { [`${KILLED}, whole process group`]: 1 },
      findings: {},
      requestDlqAllowed: [],
      timeline: (id) => timelines.get(id) ?? [],
    };
  } finally {
    await store.close();
  }
}

export const stackCrash: ScenarioDefinition = {
  name: 'stack-crash',
  title: 'npm start killed (SIGKILL) with tasks in flight, restarted on the same data',
  given: [
    '`npm start` as a child process group: embedded emulator with its data directory, SQLite, API, worker, fake AI',
    'before the kill, sends to the result queue take 5 s (an emulator latency rule), so the AI holds requests in flight',
    'observed from outside: the database (tasks, events) and the emulator control plane; deliveries not counted',
  ],
  when: [
    `${COUNT} tasks are submitted over HTTP`,
    'the whole process group gets SIGKILL right after the last 202',
    'npm start runs again on the same data directory and database; the emulator clock moves 301 s',
  ],
  outcomes: [
    'queued, in-flight and unsent requests (outbox) all come back',
    'every task COMPLETED, one terminal event each (lost 0, duplicates 0), nothing in a DLQ',
    'the restarted stack stops cleanly on SIGINT',
  ],
  faults: {
    infrastructure: [
      `result-queue sends take ${SLOW_RESULT_SENDS_MS / 1000} s before the kill (the AI holds requests in flight)`,
      `${KILLED} with tasks in flight, restarted on the same data`,
    ],
  },
  load: [{ user: USER, count: COUNT, expect: 'COMPLETED' }],
  needsEmulator: true,
  external: {
    notApplicable:
      'kills npm start with its embedded emulator and data directory; an external endpoint is not part of the stack it kills',
  },
  settleTimeoutMs: 60_000,
  outOfProcess: crashTheStack,
  checks: openAtCrashCompleted(KILLED, 'tasks open at the kill completed after the restart'),
};
