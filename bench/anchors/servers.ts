// The servers the anchors bench compares: our emulator, the no-work ceiling server, and the
// anchors — LocalStack (host install), ElasticMQ (from Maven Central, on a JRE) and moto (from
// PyPI) — each started as its own process group on 127.0.0.1 with account 000000000000, timed
// from spawn to healthy, and stopped by its group id (also on failure or Ctrl-C).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LOCALSTACK_ENV,
  localStackHealthy,
  startLocalStackOnHost,
} from '../../scenarios/targets/localstack.ts';
import {
  cacheRoot,
  ensurePythonEnv,
  type PythonEnvSpec,
  run,
} from '../../scenarios/targets/python-env.ts';
import {
  freePort,
  type ServerProcess,
  ServerStartError,
  startServerProcess,
} from '../../scenarios/targets/server-process.ts';

export interface StartedServer {
  url: string;
  /** Process group to read CPU and memory from. */
  pgid: number;
  startupMs: number;
  /** Answers with canned bodies and keeps no queue (the ceiling). */
  canned: boolean;
  stop(): Promise<void>;
}

export interface ServerKind {
  name: string;
  /** Version and how it runs, for the table's header. */
  what: string;
  /** Installs what it needs (not timed); throws when it cannot. */
  prepare(): Promise<void>;
  start(): Promise<StartedServer>;
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Any SQS answer (even an error) over HTTP means the server is up. */
async function answers(url: string): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'AmazonSQS.ListQueues',
    },
    body: '{}',
    signal: AbortSignal.timeout(2_000),
  });
  return response.status < 500;
}

function fromProcess(server: ServerProcess, url: string, canned = false): StartedServer {
  return { url, pgid: server.pid, startupMs: server.startupMs, canned, stop: () => server.stop() };
}

async function nodeServer(script: string, args: (port: number) => string[], name: string) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startServerProcess({
    name,
    command: process.execPath,
    args: [script, ...args(port)],
    ready: () => answers(url),
    readyTimeoutMs: 30_000,
    pollMs: 10,
  });
  return { server, url };
}

const ours: ServerKind = {
  name: 'ours',
  what: 'this emulator (Node, one process)',
  prepare: async () => {},
  start: async () => {
    const { server, url } = await nodeServer(
      here('../../src/emulator/cli.ts'),
      (port) => ['--port', String(port)],
      'emulator',
    );
    return fromProcess(server, url);
  },
};

const ceiling: ServerKind = {
  name: 'ceiling',
  what: 'no-work server (canned answers)',
  prepare: async () => {},
  start: async () => {
    const { server, url } = await nodeServer(
      here('../emulator/ceiling-server.ts'),
      (port) => [String(port)],
      'ceiling',
    );
    return fromProcess(server, url, true);
  },
};

const localstack: ServerKind = {
  name: 'LocalStack',
  what: `${LOCALSTACK_ENV.requirements[0]} on the host (hypercorn)`,
  prepare: async () => {
    await ensurePythonEnv(LOCALSTACK_ENV);
  },
  start: async () => {
    const running = await startLocalStackOnHost();
    // Healthy already; one more look so a half-started gateway shows up here, not in the load.
    if (!(await localStackHealthy(running.url))) throw new Error('LocalStack stopped answering');
    return {
      url: running.url,
      pgid: running.pid ?? -1,
      startupMs: running.startupMs ?? Number.NaN,
      canned: false,
      stop: () => running.stop(),
    };
  },
};

const ELASTICMQ_VERSION = '1.7.1';

/** The ElasticMQ server's classpath, resolved once from Maven Central into the local repository. */
async function elasticMqClasspath(): Promise<string> {
  const dir = join(cacheRoot(), `elasticmq-${ELASTICMQ_VERSION}`);
  const file = join(dir, 'classpath.txt');
  if (existsSync(file)) {
    const classpath = (await readFile(file, 'utf8')).trim();
    if (classpath.split(':').every((jar) => existsSync(jar))) return classpath;
  }
  if ((await run('java', ['-version'], 30_000)).code !== 0) {
    throw new ServerStartError('ElasticMQ needs a Java runtime (java on PATH), and there is none');
  }
  await mkdir(dir, { recursive: true });
  const pom = here('./elasticmq/pom.xml');
  const mvn = await run(
    'mvn',
    ['-q', '-B', '-f', pom, 'dependency:build-classpath', `-Dmdep.outputFile=${file}`],
    10 * 60_000,
  );
  if (mvn.code !== 0) {
    throw new ServerStartError(
      `could not resolve elasticmq-server ${ELASTICMQ_VERSION} with Maven (mvn on PATH, Maven Central reachable?): ${mvn.out.trim().split('\n').slice(-5).join('\n')}`,
    );
  }
  return (await readFile(file, 'utf8')).trim();
}

const elasticMq: ServerKind = {
  name: 'ElasticMQ',
  what: `elasticmq-server ${ELASTICMQ_VERSION} (JVM)`,
  prepare: async () => {
    await elasticMqClasspath();
  },
  start: async () => {
    const classpath = await elasticMqClasspath();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const dir = await mkdtemp(join(tmpdir(), 'graphnode-elasticmq-'));
    const config = join(dir, 'elasticmq.conf');
    await writeFile(
      config,
      [
        'include classpath("application.conf")',
        `node-address { protocol = http, host = 127.0.0.1, port = ${port}, context-path = "" }`,
        `rest-sqs { enabled = true, bind-port = ${port}, bind-hostname = "127.0.0.1", sqs-limits = strict }`,
        'rest-stats { enabled = false }',
        'aws { region = us-east-1, accountId = "000000000000" }',
        '',
      ].join('\n'),
    );
    try {
      const server = await startServerProcess({
        name: 'ElasticMQ',
        command: 'java',
        args: [`-Dconfig.file=${config}`, '-cp', classpath, 'org.elasticmq.server.Main'],
        ready: () => answers(url),
        readyTimeoutMs: 90_000,
      });
      return {
        ...fromProcess(server, url),
        stop: async () => {
          await server.stop();
          await rm(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  },
};

export const MOTO_ENV: PythonEnvSpec = {
  name: 'moto',
  minPython: [3, 9],
  requirements: ['moto[server]==5.2.5'],
  check: 'import moto.server, flask',
};

const moto: ServerKind = {
  name: 'moto',
  what: `${MOTO_ENV.requirements[0]} (Python, werkzeug server)`,
  prepare: async () => {
    await ensurePythonEnv(MOTO_ENV);
  },
  start: async () => {
    const env = await ensurePythonEnv(MOTO_ENV);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = await startServerProcess({
      name: 'moto',
      command: env.python,
      args: ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)],
      env: { MOTO_ACCOUNT_ID: '000000000000' },
      ready: () => answers(url),
      readyTimeoutMs: 60_000,
    });
    return fromProcess(server, url);
  },
};

export const SERVERS: readonly ServerKind[] = [ours, ceiling, localstack, elasticMq, moto];
