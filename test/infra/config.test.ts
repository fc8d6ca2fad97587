import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadEmulatorPort, parseTokens } from '../../src/infra/config.ts';

describe('config', () => {
  it('has embedded defaults and no endpoint (real AWS) when nothing is set', () => {
    const config = loadConfig({});
    expect(config.aws).toEqual({ endpoint: undefined, region: 'us-east-1' });
    expect(config.databaseUrl).toBe('sqlite:data/graphnode.db');
    expect(config.queues).toEqual({ requestUrl: undefined, resultUrl: undefined });
    expect(config.worker).toEqual({
      healthPort: 3001,
      heartbeatSeconds: 60,
      visibilityTimeoutSeconds: 300,
    });
  });

  it('reads the service variables', () => {
    const config = loadConfig({
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AWS_REGION: 'eu-west-1',
      SQS_REQUEST_QUEUE_URL: 'http://127.0.0.1:4566/000000000000/req',
      SQS_RESULT_QUEUE_URL: 'http://127.0.0.1:4566/000000000000/res',
      S3_PAYLOAD_BUCKET: 'b',
      DATABASE_URL: 'mysql://u:p@h/db',
      REDIS_URL: 'redis://127.0.0.1:6379',
      API_TOKENS: 'abcdefghijklmnop:alice, qrstuvwxyz012345:bob',
    });
    expect(config.aws.endpoint).toBe('http://127.0.0.1:4566');
    expect(config.queues.resultUrl).toBe('http://127.0.0.1:4566/000000000000/res');
    expect(config.bucket).toBe('b');
    expect([...config.api.tokens]).toEqual([
      ['abcdefghijklmnop', 'alice'],
      ['qrstuvwxyz012345', 'bob'],
    ]);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ AWS_ENDPOINT_URL: 'not a url' })).toThrow(
      /AWS_ENDPOINT_URL is not a URL/,
    );
    expect(() => loadConfig({ API_PORT: '70000' })).toThrow(/API_PORT/);
    expect(loadEmulatorPort({})).toBe(4566);
    expect(loadEmulatorPort({ EMULATOR_PORT: '0' })).toBe(0);
    expect(() => loadEmulatorPort({ EMULATOR_PORT: 'abc' })).toThrow(
      /EMULATOR_PORT must be a port number/,
    );
    expect(() => loadConfig({ WEBHOOK_URL: 'https://x.test' })).toThrow(/WEBHOOK_SECRET/);
    expect(() =>
      loadConfig({ WORKER_VISIBILITY_TIMEOUT: '30', WORKER_HEARTBEAT_SECONDS: '30' }),
    ).toThrow(ConfigError);
    expect(() => parseTokens('short:alice')).toThrow(/16\+ characters/);
    expect(() => parseTokens('abcdefghijklmnop:bad_user')).toThrow(ConfigError);
  });

  it('refuses a DATABASE_URL no store can open, naming the variable', () => {
    for (const [value, reason] of [
      ['mongodb://', /DATABASE_URL is not a valid MongoDB connection string: .*host/],
      ['mongodb://127.0.0.1/?maxPoolSize=many', /DATABASE_URL is not a valid .*maxPoolSize/],
      ['mongodb+srv://cluster.example.net:27017/', /DATABASE_URL is not a valid .*port/],
      ['postgres://h/db', /DATABASE_URL scheme not supported: "postgres"/],
      ['sqlite:', /DATABASE_URL "sqlite:" needs a path/],
    ] as const) {
      expect(() => loadConfig({ DATABASE_URL: value }), value).toThrow(ConfigError);
      expect(() => loadConfig({ DATABASE_URL: value }), value).toThrow(reason);
    }
    expect(loadConfig({ DATABASE_URL: 'mongodb://db.internal:27017/graphnode' }).databaseUrl).toBe(
      'mongodb://db.internal:27017/graphnode',
    );
  });
});
