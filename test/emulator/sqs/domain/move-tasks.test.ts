// Message move tasks in the domain with a manual clock: rate per virtual second, destination
// override, cancellation, listing and the DLQ-only rule.
import { describe, expect, it } from 'vitest';
import { SqsEngine } from '../../../../src/emulator/sqs/domain/engine.ts';
import { MoveTasks } from '../../../../src/emulator/sqs/domain/move-tasks.ts';
import { randomIds } from '../../../../src/kernel/ids.ts';
import { seededRandom } from '../../../../src/kernel/random.ts';
import { manualClock } from '../../../../src/kernel/virtual-clock.ts';

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

async function setup(poison: number) {
  const clock = manualClock(0);
  const ids = randomIds(seededRandom(1));
  const engine = new SqsEngine({ clock, ids, region: 'us-east-1' });
  const tasks = new MoveTasks(engine, clock, ids);
  const dlq = engine.createQueue('dlq', {}, {});
  engine.createQueue('other', {}, {});
  const src = engine.createQueue(
    'src',
    {
      VisibilityTimeout: '1',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }),
    },
    {},
  );
  for (let i = 0; i < poison; i++) engine.sendMessage('src', { MessageBody: `p${i}` });
  await engine.receiveMessage('src', { MaxNumberOfMessages: 10 });
  clock.advance(1_000);
  await engine.receiveMessage('src', {});
  return { clock, engine, tasks, dlq, src };
}

describe('message move tasks', () => {
  it('moves at most the given rate per virtual second, back to the source queue', async () => {
    const { clock, engine, tasks, dlq } = await setup(3);
    expect(engine.inspectMessages('dlq')).toHaveLength(3);
    tasks.start(dlq.arn, undefined, 1);
    await flush();
    expect(engine.inspectMessages('src')).toHaveLength(1);
    expect(tasks.list(dlq.arn, 1)[0]).toMatchObject({
      Status: 'RUNNING',
      ApproximateNumberOfMessagesMoved: 1,
      ApproximateNumberOfMessagesToMove: 3,
      MaxNumberOfMessagesPerSecond: 1,
    });
    clock.advance(2_000);
    expect(engine.inspectMessages('src')).toHaveLength(3);
    expect(engine.inspectMessages('dlq')).toHaveLength(0);
    expect(tasks.list(dlq.arn, 1)[0]).toMatchObject({
      Status: 'COMPLETED',
      ApproximateNumberOfMessagesMoved: 3,
    });
    expect(tasks.list(dlq.arn, 1)[0]?.TaskHandle).toBeUndefined();
    const moved = engine.inspectMessages('src')[0]!;
    expect(moved.receiveCount).toBe(0);
    expect(moved.deadLetterSourceArn).toBeUndefined();
  });

  it('moves to an explicit destination and can be cancelled', async () => {
    const { clock, engine, tasks, dlq } = await setup(3);
    const handle = tasks.start(dlq.arn, engine.arnOf('other'), 1);
    await flush();
    expect(() => tasks.start(dlq.arn, undefined, undefined)).toThrow(/already a task running/);
    expect(tasks.cancel(handle)).toBe(1);
    clock.advance(5_000);
    expect(engine.inspectMessages('other')).toHaveLength(1);
    expect(engine.inspectMessages('dlq')).toHaveLength(2);
    expect(tasks.list(dlq.arn, 10).map((t) => t.Status)).toEqual(['CANCELLED']);
    expect(() => tasks.cancel(handle)).toThrow(/Only active tasks can be cancelled/);
    expect(() => tasks.cancel('nope')).toThrow('Value for parameter TaskHandle is invalid.');
    const unknown = Buffer.from(JSON.stringify({ taskId: 'x', sourceArn: dlq.arn })).toString(
      'base64',
    );
    expect(() => tasks.cancel(unknown)).toThrow(/Task does not exist/);
  });

  it('accepts only dead-letter queues as sources and checks the rate', async () => {
    const { engine, tasks, dlq } = await setup(1);
    expect(() => tasks.start(engine.arnOf('other'), undefined, undefined)).toThrow(
      'Source queue must be configured as a Dead Letter Queue.',
    );
    expect(() => tasks.start(engine.arnOf('missing'), undefined, undefined)).toThrow(
      /doesn't exist/,
    );
    expect(() => tasks.start(dlq.arn, undefined, 501)).toThrow(/MaxNumberOfMessagesPerSecond/);
    expect(() => tasks.list(dlq.arn, 11)).toThrow(/MaxResults/);
  });

  it('a failed step leaves the rest of its batch receivable in the source, in order', async () => {
    const { clock, engine, tasks, dlq } = await setup(0);
    const redrive = JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 });
    engine.setQueueAttributes('src', { VisibilityTimeout: '0' });
    engine.createQueue('gone', { VisibilityTimeout: '0', RedrivePolicy: redrive }, {});
    // The DLQ holds, in this order: p0 (from src), g0 (from gone), p1, p2 (from src).
    for (const [queue, body] of [
      ['src', 'p0'],
      ['gone', 'g0'],
      ['src', 'p1'],
      ['src', 'p2'],
    ] as const) {
      engine.sendMessage(queue, { MessageBody: body });
      await engine.receiveMessage(queue, {});
      await engine.receiveMessage(queue, {});
    }
    expect(engine.inspectMessages('dlq').map((m) => m.body)).toEqual(['p0', 'g0', 'p1', 'p2']);
    engine.deleteQueue('gone');
    clock.advance(60_000);
    tasks.start(dlq.arn, undefined, undefined);
    await flush();
    expect(tasks.list(dlq.arn, 1)[0]).toMatchObject({
      Status: 'FAILED',
      FailureReason: 'AWS.SimpleQueueService.NonExistentQueue',
      ApproximateNumberOfMessagesMoved: 1,
    });
    expect(engine.inspectMessages('src').map((m) => m.body)).toEqual(['p0']);
    expect(engine.getQueueAttributes('dlq', ['ApproximateNumberOfMessages'])).toEqual({
      ApproximateNumberOfMessages: '3',
    });
    const received = await engine.receiveMessage('dlq', { MaxNumberOfMessages: 10 });
    expect(received.map((m) => m.Body)).toEqual(['g0', 'p1', 'p2']);
  });
});
