// `npm run bench [-- part ...]`: runs the benchmark parts (all by default) and prints one table.
// Figures depend on the machine; the README records those measured on the reference machine.
import { cpus, totalmem } from 'node:os';
import { type Row, renderTable } from './support/table.ts';

type Part = () => Promise<Row[]>;

const parts: Record<string, () => Promise<Part>> = {
  // Only on request (installs and starts LocalStack, ElasticMQ and moto; prints its own tables).
  anchors: async () => (await import('./anchors/run.ts')).run,
  emulator: async () => (await import('./emulator/run.ts')).run,
  'fake-ai-graph': async () => (await import('./fake-ai-graph.ts')).run,
  'fake-ai-roundtrip': async () => (await import('./fake-ai-roundtrip.ts')).run,
  pipeline: async () => (await import('./pipeline/run.ts')).run,
  // Only on request: the emulator part has these rows too; this one takes more, shorter turns.
  persistence: async () => (await import('./emulator/persistence.ts')).run,
};

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = requested.filter((p) => !(p in parts));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark part(s): ${unknown.join(', ')}; known: ${Object.keys(parts).join(', ')}`,
  );
  process.exit(2);
}

const rows: Row[] = [];
const everyday = Object.keys(parts).filter((p) => p !== 'anchors' && p !== 'persistence');
for (const name of requested.length > 0 ? requested : everyday) {
  process.stderr.write(`running ${name} benchmark…\n`);
  const run = await parts[name]!();
  rows.push(...(await run()));
}
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `\nmachine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
);
if (rows.length > 0) console.log(renderTable(rows));
