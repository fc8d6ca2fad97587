// `npm run scenarios` end to end, as CI calls it: exit code, table, and both report files.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const RUN = fileURLToPath(new URL('../../scenarios/run.ts', import.meta.url));

async function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [RUN, ...args], {
      env: { ...process.env, AWS_ENDPOINT_URL: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run scenarios', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scenario-report-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 when every verdict holds, prints the table and writes both reports', async () => {
    const { code, stdout } = await cli([
      '--only',
      'progress-after-completion',
      '--seed',
      '3',
      '--report',
      dir,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\[1\/1\] progress-after-completion: PASS in [\d.]+ s/);
    expect(stdout).toMatch(/scenario\s+verdict\s+real s\s+virt min/);
    expect(stdout).toMatch(/1 passed, 0 failed; [\d.]+ s of scenario time\nwall time [\d.]+ s/);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as {
      passed: boolean;
      seed: number;
      scenarios: { name: string; status: string }[];
    };
    expect(report).toMatchObject({
      passed: true,
      seed: 3,
      scenarios: [{ name: 'progress-after-completion', status: 'pass' }],
    });
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);
  }, 60_000);

  it('exits 2 with the reason for a bad argument', async () => {
    const { code, stderr } = await cli(['--only', 'no-such-scenario']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown scenario\(s\): no-such-scenario/);
  }, 30_000);

  it('exits 1 with both reasons when LocalStack can start neither in a container nor on the host', async () => {
    // No container runtime on this machine (or none at the socket named), and the host's
    // LocalStack environment half-installed: the command says both, starts nothing, exits 1.
    const cache = join(dir, 'cache');
    await mkdir(join(cache, 'localstack-venv', 'bin'), { recursive: true });
    const { code, stdout, stderr } = await cli(['--target', 'localstack'], {
      GRAPHNODE_CACHE_DIR: cache,
      DOCKER_HOST: 'unix:///nonexistent/docker.sock',
      GRAPHNODE_LOCALSTACK: existsSync('/var/run/docker.sock') ? 'host' : '',
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^cannot start LocalStack: .*, and on the host: the localstack Python environment at .*localstack-venv is half-installed or broken .* Remove it \(rm -rf .*\) and run again/m,
    );
    expect(stdout).not.toMatch(/running \d+ scenario/);
  }, 60_000);

  it('exits 2 when --target localstack meets an AWS_ENDPOINT_URL', async () => {
    const { code, stderr } = await cli(['--target', 'localstack'], {
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:4566 is set too: unset one/);
  }, 30_000);
});
