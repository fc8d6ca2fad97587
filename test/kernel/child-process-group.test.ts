// Process groups: a signal reaches what the child started, kill() and stop() leave nothing
// running (grandchildren included), and a group that is gone answers as gone.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { groupAlive, ProcessGroup, signalGroup } from '../../src/kernel/child-process-group.ts';

let dir: string;
const started: ProcessGroup[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'process-group-test-'));
});
afterEach(async () => {
  for (const group of started.splice(0)) await group.kill();
  await rm(dir, { recursive: true, force: true });
});

/** A node child that starts a grandchild, writes both pids, and idles (ignoring SIGTERM if asked). */
function spawnFamily(pidFile: string, ignoreTerm = false): ProcessGroup {
  const group = ProcessGroup.spawn(
    process.execPath,
    [
      '-e',
      `const { spawn } = require('node:child_process');
       ${ignoreTerm ? "process.on('SIGTERM', () => {});" : ''}
       const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
       require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, process.pid + ' ' + grandchild.pid);
       setInterval(() => {}, 1000);`,
    ],
    { stdio: 'ignore' },
  );
  started.push(group);
  return group;
}

async function pids(file: string): Promise<number[]> {
  await vi.waitFor(async () => expect((await readFile(file, 'utf8')).split(' ')).toHaveLength(2), {
    timeout: 10_000,
    interval: 20,
  });
  return (await readFile(file, 'utf8')).split(' ').map(Number);
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('ProcessGroup', () => {
  it('kill() sends SIGKILL to the child and what it started, and waits until none runs', async () => {
    const file = join(dir, 'pids');
    const group = spawnFamily(file);
    const [child, grandchild] = await pids(file);
    expect(group.alive()).toBe(true);
    const exit = await group.kill();
    expect(exit.signal).toBe('SIGKILL');
    expect(group.alive()).toBe(false);
    expect(groupAlive(child as number)).toBe(false);
    // The grandchild was adopted and reaped by then: not even a zombie is left to signal.
    expect(running(grandchild as number)).toBe(false);
  });

  it('stop() ends a group that ignores SIGTERM with SIGKILL after the grace', async () => {
    const file = join(dir, 'pids');
    const group = spawnFamily(file, true);
    await pids(file);
    const before = performance.now();
    await group.stop(300);
    expect(performance.now() - before).toBeGreaterThanOrEqual(250);
    expect(group.exit?.signal).toBe('SIGKILL');
    expect(group.alive()).toBe(false);
  });

  it('stop() of a group that honours SIGTERM ends it with SIGTERM', async () => {
    const group = ProcessGroup.spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore',
    });
    started.push(group);
    await group.stop(5_000);
    expect(group.exit?.signal).toBe('SIGTERM');
  });

  it('answers for a group that is gone: no signal delivered, not alive', async () => {
    const group = ProcessGroup.spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    started.push(group);
    expect((await group.exited).code).toBe(0);
    expect(await group.waitGone(5_000)).toBe(true);
    expect(group.signal('SIGTERM')).toBe(false);
    expect(signalGroup(group.pid as number, 0)).toBe(false);
  });

  it('with killOnExit, kills members that outlived their leader when the caller exits', async () => {
    const file = join(dir, 'pids');
    const moduleUrl = new URL('../../src/kernel/child-process-group.ts', import.meta.url).href;
    // The caller: starts a group whose leader starts a grandchild and exits; once the leader is
    // gone the caller exits too, leaving the grandchild to the exit hook.
    const caller = ProcessGroup.spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { ProcessGroup } from ${JSON.stringify(moduleUrl)};
         const group = ProcessGroup.spawn(process.execPath, ['-e', \`
           const { spawn } = require('node:child_process');
           const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
           grandchild.unref();
           require('node:fs').writeFileSync(\${JSON.stringify(${JSON.stringify(file)})}, process.pid + ' ' + grandchild.pid);
         \`], { stdio: 'ignore', killOnExit: true });
         await group.exited;
         process.exit(0);`,
      ],
      { stdio: 'ignore' },
    );
    started.push(caller);
    const [, grandchild] = await pids(file);
    await caller.exited;
    try {
      await vi.waitFor(() => expect(running(grandchild as number)).toBe(false), {
        timeout: 10_000,
        interval: 20,
      });
    } finally {
      if (running(grandchild as number)) process.kill(grandchild as number, 'SIGKILL');
    }
  });

  it('reports a command that cannot be started', async () => {
    const group = ProcessGroup.spawn(join(dir, 'no-such-command'), []);
    await group.exited;
    expect(group.spawnError?.message).toMatch(/ENOENT/);
    expect(group.alive()).toBe(false);
    await group.stop();
  });
});
