// Shared by the SQS domain tests: an engine on a manual clock, and a way to catch its errors.
import { SqsEngine } from '../../../src/emulator/sqs/domain/engine.ts';
import { SqsError } from '../../../src/emulator/sqs/domain/errors.ts';
import { randomIds } from '../../../src/kernel/ids.ts';
import { seededRandom } from '../../../src/kernel/random.ts';
import { manualClock } from '../../../src/kernel/virtual-clock.ts';

export function setup(settings: { allowRepeatedPurge?: boolean } = {}, maxInFlight?: number) {
  const clock = manualClock(Date.UTC(2026, 0, 1));
  const engine = new SqsEngine({
    clock,
    ids: randomIds(seededRandom(7)),
    region: 'eu-west-1',
    settings,
    ...(maxInFlight !== undefined ? { maxInFlight } : {}),
  });
  return { clock, engine };
}

export function errorOf(fn: () => unknown): SqsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SqsError) return error;
    throw error;
  }
  throw new Error('expected an SqsError');
}

export const receive = (engine: SqsEngine, queue: string, extra: Record<string, unknown> = {}) =>
  engine.receiveMessage(queue, { WaitTimeSeconds: 0, ...extra });
