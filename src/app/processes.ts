// The stand-alone back-end processes that docker-compose and users start one by one: the API
// (`node src/api/server.ts`) and the worker (`node src/workers/index.ts`), each configured from
// the environment (src/infra/config.ts) and stopped by SIGINT or SIGTERM.

import { ConfigError, loadConfig } from '../infra/config.ts';
import { hostName, isLoopbackName } from '../kernel/origin-guard.ts';
import { demoTokens, startApiServer } from './api-server.ts';
import { openRuntime } from './runtime.ts';
import { startRuntimeWorker } from './worker-server.ts';

/** Runs `start`, then stops what it returned on the first SIGINT or SIGTERM. */
async function runUntilSignal(
  what: string,
  start: () => Promise<{ stop(): Promise<void> }>,
): Promise<void> {
  try {
    const running = await start();
    const shutdown = () => {
      running.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`${what} failed to stop cleanly: ${(error as Error).message}\n`);
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  } catch (error) {
    process.stderr.write(`${what} failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

export function runApiProcess(): Promise<void> {
  return runUntilSignal('API', async () => {
    const config = loadConfig();
    // A demo token is a convenience on a loopback address only; reachable from elsewhere, an API
    // must be told its tokens.
    if (config.api.tokens.size === 0 && !isLoopbackName(hostName(config.api.host))) {
      throw new ConfigError(
        `API_TOKENS is not set and API_HOST=${config.api.host} is not a loopback address; set API_TOKENS=token:user (tokens of 16+ characters)`,
      );
    }
    const runtime = await openRuntime(config);
    const tokens = config.api.tokens.size > 0 ? config.api.tokens : demoTokens();
    const server = await startApiServer(runtime, {
      host: config.api.host,
      port: config.api.port,
      tokens,
    });
    if (config.api.tokens.size === 0) {
      runtime.log.warn(
        { token: [...tokens.keys()][0] },
        'API_TOKENS not set; using a demo token for user "demo"',
      );
    }
    runtime.log.info({ url: server.url }, 'API listening');
    return {
      async stop() {
        await server.close();
        await runtime.close();
      },
    };
  });
}

export function runWorkerProcess(): Promise<void> {
  return runUntilSignal('worker', async () => {
    const runtime = await openRuntime(loadConfig());
    const running = await startRuntimeWorker(runtime, runtime.log);
    runtime.log.info({ health: running.health?.url }, 'worker running');
    return {
      async stop() {
        await running.stop();
        await runtime.close();
      },
    };
  });
}
