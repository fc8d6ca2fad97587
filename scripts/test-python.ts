// `npm run test:python`: the Python contract kit's pytest suite. Creates .venv with
// `python3 -m venv` when missing, installs contracts/python[test] (editable, so it reads the
// schemas in contracts/) from PyPI when the kit's pyproject changed, then runs pytest.
// Extra arguments are passed to pytest.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const venv = join(root, '.venv');
const python = join(venv, 'bin', 'python');
const kit = join(root, 'contracts', 'python');
const stamp = join(venv, '.graphnode-contracts-install');
// The example AI server's dependencies (boto3), installed beside the kit.
const exampleRequirements = join(kit, 'examples', 'requirements.txt');

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) {
    console.error(`test:python: cannot run ${command}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(python)) {
  const interpreter = process.env.PYTHON ?? 'python3';
  console.log(`test:python: creating .venv with ${interpreter}`);
  run(interpreter, ['-m', 'venv', venv]);
}

// Reinstall only when the kit's dependencies changed: the install hits PyPI.
const wanted = createHash('sha256')
  .update(readFileSync(join(kit, 'pyproject.toml')))
  .update(readFileSync(exampleRequirements))
  .digest('hex');
const installed = existsSync(stamp) ? readFileSync(stamp, 'utf8') : '';
if (installed !== wanted) {
  console.log(
    "test:python: installing contracts/python[test] and the example server's requirements into .venv",
  );
  run(python, [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    '-e',
    `${kit}[test]`,
    '-r',
    exampleRequirements,
  ]);
  writeFileSync(stamp, wanted);
}

// GRAPHNODE_NODE: the Node.js that runs this script, for the cross-language verdict test.
const env = { ...process.env, PACT_DO_NOT_TRACK: 'true', GRAPHNODE_NODE: process.execPath };
const result = spawnSync(python, ['-m', 'pytest', '-q', kit, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
