// The emulator itself crashes: it runs as its own process with a data directory, is killed with
// SIGKILL while tasks are queued, worked on and answered, and is started again on the same port and
// data directory. Every message it acknowledged is still there (its journal), the parties' calls
// in between fail and are retried, requests and results in flight come back after their
// visibility timeout — and every task completes once.
import { terminalTaskIds } from '../accounting.ts';
import type { ScenarioDefinition, StackContext } from '../model.ts';
import { openAtCrashCompleted } from './open-at-crash.ts';

const KILLED = 'emulator process killed (SIGKILL)';
async function crashEmulator(ctx: StackContext): Promise<void> {
  const emulator = ctx.emulatorProcess;
  if (!emulator) throw new Error('emulator-crash needs setup.emulator = process');
  const terminal = () => terminalTaskIds(ctx.recorder.effects);
  // Mid-flight: some tasks done, the AI holding others, the rest still queued.
  await ctx.waitFor(
    'a quarter of the tasks to complete',
    () => terminal().size >= Math.ceil(ctx.submitted.size / 4),
    20_000,
  );
  const done = terminal();
  const open = [...ctx.submitted.keys()].filter((id) => !done.has(id));
  const pid = emulator.pid;
  const killedAt = performance.now();
  await emulator.kill();
  for (const taskId of open) {
    ctx.recorder.note(taskId, {
      actor: 'request-queue',
      kind: 'fault',
      text: `${KILLED}, pid ${pid}, with this task open`,
    });
  }
  await emulator.restart();
  const downMs = Math.round(performance.now() - killedAt);
  for (const taskId of open) {
    ctx.recorder.note(taskId, {
      actor: 'request-queue',
      kind: 'fault',
      text: `emulator restarted on its data directory after ${downMs} ms real (pid ${emulator.pid})`,
    });
  }
}

export const emulatorCrash: ScenarioDefinition = {
  name: 'emulator-crash',
  title: 'Emulator process killed (SIGKILL) mid-flight, restarted on its data directory',
  given: [
    'the emulator in its own process with a data directory (durability fsync)',
    'an AI that needs 60 s per request, 4 at a time; visibility timeout 300 s',
  ],
  when: [
    '30 tasks are submitted',
    'once a quarter completed, the emulator process gets SIGKILL',
    'it is started again on the same port and data directory',
  ],
  outcomes: [
    'queues, messages and payload objects survive the crash',
    'calls during the downtime fail and are retried; requests and results in flight come back after the visibility timeout',
    'every task COMPLETED once (lost 0, duplicates 0), nothing in a DLQ',
  ],
  setup: { emulator: 'process', timeScale: 100 },
  faults: {
    aiProfiles: { steady: { latency: { fixedMs: 60_000 } } },
    infrastructure: [`${KILLED} mid-flight, restarted on the same data directory`],
  },
  load: [{ user: 'emulator-crash', count: 30, profile: 'steady', expect: 'COMPLETED' }],
  needsEmulator: true,
  external: {
    notApplicable:
      'kills and restarts our emulator process on its data directory; an external endpoint is not ours to kill',
  },
  steps: { during: crashEmulator },
  checks: openAtCrashCompleted(KILLED, 'tasks open at the crash completed after the restart'),
};
