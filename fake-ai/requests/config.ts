// The fake AI's settings, read from the same environment variables as the real AI server, so the
// same process runs against the emulator, LocalStack or AWS unchanged.

export interface FakeAiConfig {
  requestQueueUrl: string;
  resultQueueUrl: string;
  /** Bucket used when a request names none (the payload's `bucket` wins). */
  bucket: string | undefined;
  /** Unset: real AWS endpoints. */
  endpoint: string | undefined;
  region: string;
  /** Requests handled at the same time (one receive loop each). */
  concurrency: number;
  /** Port of the control API on 127.0.0.1; undefined: no control API. */
  controlPort: number | undefined;
  /** Path of a JSON profile config file. */
  configFile: string | undefined;
  /** A profile name or an inline JSON profile used as the default. */
  profile: string | undefined;
  seed: number | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): FakeAiConfig {
  const missing = ['AWS_SQS_REQUEST_QUEUE_URL', 'AWS_SQS_RESULT_QUEUE_URL'].filter((n) => !env[n]);
  if (missing.length > 0) {
    throw new ConfigError(
      `missing ${missing.join(' and ')}: set the queue URLs the AI server reads from and writes to`,
    );
  }
  return {
    requestQueueUrl: env.AWS_SQS_REQUEST_QUEUE_URL as string,
    resultQueueUrl: env.AWS_SQS_RESULT_QUEUE_URL as string,
    bucket: env.S3_PAYLOAD_BUCKET || undefined,
    endpoint: env.AWS_ENDPOINT_URL || undefined,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    concurrency: integer(env, 'FAKE_AI_CONCURRENCY', 1, 64) ?? 1,
    controlPort: integer(env, 'FAKE_AI_CONTROL_PORT', 0, 65_535),
    configFile: env.FAKE_AI_CONFIG || undefined,
    profile: env.FAKE_AI_PROFILE || undefined,
    seed: integer(env, 'FAKE_AI_SEED', -2_147_483_648, 4_294_967_295),
  };
}
