// A pinned Python virtual environment the project creates itself under the user's cache
// (~/.cache/graphnode-harness/<name>-venv): found or installed once, then reused. An install goes
// into a scratch folder renamed into place only when complete, so an interrupted install never
// leaves a half-made environment behind; an environment that is there but broken gets a clear
// message naming the folder to remove.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface PythonEnvSpec {
  /** Folder name stem: `<cache>/<name>-venv`. */
  name: string;
  /** Lowest Python (major, minor) the packages run on. */
  minPython: readonly [number, number];
  /** pip requirement lines, pinned. */
  requirements: readonly string[];
  /** Python statement that must run in a working environment (e.g. an import). */
  check: string;
  /** Python code run once after the packages are in, with the environment's folder as argv[1]. */
  postInstall?: string;
}

export interface PythonEnv {
  dir: string;
  python: string;
  /** True when this call installed it (the caller may report the time it took). */
  installed: boolean;
}

const MARKER = 'graphnode-env.json';

export function cacheRoot(): string {
  return process.env.GRAPHNODE_CACHE_DIR || join(homedir(), '.cache', 'graphnode-harness');
}

export class PythonEnvError extends Error {}

export interface Ran {
  code: number | null;
  out: string;
}

/** Runs a command to its end, its stdout and stderr together (bounded by `timeoutMs`). */
export function run(cmd: string, args: readonly string[], timeoutMs: number): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('error', (error) => resolve({ code: -1, out: `${out}${error.message}` }));
    child.once('close', (code) => resolve({ code, out }));
  });
}

function tail(text: string, lines = 15): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/** Interpreters to try, best first: $GRAPHNODE_PYTHON, versioned names on PATH, pyenv's versions. */
async function candidates(min: readonly [number, number]): Promise<string[]> {
  const out: string[] = [];
  if (process.env.GRAPHNODE_PYTHON) out.push(process.env.GRAPHNODE_PYTHON);
  for (let minor = min[1] + 3; minor >= min[1]; minor--) out.push(`python${min[0]}.${minor}`);
  const pyenv = join(process.env.PYENV_ROOT || join(homedir(), '.pyenv'), 'versions');
  if (existsSync(pyenv)) {
    const versions = (await readdir(pyenv)).filter((v) => /^\d+\.\d+\.\d+$/.test(v)).reverse();
    for (const v of versions) out.push(join(pyenv, v, 'bin', 'python3'));
  }
  out.push('python3');
  return out;
}

/** The first interpreter at or above `min`, or an error listing what was found. */
export async function findPython(min: readonly [number, number]): Promise<string> {
  const seen: string[] = [];
  for (const candidate of await candidates(min)) {
    const got = await run(
      candidate,
      ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'],
      10_000,
    );
    if (got.code !== 0) continue;
    const [major, minor] = got.out.trim().split('.').map(Number);
    seen.push(`${candidate} (${got.out.trim()})`);
    if (major === min[0] && (minor ?? 0) >= min[1]) return candidate;
  }
  throw new PythonEnvError(
    `needs Python ≥ ${min.join('.')} on the host; found ${seen.length > 0 ? seen.join(', ') : 'no Python at all'}. ` +
      'Install one (e.g. `pyenv install 3.13`) or point GRAPHNODE_PYTHON at it.',
  );
}

function pythonIn(dir: string): string {
  return join(dir, 'bin', 'python');
}

/** Checks an existing environment: complete (marker of this spec) and working (the check runs). */
async function verify(dir: string, spec: PythonEnvSpec): Promise<'ok' | 'stale'> {
  const broken = (why: string) =>
    new PythonEnvError(
      `the ${spec.name} Python environment at ${dir} is half-installed or broken (${why}). ` +
        `Remove it (rm -rf ${dir}) and run again to reinstall it.`,
    );
  let marker: { requirements?: string[] };
  try {
    marker = JSON.parse(await readFile(join(dir, MARKER), 'utf8')) as typeof marker;
  } catch {
    throw broken(`no ${MARKER}: it was not made by this project or its install never finished`);
  }
  if (JSON.stringify(marker.requirements) !== JSON.stringify(spec.requirements)) return 'stale';
  if (!existsSync(pythonIn(dir))) throw broken(`${pythonIn(dir)} is missing`);
  const got = await run(pythonIn(dir), ['-c', spec.check], 120_000);
  if (got.code !== 0) throw broken(`\`${spec.check}\` failed: ${tail(got.out, 3)}`);
  return 'ok';
}

export async function ensurePythonEnv(
  spec: PythonEnvSpec,
  options: { root?: string; log?: (line: string) => void } = {},
): Promise<PythonEnv> {
  const root = options.root ?? cacheRoot();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const dir = join(root, `${spec.name}-venv`);
  if (existsSync(dir)) {
    if ((await verify(dir, spec)) === 'ok') return { dir, python: pythonIn(dir), installed: false };
    log(`${dir} holds other pinned versions: reinstalling`);
    await rm(dir, { recursive: true, force: true });
  }
  const python = await findPython(spec.minPython);
  await mkdir(root, { recursive: true });
  const scratch = `${dir}.partial-${process.pid}`;
  await rm(scratch, { recursive: true, force: true });
  log(
    `installing ${spec.requirements.join(' ')} into ${dir} with ${python} (once; later runs reuse it)`,
  );
  const started = performance.now();
  try {
    const venv = await run(python, ['-m', 'venv', scratch], 120_000);
    if (venv.code !== 0) throw new PythonEnvError(`python -m venv failed:\n${tail(venv.out)}`);
    const pip = await run(
      pythonIn(scratch),
      [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--no-input',
        ...spec.requirements,
      ],
      20 * 60_000,
    );
    if (pip.code !== 0) throw new PythonEnvError(`pip install failed:\n${tail(pip.out)}`);
    if (spec.postInstall) {
      const post = await run(pythonIn(scratch), ['-c', spec.postInstall, scratch], 120_000);
      if (post.code !== 0) throw new PythonEnvError(`post-install step failed:\n${tail(post.out)}`);
    }
    const check = await run(pythonIn(scratch), ['-c', spec.check], 120_000);
    if (check.code !== 0) {
      throw new PythonEnvError(`installed, but \`${spec.check}\` fails:\n${tail(check.out)}`);
    }
    await writeFile(
      join(scratch, MARKER),
      `${JSON.stringify({ requirements: spec.requirements, python, at: new Date().toISOString() }, null, 2)}\n`,
    );
    try {
      await rename(scratch, dir);
    } catch (error) {
      // Another process finished the same install first: use its copy.
      if (!existsSync(dir)) throw error;
      await rm(scratch, { recursive: true, force: true });
    }
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    if (error instanceof PythonEnvError) {
      throw new PythonEnvError(`could not install the ${spec.name} environment: ${error.message}`);
    }
    throw error;
  }
  log(`installed ${spec.name} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  // A venv is not relocatable: its scripts name the scratch path, but `python -m` does not care.
  return { dir, python: pythonIn(dir), installed: true };
}
