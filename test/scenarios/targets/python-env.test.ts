// The pinned Python environment: a half-installed or broken one is refused with a message naming
// the folder to remove, and a missing interpreter is named with what was found instead.
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ensurePythonEnv,
  findPython,
  type PythonEnvSpec,
} from '../../../scenarios/targets/python-env.ts';

const spec: PythonEnvSpec = {
  name: 'probe',
  minPython: [3, 9],
  requirements: ['graphnode-probe==1.0'],
  check: 'import graphnode_probe_module_that_is_not_there',
};

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'graphnode-pyenv-test-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** An environment as an install leaves it (marker, interpreter), with no packages in it. */
async function completeLooking(): Promise<string> {
  const dir = join(root, 'probe-venv');
  await mkdir(join(dir, 'bin'), { recursive: true });
  await symlink(await findPython([3, 0]), join(dir, 'bin', 'python'));
  await writeFile(
    join(dir, 'graphnode-env.json'),
    JSON.stringify({ requirements: spec.requirements }),
  );
  return dir;
}

describe('ensurePythonEnv', () => {
  it('refuses a folder whose install never finished (no marker), naming what to remove', async () => {
    const dir = join(root, 'probe-venv');
    await mkdir(join(dir, 'bin'), { recursive: true });
    await expect(ensurePythonEnv(spec, { root, log: () => {} })).rejects.toThrow(
      `the probe Python environment at ${dir} is half-installed or broken (no graphnode-env.json: it was not made by this project or its install never finished). Remove it (rm -rf ${dir}) and run again`,
    );
    // Nothing was deleted or installed behind the user's back.
    expect(await readdir(root)).toEqual(['probe-venv']);
  });

  it('refuses a complete-looking environment whose packages do not import', async () => {
    await completeLooking();
    await expect(ensurePythonEnv(spec, { root, log: () => {} })).rejects.toThrow(
      /half-installed or broken \(`import graphnode_probe_module_that_is_not_there` failed: [\s\S]*ModuleNotFoundError/,
    );
  });

  it('uses a complete environment as it is', async () => {
    const dir = await completeLooking();
    const env = await ensurePythonEnv({ ...spec, check: 'import json' }, { root, log: () => {} });
    expect(env).toEqual({ dir, python: join(dir, 'bin', 'python'), installed: false });
  });

  it('says which interpreters it found when none is new enough, before creating anything', async () => {
    await expect(
      ensurePythonEnv({ ...spec, minPython: [9, 0] }, { root, log: () => {} }),
    ).rejects.toThrow(/needs Python ≥ 9\.0 on the host; found .*\(3\.\d+\).*GRAPHNODE_PYTHON/);
    expect(await readdir(root)).toEqual([]);
  });
});
