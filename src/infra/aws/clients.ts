// AWS SDK v3 clients for SQS and S3. With an endpoint (the emulator, LocalStack) they use
// path-style S3 URLs and placeholder credentials unless real ones are configured; without one the
// same code talks to real AWS through the SDK's default credential chain.

import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

export interface AwsClientOptions {
  /** AWS_ENDPOINT_URL; undefined means real AWS. */
  endpoint: string | undefined;
  region: string;
  /** Explicit credentials; by default the SDK's chain, or `test`/`test` against an endpoint. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** SDK attempts per call (default 3). Callers with their own retry loop may pass 1. */
  maxAttempts?: number;
}

export interface AwsClients {
  sqs: SQSClient;
  s3: S3Client;
  destroy(): void;
}

export function createAwsClients(options: AwsClientOptions): AwsClients {
  const local = options.endpoint !== undefined;
  const hasEnvCredentials = Boolean(
    process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY,
  );
  const credentials =
    options.credentials ??
    (local && !hasEnvCredentials ? { accessKeyId: 'test', secretAccessKey: 'test' } : undefined);
  const common = {
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  };
  const sqs = new SQSClient(common);
  const s3 = new S3Client({ ...common, forcePathStyle: local });
  return {
    sqs,
    s3,
    destroy() {
      sqs.destroy();
      s3.destroy();
    },
  };
}
