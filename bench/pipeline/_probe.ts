import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startEmulator } from '../../src/emulator/index.ts';

const emu = await startEmulator({ port: 0 });
const base = {
  region: 'us-east-1',
  endpoint: emu.url,
  credentials: { accessKeyId: 't', secretAccessKey: 't' },
};
const body = 'x'.repeat(20000);
async function rate(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await fn();
  let n = 0;
  const end = performance.now() + 2000;
  const c0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < end) {
        await fn();
        n++;
      }
    }),
  );
  const c = process.cpuUsage(c0);
  console.log(
    label,
    'per s',
    Math.round(n / 2),
    'cpu µs/call',
    Math.round((c.user + c.system) / n),
  );
}
const sqsA = new SQSClient(base);
const sqsB = new SQSClient({ ...base, md5: false });
const q = (await sqsA.send(new CreateQueueCommand({ QueueName: 'p' }))).QueueUrl!;
const s3A = new S3Client({ ...base, forcePathStyle: true });
const s3B = new S3Client({
  ...base,
  forcePathStyle: true,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
await s3A.send(new CreateBucketCommand({ Bucket: 'bbb' }));
await rate('sqs send md5 off', () =>
  sqsB.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'x'.repeat(400) })),
);
await rate('sqs send default', () =>
  sqsA.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'x'.repeat(400) })),
);
await rate('sqs send md5 off', () =>
  sqsB.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'x'.repeat(400) })),
);
await rate('sqs send default', () =>
  sqsA.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'x'.repeat(400) })),
);
let k = 0;
await rate('s3 put default', () =>
  s3A.send(new PutObjectCommand({ Bucket: 'bbb', Key: `k${k++ % 100}`, Body: body })),
);
await rate('s3 put when_required', () =>
  s3B.send(new PutObjectCommand({ Bucket: 'bbb', Key: `k${k++ % 100}`, Body: body })),
);
await rate('s3 get default', async () =>
  (
    await s3A.send(new GetObjectCommand({ Bucket: 'bbb', Key: `k${k++ % 100}` }))
  ).Body!.transformToString(),
);
await rate('s3 get when_required', async () =>
  (
    await s3B.send(new GetObjectCommand({ Bucket: 'bbb', Key: `k${k++ % 100}` }))
  ).Body!.transformToString(),
);
await emu.stop();
