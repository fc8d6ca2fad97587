// Test fixture for the fake AI against the real emulator: one manual clock shared by both (a test
// moves time for the queues and the fake AI at once), request and result queues (the request
// queue with its dead-letter queue and redrive policy from the contract manifest), a payload bucket, real
// SDK clients, and helpers to submit requests and read what arrived on the result queue.
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { pino } from 'pino';
import { ulid } from 'ulid';
import type { JournalEntry } from '../../../fake-ai/journal.ts';
import { type FakeAi, type FakeAiOptions, startFakeAi } from '../../../fake-ai/start.ts';
import {
  buildMessage,
  buildMicroscopeTaskId,
  buildTaskId,
  contractMessageAttributes,
  encodeForSqs,
  MAX_RECEIVE_COUNT,
  type PayloadOf,
  REQUEST_QUEUE,
  RESULT_QUEUE,
  type RequestTaskType,
} from '../../../src/contracts/index.ts';
import {
  manualClock,
  type RunningEmulator,
  startEmulator,
  type VirtualClock,
} from '../../../src/emulator/index.ts';
import { InFlight } from './in-flight.ts';
import { ObservedClock } from './observed-clock.ts';

export const BUCKET = 'graphnode-payloads';
export const VISIBILITY_SECONDS = 30;

export interface Fixture {
  emulator: RunningEmulator;
  clock: VirtualClock;
  sqs: SQSClient;
  s3: S3Client;
  requestQueueUrl: string;
  resultQueueUrl: string;
  dlqUrl: string;
  fakeAi: FakeAi;
  /** Sends a request built (and validated) by the contracts; returns the task id. */
  submit<T extends RequestTaskType>(
    taskType: T,
    payload: PayloadOf<T>,
    options?: { profile?: string; userId?: string },
  ): Promise<string>;
  /** Sends an arbitrary body to the request queue (for invalid-request tests). */
  sendRaw(
    body: string,
    attributes?: Record<string, { DataType: string; StringValue: string }>,
  ): Promise<void>;
  putObject(key: string, body: string): Promise<void>;
  getObject(key: string): Promise<string>;
  /** Everything currently on the result queue (received and left in flight). */
  drainResults(): Promise<Message[]>;
  queueCounts(url: string): Promise<{ visible: number; inFlight: number }>;
  /** Moves the shared clock (queues' visibility and the fake AI's sleeps). */
  advance(ms: number): void;
  /**
   * Moves time from one fake AI deadline to the next until a journal entry matches; fails if that
   * needs more than `maxMs` of virtual time. Returns the matching entry.
   */
  advanceUntil(match: (entry: JournalEntry) => boolean, maxMs?: number): Promise<JournalEntry>;
  close(): Promise<void>;
}

