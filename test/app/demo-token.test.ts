// The demo token of a stack started without API_TOKENS: the same across restarts on one data
// directory, readable by its owner only, and replaced when the file holds something else.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoTokens } from '../../src/app/api-server.ts';

describe('demo token', () => {
  const dirs: string[] = [];
  const dir = () => {
    const made = mkdtempSync(join(tmpdir(), 'graphnode-token-'));
    dirs.push(made);
    return join(made, 'data');
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('stays the same across restarts on the same data directory', () => {
    const data = dir();
    const first = demoTokens(data);
    const second = demoTokens(data);
    expect([...second]).toEqual([...first]);
    expect([...first.values()]).toEqual(['demo']);
    expect(statSync(join(data, 'demo-token')).mode & 0o777).toBe(0o600);
    expect([...demoTokens(dir()).keys()]).not.toEqual([...first.keys()]);
  });

  it('replaces a file that holds no demo token', () => {
    const data = dir();
    demoTokens(data);
    writeFileSync(join(data, 'demo-token'), '<script>alert(1)</script>');
    const [token] = [...demoTokens(data).keys()];
    expect(token).toMatch(/^demo-[A-Za-z0-9_-]{24}$/);
    expect(readFileSync(join(data, 'demo-token'), 'utf8').trim()).toBe(token);
  });

  it('is fresh on every call without a data directory', () => {
    expect([...demoTokens().keys()]).not.toEqual([...demoTokens().keys()]);
  });
});
