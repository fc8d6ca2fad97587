// The stand-alone API process refuses to start without API_TOKENS when it would be reachable from
// other machines: the demo token is a loopback-only convenience.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('stand-alone API process', () => {
  it('refuses a non-loopback API_HOST without API_TOKENS, naming both variables', () => {
    const run = spawnSync(process.execPath, ['src/api/server.ts'], {
      cwd: new URL('../..', import.meta.url),
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        ...process.env,
        API_HOST: '0.0.0.0',
        API_PORT: '0',
        API_TOKENS: '',
        // Never reached: the check comes before any connection.
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'API_TOKENS is not set and API_HOST=0.0.0.0 is not a loopback address',
    );
  });
});
