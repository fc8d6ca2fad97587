// Benchmark: one graph generation request through the fake AI with the default profile, against
// the emulator over real HTTP — from SendMessage of the request to the result arriving on the
// result queue (input read from S3, graph built, objects written, progress and result sent).
// Standalone: `node bench/fake-ai-roundtrip.ts`; as a part of `npm run bench`, export `run`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { pino } from 'pino';
import { startFakeAi } from '../fake-ai/start.ts';
import { buildGraphGenerationRequest, buildTaskId, encodeForSqs } from '../src/contracts/index.ts';
import { startEmulator } from '../src/emulator/index.ts';
import { fmt, type Row, renderTable } from './support/table.ts';

const ROUNDS = 30;
const SAMPLE = fileURLToPath(new URL('../test/fixtures/chat-export-sample.json', import.meta.url));

function sampleBundle(): string {
  try {
    return JSON.stringify({ conversations: JSON.parse(readFileSync(SAMPLE, 'utf8')) });
  } catch (error) {
    throw new Error(`cannot read the sample export ${SAMPLE}: ${(error as Error).message}`);
  }
}

export async function run(): Promise<Row[]> {
  const emulator = await startEmulator({ port: 0, seed: 11 });
  const common = {
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const sqs = new SQSClient(common);
  const s3 = new S3Client({ ...common, forcePathStyle: true });
  const requests = (await sqs.send(new CreateQueueCommand({ QueueName: 'bench-requests' })))
    .QueueUrl as string;
  const results = (await sqs.send(new CreateQueueCommand({ QueueName: 'bench-results' })))
    .QueueUrl as string;
  await s3.send(new CreateBucketCommand({ Bucket: 'bench' }));
  await s3.send(new PutObjectCommand({ Bucket: 'bench', Key: 'in.json', Body: sampleBundle() }));
  const fakeAi = await startFakeAi({
    requestQueueUrl: requests,
    resultQueueUrl: results,
    bucket: 'bench',
    endpoint: emulator.url,
    logger: pino({ level: 'silent' }),
    profiles: { default: { progress: { enabled: false } } },
  });
  const times: number[] = [];
  try {
    for (let round = 0; round <= ROUNDS; round++) {
      const taskId = buildTaskId('bench', `01JF${String(round).padStart(22, '0')}`);
      const request = encodeForSqs(
        buildGraphGenerationRequest(taskId, { userId: 'bench', s3Key: 'in.json' }),
      );
      const started = performance.now();
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: requests,
          MessageBody: request.body,
          MessageAttributes: request.attributes,
        }),
      );
      for (;;) {
        const out = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: results, WaitTimeSeconds: 20 }),
        );
        const message = out.Messages?.[0];
        if (!message) continue;
        await sqs.send(
          new DeleteMessageCommand({ QueueUrl: results, ReceiptHandle: message.ReceiptHandle }),
        );
        if (message.Body?.includes(taskId)) break;
      }
      // Round 0 warms up the JIT and connections.
      if (round > 0) times.push(performance.now() - started);
    }
  } finally {
    await fakeAi.stop();
    sqs.destroy();
    s3.destroy();
    await emulator.stop();
  }
  times.sort((a, b) => a - b);
  const part = 'fake-ai round trip';
  return [
    {
      part,
      metric: 'sample bundle (20 conversations), median ms',
      value: fmt(times[Math.floor(times.length / 2)] ?? 0, 1),
      reference: '"well under a second"',
      note: 'request sent → result received, default profile',
    },
    {
      part,
      metric: 'sample bundle, p95 ms',
      value: fmt(times[Math.floor(times.length * 0.95)] ?? 0, 1),
    },
  ];
}

if (import.meta.main) console.log(renderTable(await run()));
