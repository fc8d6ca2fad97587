// LocalStack as a scenario target (and a bench anchor): in a container through testcontainers
// where a container runtime answers, else on the host from the pinned Python environment the
// project installs itself; where neither works, an error saying exactly why. Either way the
// caller gets an endpoint and a stop, used with `await using` so it is stopped on any failure.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePythonEnv, type PythonEnvSpec } from './python-env.ts';
import {
  assertPortFree,
  freePort,
  getJson,
  type ServerProcess,
  startServerProcess,
} from './server-process.ts';

/**
 * The last LocalStack image that starts without LOCALSTACK_AUTH_TOKEN: tags after 4.14.0 are the
 * unified image that exits on startup without a token. With a token set, it is passed through.
 */
export const LOCALSTACK_IMAGE = 'localstack/localstack:4.14.0';

/** The gateway's TLS certificate, made once at install (see LOCALSTACK_ENV). */
const CERT_FILE = 'localhost-cert.pem';

/**
 * The host install: localstack-core needs Python ≥ 3.12 (PEP 695 syntax); cbor2 6 breaks it.
 * LocalStack makes its gateway's self-signed certificate with a pyOpenSSL call that current
 * pyOpenSSL no longer has (and older pyOpenSSL conflicts with the pinned cryptography), so the
 * install makes one with `cryptography` and LocalStack is pointed at it (CUSTOM_SSL_CERT_PATH).
 */
export const LOCALSTACK_ENV: PythonEnvSpec = {
  name: 'localstack',
  minPython: [3, 12],
  requirements: ['localstack-core[runtime]==2026.3.0', 'cbor2<6', 'service-identity'],
  postInstall: [
    'import sys, datetime',
    'from cryptography import x509',
    'from cryptography.x509.oid import NameOID',
    'from cryptography.hazmat.primitives import hashes, serialization',
    'from cryptography.hazmat.primitives.asymmetric import rsa',
    'key = rsa.generate_private_key(public_exponent=65537, key_size=2048)',
    "name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, 'localhost')])",
    'now = datetime.datetime.now(datetime.timezone.utc)',
    'cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)',
    '  .public_key(key.public_key()).serial_number(x509.random_serial_number())',
    '  .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=3650))',
    "  .add_extension(x509.SubjectAlternativeName([x509.DNSName('localhost')]), critical=False)",
    '  .sign(key, hashes.SHA256()))',
    `open(sys.argv[1] + '/${CERT_FILE}', 'wb').write(key.private_bytes(serialization.Encoding.PEM,`,
    '  serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption())',
    '  + cert.public_bytes(serialization.Encoding.PEM))',
  ].join('\n'),
  check: 'import localstack.runtime.main, hypercorn',
};

