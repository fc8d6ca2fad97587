// The pipeline's floor on this machine: only the AWS calls one task needs, with no API, database,
// graph building or validation — the five S3 calls of the claim checks (input up and down; graph
// and features up; graph down) and the task's five messages (request, three progress, result)
// sent, received and deleted in full batches of ten, the cheapest SQS allows. Same SDK clients
// and in-process emulator as the stack, same bundles as the workload. The CPU this takes per task
// bounds the pipeline's throughput from above: no implementation of the flow on these parts can
// do its AWS calls for less.
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { buildGraph } from '../../fake-ai/graph/build-graph.ts';
import { parseBundleText } from '../../fake-ai/graph/conversations.ts';
import { buildFeatures } from '../../fake-ai/graph/summary.ts';
import { buildGraphGenerationProgress, encodeForSqs } from '../../src/contracts/index.ts';
import { startEmulator } from '../../src/emulator/index.ts';
import { ensureBucket } from '../../src/infra/aws/bucket.ts';
import { createAwsClients } from '../../src/infra/aws/clients.ts';
import { S3PayloadStore } from '../../src/infra/aws/s3-payloads.ts';
import { buildWorkload } from './workload.ts';

const MESSAGES_PER_TASK = 5;
const BATCH = 10;

export interface Floor {
  cpuMsPerTask: number;
  awsCallsPerTask: number;
}

export async function measureFloor(tasks: number, lanes: number): Promise<Floor> {
  const emulator = await startEmulator({ port: 0 });
  const clients = createAwsClients({ endpoint: emulator.url, region: 'us-east-1' });
  try {
    const bucket = 'pipeline-floor';
    await ensureBucket(clients.s3, bucket, 'us-east-1');
    const payloads = new S3PayloadStore({ s3: clients.s3, bucket });
    const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: 'floor' }));
    const workload = buildWorkload(Math.min(tasks, 30));
    // Representative objects: each bundle's real graph and features, built once, not timed.
    const objects = workload.map((t) => {
      const graph = buildGraph(parseBundleText(t.body), { seed: 42, now: Date.now() });
      return { bundle: JSON.parse(t.body) as unknown, graph, features: buildFeatures(graph, 0) };
    });
    // A progress message as the fake AI sends it (the five messages of a task are about this size).
    const message = encodeForSqs(
      buildGraphGenerationProgress(
        'task_floor_01ARZ3NDEKTSV4RRFFQ69G5FAV',
        { userId: 'floor', currentStage: 'building_graph', progressPercent: 40, etaSeconds: 1 },
        () => Date.now(),
      ),
    );

    const claimChecks = async (i: number) => {
      const o = objects[i % objects.length];
      if (!o) return;
      await payloads.putJson(`in/${i}`, o.bundle);
      await payloads.getText(`in/${i}`);
      await payloads.putJson(`graph/${i}`, o.graph);
      await payloads.putJson(`features/${i}`, o.features);
      await payloads.getText(`graph/${i}`);
    };
    const tenMessages = async () => {
      await clients.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl,
          Entries: Array.from({ length: BATCH }, (_, k) => ({
            Id: String(k),
            MessageBody: message.body,
            MessageAttributes: message.attributes,
          })),
        }),
      );
      for (let got = 0; got < BATCH; ) {
        const out = await clients.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl,
            MaxNumberOfMessages: BATCH - got,
            MessageAttributeNames: ['All'],
            // Another lane may have taken these ten; wait for the next rather than spin.
            WaitTimeSeconds: 1,
          }),
        );
        const received = out.Messages ?? [];
        got += received.length;
        if (received.length === 0) continue;
        await clients.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl,
            Entries: received.map((m, k) => ({ Id: String(k), ReceiptHandle: m.ReceiptHandle })),
          }),
        );
      }
    };
    const run = async (count: number) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: lanes }, async () => {
          while (next < count) {
            const i = next++;
            await claimChecks(i);
            // Every second task carries a batch of ten: five messages each.
            if (i % (BATCH / MESSAGES_PER_TASK) === 1) await tenMessages();
          }
        }),
      );
    };
    await run(Math.min(400, tasks)); // warm-up
    const cpu = process.cpuUsage();
    await run(tasks);
    const used = process.cpuUsage(cpu);
    return {
      cpuMsPerTask: (used.user + used.system) / 1000 / tasks,
      awsCallsPerTask: 5 + (3 * MESSAGES_PER_TASK) / BATCH,
    };
  } finally {
    clients.destroy();
    await emulator.stop();
  }
}
