// `npm run scenarios [-- --only NAME[,NAME] --seed N --report DIR]`: runs the fault-injection
// scenarios against the embedded emulator (or AWS_ENDPOINT_URL), shows progress, prints the
// summary table, writes the JSON and HTML reports, and exits 0 only if every verdict holds.
import { parseArgs } from 'node:util';
import { SCENARIOS } from './definitions/index.ts';
import type { ScenarioResult } from './model.ts';
import { buildReport, writeReport } from './report/json.ts';
import { renderTable } from './report/table.ts';
import { runScenario } from './runner.ts';

const USAGE =
  'usage: npm run scenarios -- [--only NAME[,NAME…]] [--seed N] [--report DIR] [--list]';

async function main(): Promise<number> {
  let values: { only?: string; seed?: string; report?: string; list?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        only: { type: 'string' },
        seed: { type: 'string' },
        report: { type: 'string' },
        list: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.list) {
    for (const s of SCENARIOS) console.log(`${s.name.padEnd(28)} ${s.title}`);
    return 0;
  }
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    console.error(`--seed must be a non-negative integer, got "${values.seed}"\n${USAGE}`);
    return 2;
  }
  const wanted = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = (wanted ?? []).filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length > 0) {
    console.error(
      `unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`,
    );
    return 2;
  }
  const selected = wanted ? SCENARIOS.filter((s) => wanted.includes(s.name)) : SCENARIOS;
  const endpoint = process.env.AWS_ENDPOINT_URL || undefined;
  const target = endpoint ?? 'embedded emulator';
  const startedAt = new Date().toISOString();
  console.log(`running ${selected.length} scenario(s) against ${target}, seed ${seed}`);
  const results: ScenarioResult[] = [];
  for (const [i, definition] of selected.entries()) {
    const prefix = `[${i + 1}/${selected.length}] ${definition.name}`;
    const started = performance.now();
    const result = await runScenario(definition, {
      seed,
      endpoint,
      onProgress: (line) => console.log(`${prefix}: ${line}`),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${prefix}: ${result.status.toUpperCase()} in ${seconds} s`);
    results.push(result);
  }
  console.log(`\n${renderTable(results)}`);
  const report = buildReport(results, { startedAt, seed, target });
  if (values.report) {
    const paths = await writeReport(values.report, report);
    console.log(`\nreports: ${paths.json}, ${paths.html}`);
  }
  return report.passed ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  },
);
