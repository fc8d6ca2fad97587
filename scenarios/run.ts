// `npm run scenarios [-- --target localstack --only NAME[,NAME] --seed N --report DIR]`: runs the
// fault-injection scenarios against the embedded emulator (or AWS_ENDPOINT_URL, or a LocalStack it
// starts and stops), shows progress, prints the summary table, writes the JSON and HTML reports,
// and exits 0 only if every verdict holds.
import { type CliCommand, parseCli, USAGE } from './cli.ts';
import { SCENARIOS } from './definitions/index.ts';
import type { ScenarioDefinition, ScenarioResult } from './model.ts';
import { buildReport } from './report/run-report.ts';
import { renderTable } from './report/table.ts';
import { writeReport } from './report/write.ts';
import { runScenario } from './runner.ts';
import { type RunningLocalStack, startLocalStack } from './targets/localstack.ts';

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
  let localstack: RunningLocalStack | undefined;
  if (command.target === 'localstack') {
    if (process.env.AWS_ENDPOINT_URL) {
      console.error(
        `--target localstack starts its own LocalStack, but AWS_ENDPOINT_URL=${process.env.AWS_ENDPOINT_URL} is set too: unset one of them`,
      );
      return 2;
    }
    try {
      localstack = await startLocalStack((line) => console.log(line));
    } catch (error) {
      console.error((error as Error).message);
      return 1;
    }
    console.log(`started ${localstack.how} at ${localstack.url}`);
  }
  // Stopped however the run ends (a crash of the runner included).
  try {
    return await runSelected(command, localstack);
  } finally {
    await localstack?.stop();
  }
}

async function runSelected(
  command: Extract<CliCommand, { kind: 'run' }>,
  localstack: RunningLocalStack | undefined,
): Promise<number> {
  const { selected, seed } = command;
  const endpoint = localstack?.url ?? (process.env.AWS_ENDPOINT_URL || undefined);
  const target = localstack
    ? `${localstack.how} at ${localstack.url}`
    : (endpoint ?? 'embedded emulator');
  const startedAt = new Date().toISOString();
  const wallStart = performance.now();
  console.log(
    `running ${selected.length} scenario(s) against ${target}, seed ${seed}, ${command.parallel} at a time`,
  );
  const results = new Map<ScenarioDefinition, ScenarioResult>();
  let done = 0;
  const runOne = async (definition: ScenarioDefinition) => {
    const prefix = `${definition.name}`;
    const result = await runScenario(definition, {
      seed,
      endpoint,
      region: process.env.AWS_REGION || undefined,
      bucket: process.env.S3_PAYLOAD_BUCKET || undefined,
      onProgress: (line) => console.log(`${prefix}: ${line}`),
    });
    done++;
    console.log(
      `[${done}/${selected.length}] ${prefix}: ${result.status.toUpperCase()} in ${(result.durationMs / 1000).toFixed(1)} s`,
    );
    results.set(definition, result);
  };
  // Shared scenarios a few at a time, then the exclusive ones (the soak) alone.
  const shared = selected.filter((d) => !d.exclusive);
  let next = 0;
  const lane = async () => {
    for (let d = shared[next++]; d; d = shared[next++]) await runOne(d);
  };
  await Promise.all(Array.from({ length: Math.min(command.parallel, shared.length) }, lane));
  for (const definition of selected.filter((d) => d.exclusive)) await runOne(definition);
  const ordered = selected.flatMap((d) => results.get(d) ?? []);
  const wallMs = performance.now() - wallStart;
  console.log(`\n${renderTable(ordered)}\nwall time ${(wallMs / 1000).toFixed(1)} s`);
  const report = buildReport(ordered, { startedAt, seed, target, wallMs });
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
