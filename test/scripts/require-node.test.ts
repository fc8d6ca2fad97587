// The front door: every npm entry point checks the Node version first and, on a Node the code
// cannot run on, says in one line which Node it needs and exits 1 instead of a stack trace.
// An older Node is simulated by overriding process.versions.node in every process npm starts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  engines: { node: string };
  scripts: Record<string, string>;
};

function runAs(nodeVersion: string, args: string[], command = 'npm') {
  const pretend = `Object.defineProperty(process.versions,'node',{value:'${nodeVersion}'})`;
  return spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: `--import "data:text/javascript,${pretend}"` },
    timeout: 60_000,
  });
}

describe('Node version check at every entry point', () => {
  it('states a range that includes this Node', () => {
    const run = spawnSync(process.execPath, ['scripts/require-node.mjs'], { cwd: root });
    expect(run.status).toBe(0);
  });

  it.each(Object.keys(pkg.scripts))(
    'npm run %s on Node 20 names the Node it needs and exits 1',
    (name) => {
      const run = runAs('20.20.2', ['run', '--silent', name]);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(
        `graphnode-harness needs Node ${pkg.engines.node} (this is v20.20.2)`,
      );
      expect(run.stderr).not.toMatch(/at .*\(.*:\d+:\d+\)/);
    },
  );

  it.each([
    ['22.12.0', 1],
    ['22.22.2', 0],
    ['23.11.0', 1],
    ['24.14.9', 1],
    ['24.15.0', 0],
    ['26.0.0', 0],
  ])('Node %s → exit %i', (version, status) => {
    const run = runAs(version, ['scripts/require-node.mjs'], process.execPath);
    expect(run.status).toBe(status);
  });
});
