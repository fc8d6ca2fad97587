// `node scenarios/soak-on-store.ts [TASKS]`: the soak (every fault mixed; default 200 tasks) with
// the API, relay and workers on the store SCENARIO_DATABASE_URL names — CI runs it on MongoDB
// (FerretDB) next to the full soak on SQLite. Prints the summary row; exits 0 only if every
// verdict holds (lost 0, unexpected 0, duplicate effects 0, …).
import { soakScenario } from './definitions/soak.ts';
import { renderTable } from './report/table.ts';
import { runScenario } from './runner.ts';

const raw = process.argv[2] ?? '200';
const tasks = Number(raw);
if (!Number.isInteger(tasks) || tasks < 10) {
  console.error(`TASKS must be a whole number ≥ 10, got "${raw}"`);
  process.exit(2);
}
const url = process.env.SCENARIO_DATABASE_URL;
if (!url) {
  console.error(
    'SCENARIO_DATABASE_URL is not set (e.g. mongodb://127.0.0.1:27017/{run}?maxPoolSize=1)',
  );
  process.exit(2);
}
const store = url.split(':')[0];
// A server slower than embedded SQLite (FerretDB serialises everything on one connection) gets
// more real time to settle; the verdicts are the same.
const definition = { ...soakScenario(tasks, `soak-${store}`), settleTimeoutMs: 300_000 };
const result = await runScenario(definition, { seed: 1 });
console.log(renderTable([result]));
process.exitCode = result.status === 'pass' ? 0 : 1;
