// `fake-ai serve` as its own process, configured only by the AI server's environment variables,
// against a running emulator: the same binary runs unchanged against LocalStack or AWS.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { contractBodies, SAMPLE_BUNDLE } from './support/bodies.ts';

let emulator: RunningEmulator;
let sqs: SQSClient;
let s3: S3Client;
let child: ChildProcess | undefined;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 3 });
  const common = {
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  sqs = new SQSClient(common);
  s3 = new S3Client({ ...common, forcePathStyle: true });
});
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  sqs.destroy();
  s3.destroy();
  await emulator.stop();
});

function run(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['fake-ai/cli.ts', 'serve'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves with the first capture of `pattern` in the stream (which keeps flowing after). */
function firstMatch(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: unknown) => {
      text += String(chunk);
      const match = pattern.exec(text);
      if (match) {
        stream.off('data', onData);
        // Keep draining so the child never blocks on a full pipe.
        stream.resume();
        resolve(match[1] ?? match[0]);
      }
    };
    stream.on('data', onData);
    stream.once('end', () => reject(new Error(`stream ended without ${pattern}: ${text}`)));
  });
}

describe('fake-ai serve', () => {
  it('fails fast with a clear message when the queue URLs are missing', async () => {
    const proc = run({});
    let err = '';
    proc.stderr?.on('data', (chunk) => {
      err += String(chunk);
    });
    const [code] = await once(proc, 'exit');
    expect(code).toBe(2);
    expect(err).toMatch(/missing AWS_SQS_REQUEST_QUEUE_URL and AWS_SQS_RESULT_QUEUE_URL/);
  });

  it('keeps running while every receive fails, retrying (nothing else holds it open then)', async () => {
    // An endpoint that throttles every call: the loop journals the error and waits to retry.
    let receives = 0;
    let third: () => void = () => {};
    const thirdReceive = new Promise<void>((resolve) => {
      third = resolve;
    });
    const throttling = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (String(req.headers['x-amz-target']).endsWith('ReceiveMessage') && ++receives === 3) {
          third();
        }
        res.writeHead(400, {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-query-error': 'RequestThrottled;Sender',
        });
        res.end(
          JSON.stringify({ __type: 'com.amazonaws.sqs#RequestThrottled', message: 'slow down' }),
        );
      });
    });
    throttling.listen(0, '127.0.0.1');
    await once(throttling, 'listening');
    const url = `http://127.0.0.1:${(throttling.address() as AddressInfo).port}`;
    const proc = run({
      AWS_SQS_REQUEST_QUEUE_URL: `${url}/000000000000/requests`,
      AWS_SQS_RESULT_QUEUE_URL: `${url}/000000000000/results`,
      AWS_ENDPOINT_URL: url,
      S3_PAYLOAD_BUCKET: 'unused',
      // One call per receive, so three calls are three receives with two retry pauses between.
      AWS_MAX_ATTEMPTS: '1',
    });
    proc.stdout?.resume();
    proc.stderr?.resume();
    try {
      const exited = once(proc, 'exit').then(([code]) => {
        throw new Error(`fake-ai serve exited (code ${code}) while retrying receives`);
      });
      // Three receives means it outlived at least two retry pauses.
      await Promise.race([thirdReceive, exited]);
      expect(proc.exitCode).toBeNull();
      proc.kill('SIGTERM');
      const [code] = await once(proc, 'exit');
      expect(code).toBe(0);
    } finally {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      throttling.close();
    }
  });

  it('runs from the environment: handles a request, serves its journal, stops on SIGTERM', async () => {
    const requests = await sqs.send(new CreateQueueCommand({ QueueName: 'cli-requests' }));
    const results = await sqs.send(new CreateQueueCommand({ QueueName: 'cli-results' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'cli-bucket' }));
    await s3.send(
      new PutObjectCommand({ Bucket: 'cli-bucket', Key: 'in.json', Body: SAMPLE_BUNDLE }),
    );
    child = run({
      AWS_SQS_REQUEST_QUEUE_URL: requests.QueueUrl as string,
      AWS_SQS_RESULT_QUEUE_URL: results.QueueUrl as string,
      AWS_ENDPOINT_URL: emulator.url,
      S3_PAYLOAD_BUCKET: 'cli-bucket',
      FAKE_AI_CONTROL_PORT: '0',
      FAKE_AI_PROFILE: '{"progress": {"enabled": false}}',
    });
    const control = await firstMatch(
      child.stdout as NodeJS.ReadableStream,
      /fake AI control API: (http:\/\/127\.0\.0\.1:\d+)/,
    );
    const { buildGraphGenerationRequest, encodeForSqs } = await import(
      '../../src/contracts/index.ts'
    );
    const request = buildGraphGenerationRequest('task_cli_01JF0000000000000000000000', {
      userId: 'cli',
      s3Key: 'in.json',
    });
    const { SendMessageCommand } = await import('@aws-sdk/client-sqs');
    const encoded = encodeForSqs(request);
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: requests.QueueUrl,
        MessageBody: encoded.body,
        MessageAttributes: encoded.attributes,
      }),
    );
    // Long-poll for the answer: waits for the event, not for a fixed time.
    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: results.QueueUrl, WaitTimeSeconds: 20 }),
    );
    const [result] = contractBodies(received.Messages ?? []);
    expect(result).toMatchObject({
      taskId: request.taskId,
      taskType: 'GRAPH_GENERATION_RESULT',
      payload: { status: 'COMPLETED' },
    });
    const journal = (await (
      await fetch(`${control}/journal?taskId=${request.taskId}&kind=result-sent`)
    ).json()) as { entries: unknown[] };
    expect(journal.entries).toHaveLength(1);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
