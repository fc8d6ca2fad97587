// Generates the TypeScript types in src/contracts/generated/ from the JSON Schemas in
// contracts/schemas/ (json-schema-to-typescript), and the task-type lists, pairing and
// type-to-message map (catalogue.ts) from contracts/contract.json, formatted by biome so the
// output is lint-clean.
// `--check` regenerates in memory and exits 1 if the committed files differ (CI drift check).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFromFile } from 'json-schema-to-typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = join(root, 'contracts', 'schemas');
const outDir = join(root, 'src', 'contracts', 'generated');

const BANNER =
  '// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.\n';

/** One generated module per schema file: `graph-output.schema.json` → `graph-output.ts`. */
export async function generateTypes(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const schemas = readdirSync(schemaDir)
    .filter((name) => name.endsWith('.schema.json'))
    .sort();
  for (const name of schemas) {
    const ts = await compileFromFile(join(schemaDir, name), {
      cwd: schemaDir,
      bannerComment: '',
      format: false,
      // Shared definitions live in other schema files; each generated module is self-contained.
      declareExternallyReferenced: true,
      unreachableDefinitions: false,
    });
    const target = name.replace(/\.schema\.json$/, '.ts');
    files.set(target, format(`${BANNER}\n${ts}`, target));
  }
  files.set('catalogue.ts', format(catalogueModule(), 'catalogue.ts'));
  return files;
}

interface Manifest {
  messages: Record<string, string>;
  catalogue: Record<
    string,
    { direction: string; result?: string; progress?: string; answers?: string }
  >;
  queues: Record<string, { messages: string[] }>;
}

/** The catalogue of contract.json as TypeScript constants, so no list of types is kept by hand. */
function catalogueModule(): string {
  const manifest = JSON.parse(
    readFileSync(join(root, 'contracts', 'contract.json'), 'utf8'),
  ) as Manifest;
  const types = Object.keys(manifest.messages);
  const list = (direction: string) =>
    JSON.stringify(types.filter((t) => manifest.catalogue[t]?.direction === direction));
  const pairs = (pick: (t: string) => string | undefined) =>
    JSON.stringify(Object.fromEntries(types.flatMap((t) => (pick(t) ? [[t, pick(t)]] : []))));
  const queueOf = Object.fromEntries(
    Object.entries(manifest.queues).flatMap(([queue, q]) => q.messages.map((t) => [t, queue])),
  );
  const typeName = (t: string) => {
    const schema = JSON.parse(
      readFileSync(join(schemaDir, manifest.messages[t] as string), 'utf8'),
    );
    return String(schema.title);
  };
  const module = (t: string) =>
    `./${(manifest.messages[t] as string).replace(/\.schema\.json$/, '.ts')}`;
  return [
    '// Generated from contracts/contract.json by `npm run contracts:types`. Do not edit by hand.',
    // Sorted by module, as biome orders imports.
    ...types
      .map((t) => `import type { ${typeName(t)} } from '${module(t)}';`)
      .sort((a, b) => a.split("'")[1]!.localeCompare(b.split("'")[1]!)),
    '/** Every message type, in the order of contracts/contract.json. */',
    `export const TASK_TYPES = ${JSON.stringify(types)} as const;`,
    `export const REQUEST_TASK_TYPES = ${list('request')} as const;`,
    `export const PROGRESS_TASK_TYPES = ${list('progress')} as const;`,
    `export const RESULT_TASK_TYPES = ${list('result')} as const;`,
    "/** The type that ends each request's task. */",
    `export const RESULT_FOR_REQUEST = ${pairs((t) => manifest.catalogue[t]?.result)} as const;`,
    "/** The type reporting each request's progress, where there is one. */",
    `export const PROGRESS_FOR_REQUEST = ${pairs((t) => manifest.catalogue[t]?.progress)} as const;`,
    '/** The request each progress or result type answers. */',
    `export const REQUEST_FOR_ANSWER = ${pairs((t) => manifest.catalogue[t]?.answers)} as const;`,
    '/** The queue carrying each type. */',
    `export const QUEUE_OF_TASK_TYPE = ${JSON.stringify(queueOf)} as const;`,
    '/** The message type for each task type. */',
    'export interface MessageByTaskType {',
    ...types.map((t) => `  ${t}: ${typeName(t)};`),
    '}',
    '',
  ].join('\n');
}

function format(source: string, fileName: string): string {
  const biome = join(root, 'node_modules', '.bin', 'biome');
  return execFileSync(biome, ['format', `--stdin-file-path=${join(outDir, fileName)}`], {
    input: source,
    encoding: 'utf8',
  });
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const files = await generateTypes();
  const stale: string[] = [];
  for (const [name, content] of files) {
    const path = join(outDir, name);
    let current: string | undefined;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === content) continue;
    if (check) stale.push(name);
    else writeFileSync(path, content);
  }
  const expected = new Set(files.keys());
  const extra = readdirSync(outDir).filter((name) => name.endsWith('.ts') && !expected.has(name));
  if (check) {
    if (stale.length > 0 || extra.length > 0) {
      console.error(
        `contract types are stale: ${[...stale, ...extra].join(', ')} in src/contracts/generated/ ` +
          'differ from contracts/schemas/; run `npm run contracts:types` and commit the result',
      );
      process.exit(1);
    }
    console.log(`contract types up to date (${files.size} files)`);
  } else {
    console.log(`wrote ${files.size} files to src/contracts/generated/`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
