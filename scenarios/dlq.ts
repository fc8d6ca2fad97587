// Reads a DLQ without consuming it: the emulator's inspection (in process, or over its control
// plane when it runs as a child process), or on an external target a peek (receive with visibility 0). A peek counts as a receive there (LocalStack and AWS carry the
// receive count into the DLQ and go on counting), so every peek of a message is remembered and
// taken off again: the count reported is the one the message had when it was parked.
import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { EmulatorControlClient } from '../src/emulator/control/client.ts';
import { taskIdOf } from '../src/infra/recording/recorder.ts';
import type { DlqMessage } from './accounting.ts';
import type { StackContext } from './model.ts';

/** A message as the emulator's inspection shows it (in process or over the control plane). */
function parkedMessage(m: { body: string; receiveCount: number; visibleAt: number }): DlqMessage {
  return {
    taskId: taskIdOf(m.body),
    receiveCount: m.receiveCount,
    movedAt: m.visibleAt,
    body: m.body,
  };
}

/** Every message of queue `name`, read through the emulator's control plane. */
export async function readQueueOverControl(
  control: EmulatorControlClient,
  name: string,
): Promise<DlqMessage[]> {
  return (await control.queue(name)).messages.map(parkedMessage);
}

/** Our own peeks per message id, per client (one operator client per stack). */
const peeksBy = new WeakMap<SQSClient, Map<string, number>>();

export async function readDlq(ctx: StackContext, url: string): Promise<DlqMessage[]> {
  const name = url.split('/').at(-1) ?? '';
  if (ctx.emulator) {
    return ctx.emulator.sqs.inspectMessages(name).map(parkedMessage);
  }
  if (ctx.control) return readQueueOverControl(ctx.control, name);
  return peek(ctx.sqs, url, ctx.clock.now());
}

/** Reads a DLQ on a target without inspection routes; `now` stands for when each was parked. */
async function peek(sqs: SQSClient, url: string, now: number): Promise<DlqMessage[]> {
  const peeks = peeksBy.get(sqs) ?? new Map<string, number>();
  peeksBy.set(sqs, peeks);
  const seen = new Map<string, DlqMessage>();
  for (let i = 0; i < 10; i++) {
    const got = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    let fresh = 0;
    for (const m of got.Messages ?? []) {
      const id = m.MessageId ?? '';
      if (!seen.has(id)) fresh++;
      const ours = (peeks.get(id) ?? 0) + 1;
      peeks.set(id, ours);
      seen.set(id, {
        taskId: taskIdOf(m.Body),
        receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? ours) - ours,
        movedAt: now,
        body: m.Body ?? '',
      });
    }
    // Visibility 0 hands the same messages out again: stop once a round brings nothing new.
    if (fresh === 0) break;
  }
  return [...seen.values()];
}
