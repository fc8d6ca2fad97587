// Real AWS SDK v3 clients for the fake AI. With an endpoint (emulator, LocalStack) S3 uses
// path-style URLs and, when no credentials are configured, the dummy keys those servers accept.
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

export interface AwsClients {
  sqs: SQSClient;
  s3: S3Client;
}

export function createAwsClients(options: {
  endpoint?: string | undefined;
  region?: string | undefined;
}): AwsClients {
  const region = options.region ?? 'us-east-1';
  const local = options.endpoint !== undefined;
  const credentials =
    local && !process.env.AWS_ACCESS_KEY_ID
      ? { accessKeyId: 'test', secretAccessKey: 'test' }
      : undefined;
  const common = {
    region,
    ...(local ? { endpoint: options.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
  };
  return {
    sqs: new SQSClient(common),
    s3: new S3Client({ ...common, forcePathStyle: local }),
  };
}
