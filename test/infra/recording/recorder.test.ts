// The recorder against a real emulator: a send is stamped when it is made (not when SQS answers),
// so a receive is never drawn before the send that caused it, and steps stamped at one instant
// are ordered cause first.
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.ts';
import {
  causalOrder,
  Recorder,
  type TimelineEntry,
} from '../../../src/infra/recording/recorder.ts';

let emulator: RunningEmulator;
const clients: SQSClient[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ timeScale: 0, seed: 9 });
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await emulator.stop();
});

function client(): SQSClient {
  const c = new SQSClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  clients.push(c);
  return c;
}

describe('Recorder', () => {
  it('stamps a send at the call, so a receive during a slow answer comes after it', async () => {
    let now = 1_000;
    const recorder = new Recorder(() => now);
    const api = client();
    const ai = client();
    recorder.watchSqs(api, 'api');
    recorder.watchSqs(ai, 'ai');
    const { QueueUrl } = await api.send(new CreateQueueCommand({ QueueName: 'graph-requests' }));
    // The send's answer is slow: 5 s pass, and the AI receives, before the API hears back.
    api.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        if ((args.input as { MessageBody?: string }).MessageBody !== undefined) {
          now += 5_000;
          await ai.send(new ReceiveMessageCommand({ QueueUrl, AttributeNames: ['All'] }));
        }
        return result;
      },
      { step: 'build', name: 'slowAnswer' },
    );
    const taskId = 'task_u_01ARZ3NDEKTSV4RRFFQ69G5FAV';
    await api.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify({ taskId }) }));
    const timeline = recorder.timeline(taskId);
    expect(timeline.map((e) => [e.kind, e.at])).toEqual([
      ['request-sent', 1_000],
      ['ai-received', 6_000],
    ]);
  });

  it('logs each refused attempt with its time, also when a retry then succeeds', async () => {
    const recorder = new Recorder(() => 42);
    const worker = client();
    recorder.watchSqs(worker, 'worker');
    const { QueueUrl } = await worker.send(new CreateQueueCommand({ QueueName: 'graph-results' }));
    emulator.faults.add({
      action: 'SendMessage',
      maxHits: 1,
      effect: { type: 'error', error: 'ServiceUnavailable' },
    });
    await worker.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
    expect(recorder.sqsErrorLog).toEqual([
      { at: 42, key: 'worker SendMessage:ServiceUnavailable' },
    ]);
    // The call itself succeeded: nothing for the per-call error counts.
    expect(recorder.sqsErrors.size).toBe(0);
  });

  it('keeps at most maxTasks timelines, forgetting the oldest', () => {
    const recorder = new Recorder(() => 0, { maxTasks: 3 });
    for (let i = 0; i < 10; i++) {
      recorder.note(`task_u_${i}`, { actor: 'api', kind: 'request-sent', text: 'sent' });
      for (let r = 0; r < 300; r++) {
        recorder.receipts.push({
          at: 0,
          actor: 'worker',
          queue: 'q',
          messageId: `${i}-${r}`,
          taskId: `task_u_${i}`,
          receiveCount: 1,
        });
      }
    }
    for (let s = 0; s < 500; s++) {
      recorder.note('task_u_9', { actor: 'worker', kind: 'worker-received', text: 'again' });
    }
    expect(recorder.taskIds()).toEqual(['task_u_7', 'task_u_8', 'task_u_9']);
    expect(recorder.timeline('task_u_0')).toEqual([]);
    expect(recorder.timeline('task_u_9')).toHaveLength(200);
    expect(recorder.receipts.length).toBeLessThanOrEqual(3 * 50 + 300);
  });

  it('bounds what it keeps between new tasks too: one long task, or bodies naming none', async () => {
    // maxTasks 2: 100 entries kept per list and map, up to 125 before a cut.
    const recorder = new Recorder(() => 0, { maxTasks: 2 });
    const worker = client();
    recorder.watchSqs(worker, 'worker');
    const { QueueUrl } = await worker.send(new CreateQueueCommand({ QueueName: 'long-task' }));
    const taskId = 'task_u_01ARZ3NDEKTSV4RRFFQ69G5FAV';
    // 300 messages of one task and 100 naming none: one timeline, no new task to trigger a trim.
    for (let batch = 0; batch < 40; batch++) {
      await worker.send(
        new SendMessageBatchCommand({
          QueueUrl,
          Entries: Array.from({ length: 10 }, (_, i) => ({
            Id: String(i),
            MessageBody: batch < 30 ? JSON.stringify({ taskId, n: batch * 10 + i }) : 'no task',
          })),
        }),
      );
    }
    for (let received = 0; received < 400; ) {
      const out = await worker.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, AttributeNames: ['All'] }),
      );
      const messages = out.Messages ?? [];
      received += messages.length;
      await worker.send(
        new DeleteMessageBatchCommand({
          QueueUrl,
          Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
    expect(recorder.taskIds()).toEqual([taskId]);
    expect(recorder.receipts.length).toBeLessThanOrEqual(125);
    expect(recorder.receipts.at(-1)?.taskId).toBeUndefined();
    const { handles, messageTasks } = recorder.retained();
    expect(handles).toBeLessThanOrEqual(125);
    expect(messageTasks).toBeLessThanOrEqual(125);
  });

  it('keeps a message it saw again among the newest when its maps are cut', async () => {
    // maxTasks 2: 100 entries kept per map, cut when past 125.
    const recorder = new Recorder(() => 0, { maxTasks: 2 });
    const worker = client();
    recorder.watchSqs(worker, 'worker');
    const early = (await worker.send(new CreateQueueCommand({ QueueName: 'lru-early' }))).QueueUrl;
    const busy = (await worker.send(new CreateQueueCommand({ QueueName: 'lru-busy' }))).QueueUrl;
    const longTask = 'task_u_01ARZ3NDEKTSV4RRFFQ69G5FAA';
    const otherTask = 'task_u_01ARZ3NDEKTSV4RRFFQ69G5FBB';
    const sendMany = async (count: number) => {
      for (let n = 0; n < count; n += 10) {
        await worker.send(
          new SendMessageBatchCommand({
            QueueUrl: busy,
            Entries: Array.from({ length: 10 }, (_, i) => ({
              Id: String(i),
              MessageBody: JSON.stringify({ taskId: otherTask, n: n + i }),
            })),
          }),
        );
      }
    };
    const { MessageId } = await worker.send(
      new SendMessageCommand({
        QueueUrl: early,
        MessageBody: JSON.stringify({ taskId: longTask }),
      }),
    );
    await sendMany(110);
    // Seen again: received while 110 newer messages were sent.
    expect(
      (await worker.send(new ReceiveMessageCommand({ QueueUrl: early }))).Messages,
    ).toHaveLength(1);
    await sendMany(20);
    // A verdict naming only the message id still finds its task.
    recorder.workerLog().warn({ messageId: MessageId, reason: 'contract-violation' }, 'left');
    expect(recorder.timeline(longTask).map((entry) => entry.kind)).toContain('rejected');
  });

  it('orders steps stamped at one instant cause first', () => {
    const at = 5;
    const step = (kind: TimelineEntry['kind']): TimelineEntry => ({
      at,
      actor: 'api',
      kind,
      text: kind,
    });
    const shuffled = [
      step('notified'),
      step('applied'),
      step('worker-received'),
      step('ai-received'),
      step('request-sent'),
    ];
    expect(shuffled.sort(causalOrder).map((e) => e.kind)).toEqual([
      'request-sent',
      'ai-received',
      'worker-received',
      'applied',
      'notified',
    ]);
  });
});
