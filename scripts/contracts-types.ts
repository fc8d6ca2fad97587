// Generates the TypeScript types in src/contracts/generated/ from the JSON Schemas in
// contracts/schemas/ (json-schema-to-typescript), formatted by biome so the output is lint-clean.
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
  return files;
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
