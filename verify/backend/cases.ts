// The cases a back end's result worker is put through, the harness playing the AI server: for
// each task it sends what the real AI sends (progress per stage, one result with its objects in
// S3), and each case adds one fault: duplicates, a late FAILED after COMPLETED, progress after
// completion, out-of-order progress, poison bodies. Messages are shaped as the real AI shapes
// them (nine-key results, microsecond timestamps) and built with the contracts' builders.

import { readFileSync } from 'node:fs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import {
  buildGraphGenerationProgress,
  buildGraphGenerationResult,
  buildTaskId,
} from '../../src/contracts/index.ts';
import { systemClock } from '../../src/kernel/clock.ts';
import { ulidSource } from '../../src/kernel/ids.ts';
import type { Target } from '../target.ts';

const GRAPH = readFileSync(
  new URL('../../contracts/examples/objects/graph-output/valid/two-clusters.json', import.meta.url),
  'utf8',
);

export interface SentMessage {
  messageId: string;
  taskId: string | undefined;
  body: string;
  /** Poison: the worker must refuse it, and the queue park it after maxReceiveCount receives. */
  poison: boolean;
}

export interface BackendCase {
  name: string;
  title: string;
  /** The messages for one task, in the order sent; `terminal` is the status it must end in. */
  script(taskId: string, userId: string, key: string): { bodies: string[]; terminal?: string };
  poison?: boolean;
}

const ulid = ulidSource(systemClock);
let tasksMade = 0;

export function newTask(): { taskId: string; userId: string } {
  // A user per task: the time and a counter, so two tasks made in one millisecond differ too.
  const unique = (Date.now() * 1000 + (tasksMade++ % 1000))
    .toString(16)
    .slice(-12)
    .padStart(12, '0');
  const userId = `5b7e1c2d-8a4f-4b3c-9d2e-${unique}`;
  return { taskId: buildTaskId(userId, ulid()), userId };
}

function progress(taskId: string, userId: string, stage: number, percent: number): string {
  return JSON.stringify(
    buildGraphGenerationProgress(taskId, {
      userId,
      currentStage: `[${stage}단계] 작업 중`,
      progressPercent: percent,
      etaSeconds: null,
    }),
  );
}

function result(
  taskId: string,
  userId: string,
  key: string,
  status: 'COMPLETED' | 'FAILED',
): string {
  // The real AI's nine-key payload, nulls where unset.
  return JSON.stringify(
    buildGraphGenerationResult(taskId, {
      userId,
      status,
      resultS3Key: status === 'COMPLETED' ? key : null,
      featuresS3Key: null,
      error: status === 'FAILED' ? 'graph generation failed (sent by the verify harness)' : null,
      errorCode: status === 'FAILED' ? 'VERIFY_INJECTED' : null,
      chatId: null,
      summaryS3Key: null,
      summaryIncluded: false,
    }),
  );
}

export const BACKEND_CASES: BackendCase[] = [
  {
    name: 'completes',
    title: 'progress in order, then one COMPLETED result',
    script: (t, u, k) => ({
      bodies: [
        progress(t, u, 1, 0),
        progress(t, u, 1, 50),
        progress(t, u, 2, 0),
        result(t, u, k, 'COMPLETED'),
      ],
      terminal: 'COMPLETED',
    }),
  },
  {
    name: 'fails',
    title: 'one FAILED result',
    script: (t, u, k) => ({
      bodies: [progress(t, u, 1, 10), result(t, u, k, 'FAILED')],
      terminal: 'FAILED',
    }),
  },
  {
    name: 'duplicate-results',
    title: 'the COMPLETED result sent three times',
    script: (t, u, k) => {
      const body = result(t, u, k, 'COMPLETED');
      return { bodies: [body, body, body], terminal: 'COMPLETED' };
    },
  },
  {
    name: 'late-failed',
    title: 'a FAILED result after the COMPLETED one',
    script: (t, u, k) => ({
      bodies: [result(t, u, k, 'COMPLETED'), result(t, u, k, 'FAILED')],
      terminal: 'COMPLETED',
    }),
  },
  {
    name: 'progress-after-completion',
    title: 'progress sent after the COMPLETED result',
    script: (t, u, k) => ({
      bodies: [result(t, u, k, 'COMPLETED'), progress(t, u, 3, 100)],
      terminal: 'COMPLETED',
    }),
  },
  {
    name: 'out-of-order-progress',
    title: 'stage 2 progress, then stage 1 at 90 %, then COMPLETED',
    script: (t, u, k) => ({
      bodies: [progress(t, u, 2, 50), progress(t, u, 1, 90), result(t, u, k, 'COMPLETED')],
      terminal: 'COMPLETED',
    }),
  },
  {
    name: 'poison',
    title: 'a body that is not JSON and a result of an unknown type',
    poison: true,
    script: (t, u) => ({
      bodies: [
        `{"taskId": "${t}", "taskType": "GRAPH_GENERATION_RESULT", "payload": {"userId": "${u}", "status": `,
        JSON.stringify({
          taskId: t,
          taskType: 'GRAPH_TELEPORT_RESULT',
          timestamp: new Date().toISOString(),
          payload: { userId: u },
        }),
      ],
    }),
  },
];

/** Uploads the task's graph output and sends its messages in order, as the AI server would. */
export async function playTask(
  target: Target,
  kase: BackendCase,
  task: { taskId: string; userId: string },
): Promise<{ sent: SentMessage[]; terminal: string | undefined }> {
  const key = `graph-generation/${task.taskId}/graph_postprocessed.json`;
  await target.s3.send(
    new PutObjectCommand({
      Bucket: target.bucket,
      Key: key,
      Body: GRAPH,
      ContentType: 'application/json',
    }),
  );
  const { bodies, terminal } = kase.script(task.taskId, task.userId, key);
  const sent: SentMessage[] = [];
  for (const body of bodies) {
    // As the real AI server: the body only, no message attributes.
    const out = await target.sqs.send(
      new SendMessageCommand({ QueueUrl: target.result.url, MessageBody: body }),
    );
    sent.push({
      messageId: out.MessageId ?? '',
      taskId: task.taskId,
      body,
      poison: kase.poison === true,
    });
  }
  return { sent, terminal };
}
