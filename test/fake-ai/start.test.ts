// The fake AI's configuration from the AI server's environment variables and profile file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileError } from '../../fake-ai/profiles/profile.ts';
import { ProfileRegistry } from '../../fake-ai/profiles/registry.ts';
import { ConfigError, configFromEnv } from '../../fake-ai/requests/config.ts';
import { optionsFromConfig } from '../../fake-ai/start.ts';

const QUEUES = {
  AWS_SQS_REQUEST_QUEUE_URL: 'http://127.0.0.1:4566/000000000000/requests',
  AWS_SQS_RESULT_QUEUE_URL: 'http://127.0.0.1:4566/000000000000/results',
};
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fake-ai-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('configuration from the AI server environment', () => {
  it('reads the AI server variable names', () => {
    const config = configFromEnv({
      ...QUEUES,
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      S3_PAYLOAD_BUCKET: 'payloads',
      AWS_REGION: 'ap-northeast-2',
      FAKE_AI_CONCURRENCY: '3',
      FAKE_AI_CONTROL_PORT: '0',
    });
    expect(config).toMatchObject({
      requestQueueUrl: QUEUES.AWS_SQS_REQUEST_QUEUE_URL,
      resultQueueUrl: QUEUES.AWS_SQS_RESULT_QUEUE_URL,
      endpoint: 'http://127.0.0.1:4566',
      bucket: 'payloads',
      region: 'ap-northeast-2',
      concurrency: 3,
      controlPort: 0,
    });
    expect(configFromEnv(QUEUES)).toMatchObject({
      endpoint: undefined,
      region: 'us-east-1',
      concurrency: 1,
    });
  });

  it.each([
    [{}, /missing AWS_SQS_REQUEST_QUEUE_URL and AWS_SQS_RESULT_QUEUE_URL/],
    [{ AWS_SQS_REQUEST_QUEUE_URL: 'x' }, /missing AWS_SQS_RESULT_QUEUE_URL/],
    [
      { ...QUEUES, FAKE_AI_CONCURRENCY: '0' },
      /FAKE_AI_CONCURRENCY must be an integer from 1 to 64, got "0"/,
    ],
    [{ ...QUEUES, FAKE_AI_CONTROL_PORT: 'http' }, /FAKE_AI_CONTROL_PORT must be an integer/],
    [{ ...QUEUES, FAKE_AI_SEED: '1.5' }, /FAKE_AI_SEED must be an integer/],
  ])('rejects %j clearly', (env, message) => {
    expect(() => configFromEnv(env)).toThrow(ConfigError);
    expect(() => configFromEnv(env)).toThrow(message);
  });

  it('applies a config file, then FAKE_AI_PROFILE and FAKE_AI_SEED over it', async () => {
    const file = join(dir, 'profiles.json');
    await writeFile(
      file,
      JSON.stringify({
        seed: 1,
        profiles: { gpu: { outcome: 'FAILED' } },
        rules: [{ userId: 'u', profile: 'gpu' }],
      }),
    );
    const options = optionsFromConfig(
      configFromEnv({
        ...QUEUES,
        FAKE_AI_CONFIG: file,
        FAKE_AI_PROFILE: 'slow',
        FAKE_AI_SEED: '5',
      }),
    );
    const store = new ProfileRegistry();
    store.configure(options.profiles);
    expect(store.settings()).toMatchObject({ seed: 5, defaultProfile: 'slow' });
    expect(store.select({ userId: 'u' }).profile.name).toBe('gpu');
    const inline = optionsFromConfig(
      configFromEnv({ ...QUEUES, FAKE_AI_PROFILE: '{"latency": 50}' }),
    );
    store.configure(inline.profiles);
    expect(store.select({}).profile.latency).toEqual({ kind: 'fixed', ms: 50 });
  });

  it('names the file or variable that is wrong', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"seed": ');
    expect(() => optionsFromConfig(configFromEnv({ ...QUEUES, FAKE_AI_CONFIG: bad }))).toThrow(
      /FAKE_AI_CONFIG .*bad\.json is not valid JSON/,
    );
    expect(() =>
      optionsFromConfig(configFromEnv({ ...QUEUES, FAKE_AI_CONFIG: join(dir, 'none.json') })),
    ).toThrow(/cannot read FAKE_AI_CONFIG/);
    expect(() => optionsFromConfig(configFromEnv({ ...QUEUES, FAKE_AI_PROFILE: '{oops' }))).toThrow(
      ProfileError,
    );
  });
});
