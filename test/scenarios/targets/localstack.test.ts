// LocalStack as a target, up to where this machine lets it go: the testcontainers path until no
// container runtime is found (the message users see), the host path with a stand-in process that
// never becomes healthy, a taken port, and the environment LocalStack gets on the host.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LOCALSTACK_IMAGE,
  localStackHostEnv,
  NoContainerRuntime,
  startLocalStack,
  startLocalStackInContainer,
  startLocalStackOnHost,
} from '../../../scenarios/targets/localstack.ts';

/** With a Docker socket at the default place testcontainers would find a runtime and pull. */
const dockerPresent = existsSync('/var/run/docker.sock');

const saved = { ...process.env };
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'graphnode-localstack-test-'));
  // A runtime only through a socket that is not there.
  process.env.DOCKER_HOST = 'unix:///nonexistent/docker.sock';
});
afterEach(async () => {
  process.env = { ...saved };
  await rm(dir, { recursive: true, force: true });
});

describe('LocalStack in a container (testcontainers)', () => {
  it.skipIf(dockerPresent)(
    // Skipped where Docker runs: there `npm run scenarios -- --target localstack` takes this path for real.
    'stops at "no container runtime" with the message users see',
    async () => {
      const started = startLocalStackInContainer();
      await expect(started).rejects.toBeInstanceOf(NoContainerRuntime);
      await expect(started).rejects.toThrow(
        'no container runtime found (testcontainers: Could not find a working container runtime strategy); checked DOCKER_HOST, ~/.testcontainers.properties and the default Docker/Podman sockets',
      );
    },
  );

  it.skipIf(dockerPresent)(
    // Skipped where Docker runs (see above).
    'does not fall back to the host when told to use a container',
    async () => {
      process.env.GRAPHNODE_LOCALSTACK = 'container';
      await expect(startLocalStack(() => {})).rejects.toThrow(/^no container runtime found/);
    },
  );

  it('pins the last image that starts without an auth token', () => {
    expect(LOCALSTACK_IMAGE).toBe('localstack/localstack:4.14.0');
  });
});

describe('LocalStack on the host', () => {
  let holder: Server | undefined;
  afterEach(() => holder?.close());

  it('stops a LocalStack that never becomes healthy and says so', async () => {
    const lines: string[] = [];
    await expect(
      startLocalStackOnHost({
        command: {
          command: process.execPath,
          args: ['-e', 'console.log("LocalStack version: stand-in"); setInterval(() => {}, 1000)'],
        },
        readyTimeoutMs: 1_000,
        log: (line) => lines.push(line),
      }),
    ).rejects.toThrow(
      /LocalStack did not become healthy within 1 s \(stopped it again\); last lines of .*:\nLocalStack version: stand-in/,
    );
  });

  it('refuses a port already taken, before starting anything', async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder?.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    const marker = join(dir, 'started');
    await expect(
      startLocalStackOnHost({
        port,
        command: {
          command: process.execPath,
          args: ['-e', `require('node:fs').writeFileSync(${JSON.stringify(marker)}, '')`],
        },
      }),
    ).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use, so LocalStack cannot listen`);
    expect(existsSync(marker)).toBe(false);
  });

  it('names both reasons when neither a container nor the host can run it', async () => {
    process.env.GRAPHNODE_CACHE_DIR = dir;
    if (dockerPresent) process.env.GRAPHNODE_LOCALSTACK = 'host';
    await mkdir(join(dir, 'localstack-venv'), { recursive: true });
    await expect(startLocalStack(() => {})).rejects.toThrow(
      /^cannot start LocalStack: .*, and on the host: the localstack Python environment at .*localstack-venv is half-installed or broken/,
    );
  });

  it('binds only 127.0.0.1 through hypercorn, with SQS and S3 alone and nothing phoning home', () => {
    expect(localStackHostEnv(4567, '/tmp/data', '/tmp/cert.pem')).toMatchObject({
      GATEWAY_SERVER: 'hypercorn',
      GATEWAY_LISTEN: '127.0.0.1:4567',
      SERVICES: 'sqs,s3',
      EAGER_SERVICE_LOADING: '1',
      SQS_ENDPOINT_STRATEGY: 'path',
      DNS_ADDRESS: '0',
      SKIP_SSL_CERT_DOWNLOAD: '1',
      DISABLE_EVENTS: '1',
      LOCALSTACK_TELEMETRY: '0',
      CUSTOM_SSL_CERT_PATH: '/tmp/cert.pem',
    });
  });
});
