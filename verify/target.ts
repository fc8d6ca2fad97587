// Where the party under test runs: our emulator started here (faults and clock available), our
// emulator already running at `--endpoint` (faults available, process not ours), another emulator
// or AWS (neither). Creates the queues, with dead-letter queues, and the bucket, and says which
// environment the party under test gets: the variables both real code bases read.
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { MAX_RECEIVE_COUNT } from '../src/contracts/index.ts';
import { EmulatorControlClient } from '../src/emulator/control/client.ts';
import { type RunningEmulator, startEmulator } from '../src/emulator/index.ts';

export interface QueueRef {
  name: string;
  url: string;
}

export interface Target {
  /** The endpoint the party under test is told (undefined: real AWS). */
  endpoint: string | undefined;
  region: string;
  /** Our emulator's control plane (faults, clock, journal); undefined on another target. */
  control: EmulatorControlClient | undefined;
  /** True when this run started the emulator (and so may restart what talks to it). */
  ownEmulator: boolean;
  sqs: SQSClient;
  s3: S3Client;
  request: QueueRef;
  result: QueueRef;
  requestDlq: QueueRef;
  resultDlq: QueueRef;
  bucket: string;
  visibilitySeconds: number;
  /** The environment for the party under test. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface TargetOptions {
  /** `undefined`: start our emulator here; a URL; or `aws`. */
  endpoint: string | undefined;
  region: string;
  requestQueue: string;
  resultQueue: string;
  bucket: string;
  visibilitySeconds: number;
  /** Extra or overriding variables for the party under test (`--env NAME=VALUE`). */
  env: Record<string, string>;
}

/** The real back end's queue and bucket names (its LocalStack init script). */
export const DEFAULT_NAMES = {
  requestQueue: 'taco-graphnode-request-graph-sqs',
  resultQueue: 'taco-graphnode-response-graph-sqs',
  bucket: 'taco-graphnode-payloads',
} as const;

const DUMMY_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export async function openTarget(options: TargetOptions): Promise<Target> {
  let emulator: RunningEmulator | undefined;
  let endpoint: string | undefined;
  if (options.endpoint === undefined) {
    emulator = await startEmulator({ region: options.region });
    endpoint = emulator.url;
  } else if (options.endpoint !== 'aws') {
    endpoint = options.endpoint.replace(/\/+$/, '');
  }
  const credentials = endpoint === undefined ? undefined : DUMMY_CREDENTIALS;
  const common = {
    region: options.region,
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    // The harness's own calls ride out the faults it injects on the server's calls.
    maxAttempts: 8,
  };
  const sqs = new SQSClient(common);
  const s3 = new S3Client({ ...common, forcePathStyle: true });
  let control: EmulatorControlClient | undefined;
  if (endpoint !== undefined) {
    const candidate = new EmulatorControlClient(endpoint);
    if (await candidate.healthy()) control = candidate;
  }
  const close = async () => {
    sqs.destroy();
    s3.destroy();
    await emulator?.stop();
  };
  try {
    const queue = async (name: string, attributes: Record<string, string>): Promise<QueueRef> => {
      const out = await sqs.send(
        new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
      );
      if (!out.QueueUrl) throw new Error(`CreateQueue ${name} answered no URL`);
      return { name, url: out.QueueUrl };
    };
    const arnOf = async (ref: QueueRef) => {
      const out = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: ref.url, AttributeNames: ['QueueArn'] }),
      );
      return out.Attributes?.QueueArn ?? '';
    };
    const visibility = String(options.visibilitySeconds);
    const withDlq = async (name: string) => {
      const dlq = await queue(`${name}-dlq`, {});
      const redrive = JSON.stringify({
        deadLetterTargetArn: await arnOf(dlq),
        maxReceiveCount: MAX_RECEIVE_COUNT,
      });
      const main = await queue(name, { VisibilityTimeout: visibility });
      // SetQueueAttributes also applies to a queue that already existed with other settings.
      await sqs.send(
        new SetQueueAttributesCommand({
          QueueUrl: main.url,
          Attributes: { VisibilityTimeout: visibility, RedrivePolicy: redrive },
        }),
      );
      return [main, dlq] as const;
    };
    const [request, requestDlq] = await withDlq(options.requestQueue);
    const [result, resultDlq] = await withDlq(options.resultQueue);
    try {
      await s3.send(new CreateBucketCommand({ Bucket: options.bucket }));
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
    }
    const env: Record<string, string> = {
      AWS_REGION: options.region,
      AWS_DEFAULT_REGION: options.region,
      SQS_REQUEST_QUEUE_URL: request.url,
      SQS_RESULT_QUEUE_URL: result.url,
      AWS_SQS_REQUEST_QUEUE_URL: request.url,
      AWS_SQS_RESULT_QUEUE_URL: result.url,
      S3_PAYLOAD_BUCKET: options.bucket,
      ...(endpoint !== undefined
        ? {
            AWS_ENDPOINT_URL: endpoint,
            AWS_ACCESS_KEY_ID: DUMMY_CREDENTIALS.accessKeyId,
            AWS_SECRET_ACCESS_KEY: DUMMY_CREDENTIALS.secretAccessKey,
          }
        : {}),
      ...options.env,
    };
    return {
      endpoint,
      region: options.region,
      control,
      ownEmulator: emulator !== undefined,
      sqs,
      s3,
      request,
      result,
      requestDlq,
      resultDlq,
      bucket: options.bucket,
      visibilitySeconds: options.visibilitySeconds,
      env,
      close,
    };
  } catch (error) {
    await close();
    throw new Error(
      `cannot prepare queues and bucket at ${endpoint ?? 'AWS'}: ${(error as Error).message}`,
    );
  }
}
