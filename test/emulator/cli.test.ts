// The standalone emulator: `node src/emulator/cli.ts` prints its URL, answers /health, and exits 0
// on SIGTERM.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { launchEmulatorCli } from './support/cli-process.ts';

const cli = fileURLToPath(new URL('../../src/emulator/cli.ts', import.meta.url));

describe('emulator CLI', () => {
  it('prints its URL, serves until SIGTERM and stops cleanly', async () => {
    const { child, url } = await launchEmulatorCli(['--port', '0', '--time-scale', '0']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('refuses a non-numeric port', async () => {
    const child = spawn(process.execPath, [cli, '--port', 'abc'], { stdio: 'ignore' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
  });
});
