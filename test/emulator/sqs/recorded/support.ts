// The frame of the AWS-recorded suite: every case in test/emulator/sqs/recorded/ reproduces one
// behaviour whose answer was recorded from real AWS in a public, independent test suite (the
// recorded values are facts; the cases are ours). Each file calls `recordedSuite` once; every case
// runs over the JSON protocol (JS SDK v3) and the query protocol (JS SDK v2) against one emulator,
// reset before each case. A case where we knowingly still differ from AWS is declared with
// `differs(reason, …)`: it is an `it.fails` (so it breaks the day we start matching) and
// `npm run fidelity` counts it as a difference.
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { EmulatorControlClient } from '../../../../src/emulator/control/client.ts';
import { type RunningEmulator, startEmulator } from '../../../../src/emulator/index.ts';
import { type Protocol, type SqsCaller, sqsCaller } from '../../support/sqs-clients.ts';
import { queueCalls } from '../../support/sqs-suite.ts';

/** The name prefix that marks a known difference; scripts/fidelity.ts counts by it. */
export const DIFFERS = '[differs from AWS]';

export const REGION = 'us-east-1';

export interface RecordedContext {
  /** The caller for the protocol this pass runs over (valid inside cases and hooks). */
  sqs: () => SqsCaller;
  protocol: Protocol;
  emulatorUrl: () => string;
  control: () => EmulatorControlClient;
  create: ReturnType<typeof queueCalls>['create'];
  receive: ReturnType<typeof queueCalls>['receive'];
  /** A case known to differ from the recorded answer, with why. */
  differs: (reason: string, name: string, fn: () => Promise<void>) => void;
}

/**
 * `protocols` narrows the passes, for behaviours recorded from hand-made requests of one protocol
 * (a raw query GET has no JSON counterpart).
 */
export function recordedSuite(
  title: string,
  define: (ctx: RecordedContext) => void,
  protocols: readonly Protocol[] = ['json', 'query'],
): void {
  let emulator: RunningEmulator;
  let control: EmulatorControlClient;

  beforeAll(async () => {
    emulator = await startEmulator({ timeScale: 0, seed: 7, region: REGION });
    control = new EmulatorControlClient(emulator.url);
  });
  afterAll(async () => {
    await emulator.stop();
  });

  describe.each([...protocols])(`${title}, over %s`, (protocol) => {
    let caller: SqsCaller;
    beforeAll(() => {
      caller = sqsCaller(protocol, emulator.url, REGION);
    });
    afterAll(() => caller.destroy());
    beforeEach(async () => {
      await control.reset();
    });
    const sqs = () => caller;
    define({
      sqs,
      protocol,
      emulatorUrl: () => emulator.url,
      control: () => control,
      ...queueCalls(sqs),
      differs: (reason, name, fn) => it.fails(`${DIFFERS} ${name} (${reason})`, fn),
    });
  });
}

/**
 * Message attributes as the caller sent them: the JS SDK v2 fills in `StringListValues: []` and
 * `BinaryListValues: []` for every value it parses (on AWS's answers too), which the wire never
 * carried; this drops those empty lists so both clients compare alike.
 */
export function withoutEmptyLists<T extends object>(attributes: Record<string, T> | undefined) {
  if (!attributes) return attributes;
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      Object.fromEntries(
        Object.entries(value).filter(([, v]) => !(Array.isArray(v) && v.length === 0)),
      ),
    ]),
  );
}
