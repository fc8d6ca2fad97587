// Helpers the first half of the recorded suite shares: waiting until a long poll is parked (so a
// case can move the clock under it, never sleep), bodies and attribute sets the recorded tests use.
import type { EmulatorControlClient } from '../../../../src/emulator/control/client.ts';

/** Resolves once the emulator reports a long poll parked on `queue`; polling the control plane is not sleeping. */
export async function waitForPoll(control: EmulatorControlClient, queue: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await control.queue(queue)).waitingPolls > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`no long poll parked on ${queue}`);
}

/** The one string attribute the recorded size cases send: 1 + 6 + 1 = 8 bytes of the message size. */
export const SIZE_ATTRIBUTE = { k: { DataType: 'String', StringValue: 'x' } };
export const SIZE_ATTRIBUTE_BYTES = 'k'.length + 'String'.length + 'x'.length;

/** Send entries `message-0`… as the recorded batch tests do. */
export function batchEntries(
  count: number,
  prefix = 'message-',
): { Id: string; MessageBody: string }[] {
  return Array.from({ length: count }, (_, i) => ({
    Id: `${prefix}${i}`,
    MessageBody: `messageBody-${i}`,
  }));
}

/** Bodies of received messages, in the order received. */
export function bodies(messages: readonly { Body: string }[]): string[] {
  return messages.map((m) => m.Body);
}
