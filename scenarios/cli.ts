// Command-line parsing for `npm run scenarios`: every bad argument gets a message naming it.
import { parseArgs } from 'node:util';
import type { ScenarioDefinition } from './model.ts';

export const USAGE =
  'usage: npm run scenarios -- [--target embedded|localstack] [--only NAME[,NAME…]] [--seed N] [--report DIR] [--parallel N] [--list]';

/** Where the scenarios run: the embedded emulator, or a LocalStack this command starts. */
export const TARGETS = ['embedded', 'localstack'] as const;
export type Target = (typeof TARGETS)[number];

/** Small scenarios mostly wait for virtual time to pass, so a few run side by side. */
export const DEFAULT_PARALLEL = 3;

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'list' }
  | {
      kind: 'run';
      selected: ScenarioDefinition[];
      seed: number;
      reportDir: string | undefined;
      target: Target;
      /** Scenarios run at once (the exclusive ones, like the soak, always alone). */
      parallel: number;
    }
  | { kind: 'error'; message: string };

export function parseCli(argv: string[], scenarios: readonly ScenarioDefinition[]): CliCommand {
  let values: {
    only?: string;
    seed?: string;
    report?: string;
    parallel?: string;
    list?: boolean;
    help?: boolean;
    target?: string;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        only: { type: 'string' },
        target: { type: 'string' },
        seed: { type: 'string' },
        report: { type: 'string' },
        parallel: { type: 'string' },
        list: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: `${(error as Error).message}\n${USAGE}` };
  }
  if (values.help) return { kind: 'help' };
  if (values.list) return { kind: 'list' };
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (values.seed !== undefined && (!/^\d+$/.test(values.seed) || !Number.isSafeInteger(seed))) {
    return {
      kind: 'error',
      message: `--seed must be a non-negative integer, got "${values.seed}"\n${USAGE}`,
    };
  }
  const parallel = values.parallel === undefined ? DEFAULT_PARALLEL : Number(values.parallel);
  if (
    values.parallel !== undefined &&
    (!/^\d+$/.test(values.parallel) || parallel < 1 || parallel > 8)
  ) {
    return {
      kind: 'error',
      message: `--parallel must be an integer from 1 to 8, got "${values.parallel}"\n${USAGE}`,
    };
  }
  if (values.report !== undefined && values.report.trim() === '') {
    return { kind: 'error', message: `--report needs a directory\n${USAGE}` };
  }
  const target = (values.target ?? 'embedded') as Target;
  if (!TARGETS.includes(target)) {
    return {
      kind: 'error',
      message: `--target must be one of ${TARGETS.join(', ')}, got "${values.target}"\n${USAGE}`,
    };
  }
  const wanted = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (wanted !== undefined && wanted.length === 0) {
    return { kind: 'error', message: `--only needs at least one scenario name\n${USAGE}` };
  }
  const unknown = (wanted ?? []).filter((n) => !scenarios.some((s) => s.name === n));
  if (unknown.length > 0) {
    return {
      kind: 'error',
      message: `unknown scenario(s): ${unknown.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`,
    };
  }
  return {
    kind: 'run',
    selected: wanted ? scenarios.filter((s) => wanted.includes(s.name)) : [...scenarios],
    seed,
    reportDir: values.report,
    target,
    parallel,
  };
}