export async function startFixture(options: Partial<FakeAiOptions> = {}): Promise<Fixture> {
  const clock = manualClock(Date.UTC(2026, 10, 26, 8, 0, 0));
  const emulator = await startEmulator({ port: 0, clock, seed: 1 });
  const common = {
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const sqs = new SQSClient(common);
  const s3 = new S3Client({ ...common, forcePathStyle: true });
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: REQUEST_QUEUE.deadLetterQueue }));
  const dlqUrl = dlq.QueueUrl as string;
  const dlqArn = (
    await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }),
    )
  ).Attributes?.QueueArn as string;
  const requests = await sqs.send(
    new CreateQueueCommand({
      QueueName: REQUEST_QUEUE.name,
      Attributes: {
        VisibilityTimeout: String(VISIBILITY_SECONDS),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: dlqArn,
          maxReceiveCount: MAX_RECEIVE_COUNT,
        }),
      },
    }),
  );
  const results = await sqs.send(new CreateQueueCommand({ QueueName: RESULT_QUEUE.name }));
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const requestQueueUrl = requests.QueueUrl as string;
  const resultQueueUrl = results.QueueUrl as string;
  const observed = new ObservedClock(clock);
  // The fake AI gets clients of its own, so the test can see when it is between calls.
  const aiSqs = new SQSClient(common);
  const aiS3 = new S3Client({ ...common, forcePathStyle: true });
  const inFlight = new InFlight();
  inFlight.track(aiSqs);
  inFlight.track(aiS3);
  const fakeAi = await startFakeAi({
    requestQueueUrl,
    resultQueueUrl,
    bucket: BUCKET,
    sqs: aiSqs,
    s3: aiS3,
    clock: observed,
    logger: pino({ level: 'silent' }),
    ...options,
  });

  return {
    emulator,
    clock,
    sqs,
    s3,
    requestQueueUrl,
    resultQueueUrl,
    dlqUrl,
    fakeAi,
    async submit(taskType, payload, submitOptions = {}) {
      const fields = payload as { userId?: string; user_id?: string };
      const userId = submitOptions.userId ?? fields.userId ?? fields.user_id ?? '';
      const id = ulid(clock.now());
      // Each type's id in the form the back end makes for it (contract.json taskIdForms).
      const taskId =
        taskType === 'MICROSCOPE_INGEST_REQUEST'
          ? buildMicroscopeTaskId('file', userId, id, true)
          : taskType === 'MICROSCOPE_INGEST_FROM_NODE_REQUEST'
            ? buildMicroscopeTaskId('node', userId, id, false)
            : buildTaskId(userId, id);
      const message = buildMessage(taskType, taskId, payload, () => clock.now());
      const encoded = encodeForSqs(message);
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: requestQueueUrl,
          MessageBody: encoded.body,
          MessageAttributes: {
            ...encoded.attributes,
            ...(submitOptions.profile
              ? { fakeAiProfile: { DataType: 'String', StringValue: submitOptions.profile } }
              : {}),
          },
        }),
      );
      return taskId;
    },
    async sendRaw(body, attributes) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: requestQueueUrl,
          MessageBody: body,
          MessageAttributes: attributes ?? contractMessageAttributes(),
        }),
      );
    },
    async putObject(key, body) {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
    },
    async getObject(key) {
      const out = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      return (await out.Body?.transformToString('utf8')) ?? '';
    },
    async drainResults() {
      const all: Message[] = [];
      for (;;) {
        const out = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: resultQueueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 0,
            VisibilityTimeout: 43_200,
            MessageAttributeNames: ['All'],
          }),
        );
        if (!out.Messages?.length) return all;
        all.push(...out.Messages);
      }
    },
    async queueCounts(url) {
      const out = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return {
        visible: Number(out.Attributes?.ApproximateNumberOfMessages ?? 0),
        inFlight: Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0),
      };
    },
    advance(ms) {
      clock.advance(ms);
    },
    async advanceUntil(match, maxMs = 3_600_000) {
      const limit = clock.now() + maxMs;
      let found: JournalEntry | undefined;
      const done = fakeAi.journal.waitFor(match).then((entry) => {
        found = entry;
      });
      const turn = () => new Promise((resolve) => setImmediate(resolve));
      while (found === undefined) {
        await Promise.race([done, observed.whenPending()]);
        if (found !== undefined) break;
        // Only move time while the fake AI waits on it, not in the middle of an AWS call.
        await Promise.race([done, inFlight.idle()]);
        await turn();
        if (found !== undefined) break;
        if (inFlight.count > 0) continue;
        const next = observed.nextDeadline();
        if (next === undefined) {
          // The timer was already due and has fired: give its continuation a turn.
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        if (next > limit)
          throw new Error(`no matching journal entry within ${maxMs} ms of virtual time`);
        clock.advance(Math.max(0, next - clock.now()));
        // Let the fired timer's continuation run before looking at the deadlines again.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return found;
    },
    async close() {
      await fakeAi.stop();
      aiSqs.destroy();
      aiS3.destroy();
      sqs.destroy();
      s3.destroy();
      await emulator.stop();
    },
  };
}
