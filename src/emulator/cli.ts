// `npm run emulator -- [--port 4566] [--host 127.0.0.1] [--region us-east-1] [--time-scale 1]
// [--seed N] [--allow-repeated-purge] [--allowed-origin URL]… [--allowed-host NAME]…
// [--data-dir DIR]`: runs the emulator until SIGINT/SIGTERM, then stops cleanly.
// EMULATOR_ALLOWED_ORIGINS and EMULATOR_ALLOWED_HOSTS (comma-separated) add to the flags;
// EMULATOR_DATA_DIR stands for --data-dir. A data directory it must not read stops it with exit 1
// and one line naming the file.
import { parseArgs } from 'node:util';
import { policyFromLists } from '../kernel/origin-guard.ts';
import { startEmulator } from './index.ts';
import { DataDirError } from './persistence/record-file.ts';

function number(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) {
    console.error(`${flag} needs a number, got "${value}"`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    region: { type: 'string' },
    'time-scale': { type: 'string' },
    seed: { type: 'string' },
    'allow-repeated-purge': { type: 'boolean' },
    'allowed-origin': { type: 'string', multiple: true },
    'allowed-host': { type: 'string', multiple: true },
    'data-dir': { type: 'string' },
    durability: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(
    'usage: npm run emulator -- [--port 4566] [--host 127.0.0.1] [--region us-east-1] [--time-scale 1] [--seed N] [--allow-repeated-purge] [--allowed-origin URL]... [--allowed-host NAME]... [--data-dir DIR [--durability fsync|os]]',
  );
  process.exit(0);
}

const fromEnv = policyFromLists(
  process.env.EMULATOR_ALLOWED_ORIGINS,
  process.env.EMULATOR_ALLOWED_HOSTS,
);
const dataDir = values['data-dir'] ?? (process.env.EMULATOR_DATA_DIR || undefined);
const durability = values.durability ?? process.env.EMULATOR_DURABILITY ?? 'fsync';
if (durability !== 'fsync' && durability !== 'os') {
  console.error(`--durability takes fsync or os, got "${durability}"`);
  process.exit(2);
}
const emulator = await startEmulator({
  ...(dataDir !== undefined ? { dataDir, durability } : {}),
  port: number(values.port, '--port', 4566),
  host: values.host ?? '127.0.0.1',
  region: values.region ?? process.env.AWS_REGION ?? 'us-east-1',
  timeScale: number(values['time-scale'], '--time-scale', 1),
  ...(values.seed !== undefined ? { seed: number(values.seed, '--seed', 0) } : {}),
  allowRepeatedPurge: values['allow-repeated-purge'] ?? false,
  allowedOrigins: [...(values['allowed-origin'] ?? []), ...fromEnv.allowedOrigins],
  allowedHosts: [...(values['allowed-host'] ?? []), ...fromEnv.allowedHosts],
}).catch((error: unknown) => {
  if (!(error instanceof DataDirError)) throw error;
  console.error(`emulator: cannot start on data directory ${dataDir}: ${error.message}`);
  process.exit(1);
});
console.log(
  `emulator listening on ${emulator.url} (SQS + S3, region ${emulator.region}; ${dataDir === undefined ? 'in memory' : `state in ${dataDir}, durability ${durability}`})`,
);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received, stopping emulator`);
  emulator.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('emulator failed to stop cleanly', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