export interface RunningLocalStack {
  url: string;
  /** How it runs, for the run's header line. */
  how: string;
  /** The server process (host path only): its process group holds everything it started. */
  pid?: number;
  /** Real ms from start to healthy (host path only; the install is not included). */
  startupMs?: number;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** The health endpoint says SQS and S3 are up (eager loading starts them before it answers). */
export async function localStackHealthy(url: string): Promise<boolean> {
  const health = (await getJson(`${url}/_localstack/health`)) as
    | { services?: Record<string, string> }
    | undefined;
  const up = (s: string | undefined) => s === 'running' || s === 'available';
  return up(health?.services?.sqs) && up(health?.services?.s3);
}

/**
 * The environment LocalStack runs with on the host. Hypercorn, because the default gateway binds
 * 0.0.0.0 whatever GATEWAY_LISTEN says; no DNS server, no certificate download, no telemetry.
 */
export function localStackHostEnv(
  port: number,
  dataDir: string,
  certFile: string,
): NodeJS.ProcessEnv {
  return {
    CUSTOM_SSL_CERT_PATH: certFile,
    GATEWAY_SERVER: 'hypercorn',
    GATEWAY_LISTEN: `127.0.0.1:${port}`,
    SERVICES: 'sqs,s3',
    EAGER_SERVICE_LOADING: '1',
    SQS_ENDPOINT_STRATEGY: 'path',
    DNS_ADDRESS: '0',
    SKIP_SSL_CERT_DOWNLOAD: '1',
    DISABLE_EVENTS: '1',
    LOCALSTACK_TELEMETRY: '0',
    // Its volume and cache folders (it would otherwise use /var/lib/localstack).
    FILESYSTEM_ROOT: dataDir,
    LOCALSTACK_VOLUME_DIR: `${dataDir}/volume`,
    DEBUG: '0',
  };
}

export interface HostOptions {
  /** Port on 127.0.0.1 (default: a free one); a taken port is an error, not a silent fallback. */
  port?: number;
  readyTimeoutMs?: number;
  /** The interpreter and arguments to start (default: the pinned environment's LocalStack). */
  command?: { command: string; args: readonly string[]; certFile?: string };
  log?: (line: string) => void;
}

/** LocalStack on the host from the cached pinned environment (installed first when missing). */
export async function startLocalStackOnHost(options: HostOptions = {}): Promise<RunningLocalStack> {
  const port = options.port ?? (await freePort());
  await assertPortFree(port, 'LocalStack');
  const command =
    options.command ??
    (await (async () => {
      const env = await ensurePythonEnv(LOCALSTACK_ENV, { log: options.log });
      return {
        command: env.python,
        args: ['-m', 'localstack.runtime.main'],
        certFile: join(env.dir, CERT_FILE),
      };
    })());
  const dataDir = await mkdtemp(join(tmpdir(), 'graphnode-localstack-data-'));
  const url = `http://127.0.0.1:${port}`;
  let server: ServerProcess;
  try {
    server = await startServerProcess({
      name: 'LocalStack',
      command: command.command,
      args: command.args,
      env: localStackHostEnv(port, dataDir, command.certFile ?? ''),
      ready: () => localStackHealthy(url),
      readyTimeoutMs: options.readyTimeoutMs ?? 90_000,
    });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const stop = async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  return {
    url,
    how: `LocalStack on the host (pid ${server.pid}, ${LOCALSTACK_ENV.requirements[0]})`,
    pid: server.pid,
    startupMs: server.startupMs,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

export class NoContainerRuntime extends Error {}

/** LocalStack in a container; throws NoContainerRuntime when no runtime answers. */
export async function startLocalStackInContainer(
  options: { readyTimeoutMs?: number } = {},
): Promise<RunningLocalStack> {
  // Loaded here: testcontainers reads its configuration when imported.
  const { getContainerRuntimeClient, Wait } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch (error) {
    throw new NoContainerRuntime(
      `no container runtime found (testcontainers: ${(error as Error).message}); checked DOCKER_HOST, ~/.testcontainers.properties and the default Docker/Podman sockets`,
    );
  }
  const { LocalstackContainer } = await import('@testcontainers/localstack');
  const token = process.env.LOCALSTACK_AUTH_TOKEN;
  const container = new LocalstackContainer(LOCALSTACK_IMAGE)
    .withEnvironment({
      SERVICES: 'sqs,s3',
      EAGER_SERVICE_LOADING: '1',
      SQS_ENDPOINT_STRATEGY: 'path',
      LOCALSTACK_TELEMETRY: '0',
      ...(token ? { LOCALSTACK_AUTH_TOKEN: token } : {}),
    })
    .withWaitStrategy(Wait.forHttp('/_localstack/health', 4566).forStatusCode(200))
    .withStartupTimeout(options.readyTimeoutMs ?? 120_000);
  const started = await container.start();
  const url = started.getConnectionUri();
  const stop = async () => {
    await started.stop();
  };
  try {
    const deadline = performance.now() + (options.readyTimeoutMs ?? 120_000);
    while (!(await localStackHealthy(url).catch(() => false))) {
      if (performance.now() > deadline) throw new Error(`${url}: SQS and S3 never became healthy`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    how: `LocalStack in a container (${LOCALSTACK_IMAGE}${token ? ', with LOCALSTACK_AUTH_TOKEN' : ''})`,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/**
 * A container where a runtime answers (GRAPHNODE_LOCALSTACK=host skips the probe), else the host;
 * the error names both reasons when neither works.
 */
export async function startLocalStack(
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<RunningLocalStack> {
  let why = 'GRAPHNODE_LOCALSTACK=host';
  if (process.env.GRAPHNODE_LOCALSTACK !== 'host') {
    try {
      return await startLocalStackInContainer();
    } catch (error) {
      if (
        !(error instanceof NoContainerRuntime) ||
        process.env.GRAPHNODE_LOCALSTACK === 'container'
      )
        throw error;
      why = error.message;
    }
  }
  log(`${why}: starting LocalStack on the host from its pinned Python environment`);
  try {
    return await startLocalStackOnHost({ log });
  } catch (error) {
    throw new Error(
      `cannot start LocalStack: ${why}, and on the host: ${(error as Error).message}`,
    );
  }
}
