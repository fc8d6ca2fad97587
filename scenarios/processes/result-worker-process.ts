// A result worker in its own OS process, so a scenario can kill it with SIGKILL mid-message. It
// runs the reference ResultWorker against the shared SQLite file and the emulator, reports each
// receive to its parent over IPC, and holds every message at the point of applying it (reported as
// `applying`), so the parent's kill always lands between receive and delete.

import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { composeWorker } from '../../src/app/compose.ts';
import { silentLog } from '../../src/core/ports/log.ts';
import { S3PayloadStore } from '../../src/infra/aws/s3-payloads.ts';
import { delegateStore } from '../../src/infra/recording/delegate-store.ts';
import { openStore } from '../../src/infra/store/open-store.ts';
import { systemClock } from '../../src/kernel/clock.ts';
import { ulidSource } from '../../src/kernel/ids.ts';

export interface WorkerProcessConfig {
  endpoint: string;
  queueUrl: string;
  bucket: string;
  databaseUrl: string;
  visibilityTimeoutSeconds: number;
  waitTimeSeconds: number;
  batchSize: number;
}

export type WorkerProcessEvent =
  | { type: 'ready'; pid: number }
  | { type: 'received'; messageId: string; receiveCount: number; body: string }
  | { type: 'applying'; taskId: string };

function send(event: WorkerProcessEvent): void {
  process.send?.(event);
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as WorkerProcessConfig;
  const common = {
    region: 'us-east-1',
    endpoint: config.endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const sqs = new SQSClient(common);
  const s3 = new S3Client({ ...common, forcePathStyle: true });
  sqs.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'ReceiveMessageCommand') {
        const output = result.output as {
          Messages?: { MessageId?: string; Body?: string; Attributes?: Record<string, string> }[];
        };
        for (const m of output.Messages ?? []) {
          send({
            type: 'received',
            messageId: m.MessageId ?? '',
            receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 0),
            body: m.Body ?? '',
          });
        }
      }
      return result;
    },
    { step: 'initialize', name: 'reportReceives' },
  );
  const inner = await openStore(config.databaseUrl);
  // Holds every message at the moment of applying: the process is killed while it waits here.
  // A pending promise alone does not keep Node running: when every poller is waiting on a held
  // message nothing else would, so a timer holds the process until the parent's SIGKILL.
  let holding = false;
  const store = delegateStore(inner, {
    applyEffect: (input) => {
      if (!holding) {
        holding = true;
        setInterval(() => {}, 60_000);
      }
      send({ type: 'applying', taskId: input.taskId });
      return new Promise(() => {});
    },
  });
  const clock = systemClock;
  const { worker } = composeWorker({
    sqs,
    queueUrl: config.queueUrl,
    store,
    payloads: new S3PayloadStore({ s3, bucket: config.bucket }),
    clock,
    ids: ulidSource(clock),
    log: silentLog,
    notifier: { publish: async () => {} },
    visibilityTimeoutSeconds: config.visibilityTimeoutSeconds,
    heartbeatSeconds: 0,
    waitTimeSeconds: config.waitTimeSeconds,
    batchSize: config.batchSize,
  });
  worker.start();
  send({ type: 'ready', pid: process.pid });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
