// `npm run scenarios [-- --only NAME[,NAME] --seed N --report DIR]`: runs the fault-injection
// scenarios against the embedded emulator (or AWS_ENDPOINT_URL), shows progress, prints the
// summary table, writes the JSON and HTML reports, and exits 0 only if every verdict holds.
import { parseCli, USAGE } from './cli.ts';
import { SCENARIOS } from './definitions/index.ts';
import type { ScenarioResult } from './model.ts';
import { buildReport, writeReport } from './report/json.ts';
import { renderTable } from './report/table.ts';
import { runScenario } from './runner.ts';

async function main(): Promise<number> {
  const command = parseCli(process.argv.slice(2), SCENARIOS);
  if (command.kind === 'error') {
    console.error(command.message);
    return 2;
  }
  if (command.kind === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (command.kind === 'list') {
    for (const s of SCENARIOS) console.log(`${s.name.padEnd(28)} ${s.title}`);
    return 0;
  }
  const { selected, seed } = command;
  const endpoint = process.env.AWS_ENDPOINT_URL || undefined;
  const target = endpoint ?? 'embedded emulator';
  const startedAt = new Date().toISOString();
  console.log(`running ${selected.length} scenario(s) against ${target}, seed ${seed}`);
  const results: ScenarioResult[] = [];
  for (const [i, definition] of selected.entries()) {
    const prefix = `[${i + 1}/${selected.length}] ${definition.name}`;
    const result = await runScenario(definition, {
      seed,
      endpoint,
      region: process.env.AWS_REGION || undefined,
      bucket: process.env.S3_PAYLOAD_BUCKET || undefined,
      onProgress: (line) => console.log(`${prefix}: ${line}`),
    });
    console.log(
      `${prefix}: ${result.status.toUpperCase()} in ${(result.durationMs / 1000).toFixed(1)} s`,
    );
    results.push(result);
  }
  console.log(`\n${renderTable(results)}`);
  const report = buildReport(results, { startedAt, seed, target });
  if (command.reportDir) {
    const paths = await writeReport(command.reportDir, report);
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
