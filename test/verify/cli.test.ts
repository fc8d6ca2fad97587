// The verify command line: every mistake gets a specific message and exit status 2, before
// anything is started.
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../verify/cli.ts';
import { runVerify } from './support/run-verify.ts';

function refused(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

describe('verify arguments', () => {
  it('reads a full ai command line', () => {
    const o = parseArgs([
      'ai',
      '--command',
      'python server.py',
      '--env',
      'MODEL=tiny',
      '--visibility',
      '20',
      '--cases',
      'every-type,missing-input',
      '--fail-on-findings',
    ]);
    expect(o).toMatchObject({
      mode: 'ai',
      command: 'python server.py',
      env: { MODEL: 'tiny' },
      visibilitySeconds: 20,
      cases: ['every-type', 'missing-input'],
      failOnFindings: true,
      reportDir: 'reports/verify-ai',
    });
  });

  it('names each mistake', () => {
    expect(refused([])).toMatch(/name a mode/);
    expect(refused(['frontend'])).toMatch(/unknown mode "frontend"/);
    expect(refused(['ai'])).toMatch(/--command .* is required/);
    expect(refused(['ai', '--command'])).toMatch(/--command needs a value/);
    expect(refused(['ai', '--command', '  '])).toMatch(/--command is empty/);
    expect(refused(['ai', '--running'])).toMatch(/--running needs --endpoint/);
    expect(refused(['ai', '--running', '--endpoint', 'http://x:1', '--command', 'c'])).toMatch(
      /exclude each other/,
    );
    expect(refused(['ai', '--command', 'c', '--endpoint', 'localhost'])).toMatch(/http\(s\) URL/);
    expect(refused(['ai', '--command', 'c', '--visibility', '0'])).toMatch(/from 1 to/);
    expect(refused(['ai', '--command', 'c', '--env', '=x'])).toMatch(/NAME=VALUE/);
    expect(refused(['ai', '--command', 'c', '--frobnicate'])).toMatch(/unknown option/);
    expect(refused(['ai', '--command', 'c', '--task-ids', 'a'])).toMatch(/backend mode/);
    expect(refused(['backend', '--command', 'c', '--status-url', 'http://x/tasks'])).toMatch(
      /\{taskId\}/,
    );
    expect(refused(['backend', '--command', 'c', '--status-pointer', 'status'])).toMatch(
      /JSON pointer/,
    );
  });

  it('exits 2 with the message and usage, starting nothing', async () => {
    const bad = await runVerify(['ai', '--command', 'true', '--cases', 'no-such-case']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown case\(s\) no-such-case; ai cases: every-type/);
    expect(bad.err).toMatch(/usage: npm run verify/);
    expect(bad.out).toBe('');
    expect(bad.report).toBeUndefined();
  });
});
