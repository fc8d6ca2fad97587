// `npm start`: the whole stack in one process on embedded defaults — AWS emulator, queues and
// bucket, SQLite, API, worker and fake AI server — then prints where everything is and a ready line.
// Logs (pino JSON) go to stderr so the banner stays readable; Ctrl-C stops everything cleanly.
// The embedded emulator keeps its state in data/emulator (EMULATOR_DATA_DIR moves it), so queued
// messages and stored payloads survive a crash; `npm start -- --in-memory` keeps it in memory.

import { join } from 'node:path';
import { pino } from 'pino';
import { ConfigError, loadConfig, loadEmulatorPort } from '../infra/config.ts';
import { startStack } from './stack.ts';

/** The stack's own state: the demo token (the default SQLite database lives here too). */
const DATA_DIR = 'data';

/** The embedded emulator's data directory, or undefined for in memory (`--in-memory`). */
function emulatorDataDir(): string | undefined {
  if (process.argv.includes('--in-memory')) return undefined;
  return process.env.EMULATOR_DATA_DIR || join(DATA_DIR, 'emulator');
}

function banner(lines: [string, string][]): string {
  const width = Math.max(...lines.map(([k]) => k.length));
  return lines.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}

/** The emulator's dashboard; an external endpoint may be real AWS, which has none. */
function dashboardUrl(endpoint: string | undefined, embedded: boolean): string {
  if (embedded) return `${endpoint}/_harness/ui`;
  return endpoint === undefined
    ? '(none: real AWS)'
    : `${endpoint.replace(/\/+$/, '')}/_harness/ui (when that endpoint is this emulator)`;
}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  let emulatorPort: number;
  try {
    config = loadConfig();
    emulatorPort = loadEmulatorPort();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = pino({ name: 'graphnode', level: config.logLevel }, pino.destination(2));
  const emulatorState = emulatorDataDir();
  const stack = await startStack({
    config,
    log,
    emulatorPort,
    dataDir: DATA_DIR,
    ...(emulatorState !== undefined ? { emulatorDataDir: emulatorState } : {}),
  });
  const { runtime, api, worker, emulator } = stack;
  const [token, user] = [...stack.tokens][0] ?? ['(none)', '(none)'];
  const out = process.stdout;
  out.write('\ngraphnode-harness stack\n');
  out.write(
    `${banner([
      [
        'AWS endpoint',
        `${runtime.config.aws.endpoint ?? ''}${emulator ? ' (embedded emulator)' : ''}`,
      ],
      ['dashboard', dashboardUrl(runtime.config.aws.endpoint, emulator !== null)],
      ['API', api.url],
      ['task view', `${api.url}/_stack/tasks`],
      ['worker health', `${worker.health?.url ?? '(off)'}/health`],
      ...(emulator
        ? ([['emulator state', emulatorState ?? 'in memory (--in-memory)']] as [string, string][])
        : []),
      ['request queue', runtime.infra.request.url],
      ['result queue', runtime.infra.result.url],
      ['payload bucket', runtime.infra.bucket],
      ['database', runtime.config.databaseUrl],
      ['notifications', runtime.notifications.describe.join(', ')],
      ['fake AI server', stack.fakeAiRunning ? 'running' : 'not started'],
      ['bearer token', `${token}  (user "${user}")`],
    ])}\n\n`,
  );
  out.write(
    [
      'try it:',
      `  export TOKEN=${token}`,
      `  curl -s -X POST ${api.url}/v1/graphs/generate -H "Authorization: Bearer $TOKEN" \\`,
      `    -H 'content-type: application/json' --data @contracts/examples/objects/input-bundle/valid/two-conversations.json`,
      `  curl -s ${api.url}/v1/tasks/<taskId> -H "Authorization: Bearer $TOKEN"`,
      `  curl -sN ${api.url}/v1/events -H "Authorization: Bearer $TOKEN"`,
      '',
      'ready (Ctrl-C to stop)',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      process.stderr.write('forced exit\n');
      process.exit(130);
    }
    stopping = true;
    out.write(`\n${signal}: stopping…\n`);
    stack.stop().then(
      () => {
        out.write('stopped\n');
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`stop failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  const hint =
    code === 'EADDRINUSE'
      ? ' (a port is taken: set EMULATOR_PORT, API_PORT or WORKER_HEALTH_PORT)'
      : '';
  process.stderr.write(`start failed: ${(error as Error).message}${hint}\n`);
  process.exit(1);
});
