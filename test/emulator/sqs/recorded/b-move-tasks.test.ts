// Recorded: message move tasks (DLQ redrive) — the errors of StartMessageMoveTask and
// CancelMessageMoveTask, a task's progress at its rate, what ListMessageMoveTasks shows while a
// task runs and after it completed, was cancelled or failed, and the move back to each message's
// original source when no destination is given. Time moves by the control plane's clock.
import { expect, it } from 'vitest';
import { arnOf, attributesOf } from './b-support.ts';
import { recordedSuite } from './support.ts';

/** A task handle in the form AWS hands out: base64 of the task id and the source ARN. */
const handleFor = (taskId: string, sourceArn: string) =>
  Buffer.from(JSON.stringify({ taskId, sourceArn })).toString('base64');

recordedSuite('message move tasks', ({ sqs, create, receive, control }) => {
  /** A source queue whose messages go to a DLQ after one receive; the DLQ is the task source. */
  const dlqPipe = async (sources = ['source']) => {
    const dlq = await create('dlq');
    const urls = [];
    for (const name of sources) {
      urls.push(
        await create(name, {
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf('dlq'), maxReceiveCount: 1 }),
        }),
      );
    }
    return { dlq, dlqArn: arnOf('dlq'), sources: urls };
  };
  /** Sends `bodies` to `url` and receives each twice, which moves them to the DLQ. */
  const deadLetter = async (url: string, bodies: string[]) => {
    for (const MessageBody of bodies)
      await sqs().call('SendMessage', { QueueUrl: url, MessageBody });
    for (let i = 0; i < bodies.length * 2; i++) await receive(url, { VisibilityTimeout: 0 });
  };
  const visible = async (url: string) =>
    Number(
      (await attributesOf(sqs(), url, ['ApproximateNumberOfMessages'])).ApproximateNumberOfMessages,
    );
  /** Receives and deletes everything visible in `url`; the bodies. */
  const drain = async (url: string) => {
    const bodies: string[] = [];
    for (;;) {
      const messages = await receive(url, { MaxNumberOfMessages: 10 });
      if (messages.length === 0) return bodies;
      for (const m of messages) {
        bodies.push(m.Body);
        await sqs().call('DeleteMessage', { QueueUrl: url, ReceiptHandle: m.ReceiptHandle });
      }
    }
  };
  const tasks = async (SourceArn: string) =>
    (await sqs().call('ListMessageMoveTasks', { SourceArn })).Results;
  const bodies = (n: number) => Array.from({ length: n }, (_, i) => `message-${i}`);

  it('refuses a malformed task handle', async () => {
    expect(await sqs().fail('CancelMessageMoveTask', { TaskHandle: 'foobared' })).toEqual({
      code: 'InvalidParameterValue',
      status: 400,
      message: 'Value for parameter TaskHandle is invalid.',
    });
  });

  it('refuses a task handle whose source queue does not exist', async () => {
    const handle = handleFor(
      '10f57157-fc38-4da9-a113-4de7e12d05dd',
      arnOf('test-queue-doesnt-exist-123456'),
    );
    expect(await sqs().fail('CancelMessageMoveTask', { TaskHandle: handle })).toEqual({
      code: 'ResourceNotFoundException',
      status: 404,
      message: "The resource that you specified for the SourceArn parameter doesn't exist.",
    });
  });

  it('refuses a task handle naming no task of an existing source', async () => {
    await create('existing');
    const handle = handleFor('10f57157-fc38-4da9-a113-4de7e12d05aa', arnOf('existing'));
    expect(await sqs().fail('CancelMessageMoveTask', { TaskHandle: handle })).toEqual({
      code: 'ResourceNotFoundException',
      status: 404,
      message: 'Task does not exist.',
    });
  });

  it('refuses a source that is no dead-letter queue', async () => {
    await create('plain');
    await create('destination');
    expect(
      await sqs().fail('StartMessageMoveTask', {
        SourceArn: arnOf('plain'),
        DestinationArn: arnOf('destination'),
      }),
    ).toEqual({
      code: 'InvalidParameterValue',
      status: 400,
      message: 'Source queue must be configured as a Dead Letter Queue.',
    });
  });

  it('refuses a destination that does not exist', async () => {
    const { dlqArn } = await dlqPipe();
    await create('destination');
    expect(
      await sqs().fail('StartMessageMoveTask', {
        SourceArn: dlqArn,
        DestinationArn: `${arnOf('destination')}doesntexist`,
      }),
    ).toEqual({
      code: 'ResourceNotFoundException',
      status: 404,
      message: "The resource that you specified for the DestinationArn parameter doesn't exist.",
    });
  });

  it('moves every dead letter to the destination and lists the task completed', async () => {
    const { dlq, dlqArn, sources } = await dlqPipe();
    const destination = await create('destination');
    await deadLetter(sources[0]!, ['message-1', 'message-2']);
    expect(await visible(dlq)).toBe(2);
    const started = await sqs().call('StartMessageMoveTask', {
      SourceArn: dlqArn,
      DestinationArn: arnOf('destination'),
    });
    const decoded = JSON.parse(Buffer.from(started.TaskHandle, 'base64').toString('utf8'));
    expect(decoded.sourceArn).toBe(dlqArn);
    expect(decoded.taskId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    await control().advance(1_000);
    expect((await drain(destination)).sort()).toEqual(['message-1', 'message-2']);
    const [task] = await tasks(dlqArn);
    expect(Object.keys(task).sort()).toEqual([
      'ApproximateNumberOfMessagesMoved',
      'ApproximateNumberOfMessagesToMove',
      'DestinationArn',
      'SourceArn',
      'StartedTimestamp',
      'Status',
    ]);
    expect(task).toMatchObject({
      ApproximateNumberOfMessagesMoved: 2,
      ApproximateNumberOfMessagesToMove: 2,
      DestinationArn: arnOf('destination'),
      SourceArn: dlqArn,
      Status: 'COMPLETED',
    });
    expect(await receive(dlq)).toEqual([]);
  });

  it('moves no faster than MaxNumberOfMessagesPerSecond', async () => {
    const { dlqArn, sources } = await dlqPipe();
    const destination = await create('destination');
    await deadLetter(sources[0]!, bodies(4));
    const started = await sqs().call('StartMessageMoveTask', {
      SourceArn: dlqArn,
      DestinationArn: arnOf('destination'),
      MaxNumberOfMessagesPerSecond: 1,
    });
    expect(typeof started.TaskHandle).toBe('string');
    const moved: string[] = [];
    await control().advance(2_999);
    moved.push(...(await drain(destination)));
    expect(moved.length).toBeLessThan(4);
    await control().advance(1);
    moved.push(...(await drain(destination)));
    expect(moved.sort()).toEqual(bodies(4));
  });

  it('stops a cancelled task, listed with its handle while running and without after', async () => {
    const { dlq, dlqArn, sources } = await dlqPipe();
    const destination = await create('destination');
    await deadLetter(sources[0]!, bodies(10));
    expect(await visible(dlq)).toBe(10);
    const { TaskHandle } = await sqs().call('StartMessageMoveTask', {
      SourceArn: dlqArn,
      DestinationArn: arnOf('destination'),
      MaxNumberOfMessagesPerSecond: 1,
    });
    await control().advance(1_000);
    expect(await drain(destination)).toHaveLength(2);
    const [running] = await tasks(dlqArn);
    expect(running).toMatchObject({
      ApproximateNumberOfMessagesToMove: 10,
      DestinationArn: arnOf('destination'),
      MaxNumberOfMessagesPerSecond: 1,
      SourceArn: dlqArn,
      Status: 'RUNNING',
      TaskHandle,
    });
    const cancelled = await sqs().call('CancelMessageMoveTask', { TaskHandle });
    expect(typeof cancelled.ApproximateNumberOfMessagesMoved).toBe('number');
    const [after] = await tasks(dlqArn);
    expect(after).toMatchObject({
      ApproximateNumberOfMessagesMoved: 2,
      ApproximateNumberOfMessagesToMove: 10,
      MaxNumberOfMessagesPerSecond: 1,
      Status: 'CANCELLED',
    });
    expect(after).not.toHaveProperty('TaskHandle');
    await control().advance(5_000);
    expect(await receive(dlq)).not.toEqual([]);
  });

  it('fails the task with NonExistentQueue when the destination is deleted while it runs', async () => {
    const { dlq, dlqArn, sources } = await dlqPipe();
    const destination = await create('destination');
    await deadLetter(sources[0]!, bodies(10));
    await sqs().call('StartMessageMoveTask', {
      SourceArn: dlqArn,
      DestinationArn: arnOf('destination'),
      MaxNumberOfMessagesPerSecond: 1,
    });
    await sqs().call('DeleteQueue', { QueueUrl: destination });
    await control().advance(3_000);
    const [task] = await tasks(dlqArn);
    expect(task).toMatchObject({
      ApproximateNumberOfMessagesToMove: 10,
      DestinationArn: arnOf('destination'),
      FailureReason: 'AWS.SimpleQueueService.NonExistentQueue',
      MaxNumberOfMessagesPerSecond: 1,
      SourceArn: dlqArn,
      Status: 'FAILED',
    });
    expect(task).not.toHaveProperty('TaskHandle');
    expect(await receive(dlq)).not.toEqual([]);
  });

  it('refuses a second task on a source while one runs', async () => {
    const { dlqArn, sources } = await dlqPipe();
    await create('destination');
    await deadLetter(sources[0]!, bodies(10));
    const start = () =>
      ({
        SourceArn: dlqArn,
        DestinationArn: arnOf('destination'),
        MaxNumberOfMessagesPerSecond: 1,
      }) as const;
    await sqs().call('StartMessageMoveTask', start());
    expect(await sqs().fail('StartMessageMoveTask', start())).toEqual({
      code: 'InvalidParameterValue',
      status: 400,
      message:
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
    });
  });

  it('moves dead letters back to their source when no destination is given', async () => {
    const { dlq, dlqArn, sources } = await dlqPipe();
    await deadLetter(sources[0]!, ['message-1', 'message-2']);
    expect(await visible(dlq)).toBe(2);
    await sqs().call('StartMessageMoveTask', { SourceArn: dlqArn });
    await control().advance(1_000);
    expect((await drain(sources[0]!)).sort()).toEqual(['message-1', 'message-2']);
    const [task] = await tasks(dlqArn);
    expect(task).not.toHaveProperty('DestinationArn');
    expect(task).toMatchObject({
      ApproximateNumberOfMessagesMoved: 2,
      ApproximateNumberOfMessagesToMove: 2,
      SourceArn: dlqArn,
      Status: 'COMPLETED',
    });
  });

  it('moves each dead letter back to its own source of several', async () => {
    const { dlq, dlqArn, sources } = await dlqPipe(['source-1', 'source-2']);
    await deadLetter(sources[0]!, ['one-a', 'one-b']);
    await deadLetter(sources[1]!, ['two-a', 'two-b']);
    expect(await visible(dlq)).toBe(4);
    await sqs().call('StartMessageMoveTask', { SourceArn: dlqArn });
    await control().advance(1_000);
    expect((await drain(sources[0]!)).sort()).toEqual(['one-a', 'one-b']);
    expect((await drain(sources[1]!)).sort()).toEqual(['two-a', 'two-b']);
    const [task] = await tasks(dlqArn);
    expect(task).toMatchObject({
      ApproximateNumberOfMessagesMoved: 4,
      ApproximateNumberOfMessagesToMove: 4,
      Status: 'COMPLETED',
    });
  });
});
