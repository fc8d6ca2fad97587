// Configuration from the environment, read in one place and checked up front so a typo fails at
// start with the variable's name, not later inside a request. Names match the real services.

import { type OriginPolicy, policyFromLists } from '../kernel/origin-guard.ts';
import { DEFAULT_DATABASE_URL } from './store/open-store.ts';

export interface Config {
  aws: { endpoint: string | undefined; region: string };
  /** Explicit queue URLs (SQS_REQUEST_QUEUE_URL / SQS_RESULT_QUEUE_URL); else created by name. */
  queues: { requestUrl: string | undefined; resultUrl: string | undefined };
  bucket: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  webhook: { url: string; secret: string } | undefined;
  api: {
    host: string;
    port: number;
    tokens: ReadonlyMap<string, string>;
    /** Browser origins and Host names the API answers besides loopback (API_ALLOWED_*). */
    origins: OriginPolicy;
  };
  worker: { healthPort: number; heartbeatSeconds: number; visibilityTimeoutSeconds: number };
  /** Stalled tasks: re-dispatched after `stallSeconds` without a change, failed after `maxRedispatches`. */
  reconcile: { stallSeconds: number; maxRedispatches: number };
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function url(env: Env, name: string): string | undefined {
  const value = text(env, name);
  if (value === undefined) return undefined;
  try {
    new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a URL: "${value}"`);
  }
  return value;
}

function port(env: Env, name: string, fallback: number): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) {
    throw new ConfigError(`${name} must be a port number 0–65535, got "${value}"`);
  }
  return n;
}

function seconds(env: Env, name: string, fallback: number, max: number): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new ConfigError(`${name} must be whole seconds 1–${max}, got "${value}"`);
  }
  return n;
}

function count(env: Env, name: string, fallback: number, max: number): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new ConfigError(`${name} must be a whole number 0–${max}, got "${value}"`);
  }
  return n;
}

/** `API_TOKENS=token1:user1,token2:user2` → token → user id. */
export function parseTokens(value: string | undefined): Map<string, string> {
  const tokens = new Map<string, string>();
  if (!value) return tokens;
  for (const pair of value.split(',')) {
    const trimmed = pair.trim();
    if (trimmed === '') continue;
    const at = trimmed.lastIndexOf(':');
    const token = trimmed.slice(0, at);
    const user = trimmed.slice(at + 1);
    if (at <= 0 || !/^[A-Za-z0-9-]{1,64}$/.test(user) || token.length < 16) {
      throw new ConfigError(
        'API_TOKENS must be comma-separated token:userId pairs, tokens of 16+ characters, user ids of letters, digits and -',
      );
    }
    tokens.set(token, user);
  }
  return tokens;
}

/** EMULATOR_PORT: where `npm start` embeds the emulator when AWS_ENDPOINT_URL is not set. */
export function loadEmulatorPort(env: Env = process.env): number {
  return port(env, 'EMULATOR_PORT', 4566);
}

export function loadConfig(env: Env = process.env): Config {
  const webhookUrl = url(env, 'WEBHOOK_URL');
  const webhookSecret = text(env, 'WEBHOOK_SECRET');
  if (webhookUrl && !webhookSecret)
    throw new ConfigError('WEBHOOK_URL is set but WEBHOOK_SECRET is not');
  const visibility = seconds(env, 'WORKER_VISIBILITY_TIMEOUT', 300, 43_200);
  const heartbeat = seconds(
    env,
    'WORKER_HEARTBEAT_SECONDS',
    Math.min(60, Math.floor(visibility / 3)) || 1,
    43_199,
  );
  if (heartbeat >= visibility) {
    throw new ConfigError('WORKER_HEARTBEAT_SECONDS must be less than WORKER_VISIBILITY_TIMEOUT');
  }
  return {
    aws: { endpoint: url(env, 'AWS_ENDPOINT_URL'), region: text(env, 'AWS_REGION') ?? 'us-east-1' },
    queues: {
      requestUrl: url(env, 'SQS_REQUEST_QUEUE_URL'),
      resultUrl: url(env, 'SQS_RESULT_QUEUE_URL'),
    },
    bucket: text(env, 'S3_PAYLOAD_BUCKET') ?? 'graphnode-payloads',
    databaseUrl: text(env, 'DATABASE_URL') ?? DEFAULT_DATABASE_URL,
    redisUrl: url(env, 'REDIS_URL'),
    webhook: webhookUrl && webhookSecret ? { url: webhookUrl, secret: webhookSecret } : undefined,
    api: {
      host: text(env, 'API_HOST') ?? '127.0.0.1',
      port: port(env, 'API_PORT', 3000),
      tokens: parseTokens(text(env, 'API_TOKENS')),
      origins: policyFromLists(text(env, 'API_ALLOWED_ORIGINS'), text(env, 'API_ALLOWED_HOSTS')),
    },
    worker: {
      healthPort: port(env, 'WORKER_HEALTH_PORT', 3001),
      heartbeatSeconds: heartbeat,
      visibilityTimeoutSeconds: visibility,
    },
    reconcile: {
      stallSeconds: seconds(env, 'TASK_STALL_SECONDS', 900, 7 * 86_400),
      maxRedispatches: count(env, 'TASK_MAX_REDISPATCHES', 2, 100),
    },
    logLevel: text(env, 'LOG_LEVEL') ?? 'info',
  };
}
