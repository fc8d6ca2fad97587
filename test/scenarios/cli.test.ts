// Command-line parsing: the selections people type, and a clear error for everything else.
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../scenarios/cli.ts';
import { SCENARIOS } from '../../scenarios/definitions/index.ts';

describe('parseCli', () => {
  it('runs every scenario with seed 1 and no report by default', () => {
    const command = parseCli([], SCENARIOS);
    expect(command.kind).toBe('run');
    if (command.kind !== 'run') return;
    expect(command.selected.map((s) => s.name)).toEqual(SCENARIOS.map((s) => s.name));
    expect(command.seed).toBe(1);
    expect(command.reportDir).toBeUndefined();
    expect(command.parallel).toBe(3);
    expect(command.target).toBe('embedded');
  });

  it('takes --target localstack', () => {
    expect(parseCli(['--target', 'localstack'], SCENARIOS)).toMatchObject({
      kind: 'run',
      target: 'localstack',
    });
  });

  it('selects scenarios by name, keeps the suite order, takes seed and report', () => {
    const command = parseCli(
      [
        '--only',
        'poison-redrive, happy-path',
        '--seed',
        '42',
        '--report',
        'out',
        '--parallel',
        '1',
      ],
      SCENARIOS,
    );
    expect(command).toMatchObject({ kind: 'run', seed: 42, reportDir: 'out', parallel: 1 });
    if (command.kind !== 'run') return;
    expect(command.selected.map((s) => s.name)).toEqual(['happy-path', 'poison-redrive']);
  });

  it.each([
    [['--only', 'nope'], /unknown scenario\(s\): nope; known: happy-path/],
    [['--only', ' , '], /--only needs at least one scenario name/],
    [['--seed', '1.5'], /--seed must be a non-negative integer, got "1.5"/],
    [['--seed=-3'], /--seed must be a non-negative integer, got "-3"/],
    [['--seed', '99999999999999999999'], /--seed must be a non-negative integer/],
    [['--report', ''], /--report needs a directory/],
    [['--target', 'aws'], /--target must be one of embedded, localstack, got "aws"/],
    [['--parallel', '0'], /--parallel must be an integer from 1 to 8, got "0"/],
    [['--parallel', 'lots'], /--parallel must be an integer from 1 to 8, got "lots"/],
    [['--frobnicate'], /Unknown option '--frobnicate'[\s\S]*usage: npm run scenarios/],
    [['stray'], /Unexpected argument 'stray'[\s\S]*usage/],
  ])('rejects %j', (argv, message) => {
    const command = parseCli(argv, SCENARIOS);
    expect(command.kind).toBe('error');
    if (command.kind === 'error') expect(command.message).toMatch(message);
  });

  it('has unique scenario names that the CLI can type', () => {
    const names = SCENARIOS.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9-]+$/);
  });
});
