// Readiness of the party under test: it is ready once it reads its queue (a long poll parked on
// it, or a receive counted by a zero-latency fault rule). A command that exits first, or never
// reads, stops the run with a message saying what it printed.
import type { ProcessUnderTest } from './child.ts';
import { pause } from './observer.ts';
import type { QueueRef, Target } from './target.ts';

/** The run cannot go on (the command exits at once, never reads, floods): exit 1 with this. */
export class RunAborted extends Error {}

/** Waits until the party under test reads `queue`: a zero-latency rule counts its receives. */
export async function waitReady(
  target: Target,
  queue: QueueRef,
  child: ProcessUnderTest | undefined,
  timeoutMs: number,
): Promise<void> {
  const control = target.control;
  if (!control) {
    // Another target: nothing to watch. Give the process a moment and check it is still up.
    await pause(Math.min(timeoutMs, 2000));
    if (child && !child.alive()) throw exitedAtOnce(child);
    return;
  }
  const probe = await control.addFault({
    queue: queue.name,
    action: 'ReceiveMessage',
    effect: { type: 'latency', ms: 0 },
  });
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child && !child.alive()) throw exitedAtOnce(child);
      const polls = (await control.queue(queue.name, { limit: 0 })).waitingPolls;
      if (polls > 0 || (await control.fault(probe.id)).hits > 0) return;
      await pause(100);
    }
    throw new RunAborted(
      `the command has not read the request queue ${queue.url} within ${timeoutMs / 1000} s; ` +
        `it must poll the queue its environment names (AWS_SQS_REQUEST_QUEUE_URL for an AI server, SQS_RESULT_QUEUE_URL for a back end)` +
        (child ? `; its last output:\n${child.tail()}` : ''),
    );
  } finally {
    await control.removeFault(probe.id).catch(() => undefined);
  }
}

function exitedAtOnce(child: ProcessUnderTest): RunAborted {
  const exit = child.exit;
  return new RunAborted(
    `the command exited (code ${exit?.code ?? '?'}, signal ${exit?.signal ?? 'none'}) ${exit?.afterMs ?? 0} ms after start, ` +
      `before reading the request queue; its last output:\n${child.tail() || '(nothing)'}`,
  );
}
