// The `fake-ai graph` command: a bundle file in, the graph on stdout; deterministic for a seed,
// both bundle forms accepted, malformed bundles reported with the file name.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGraphCommand } from '../../../fake-ai/commands/graph.ts';

const SAMPLE = fileURLToPath(new URL('../../fixtures/chat-export-sample.json', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fake-ai-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runGraphCommand(args, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    now: () => Date.parse('2030-05-06T07:08:09Z'),
  });
  return { code, out, err };
}

describe('fake-ai graph', () => {
  it('prints the graph of a bundle file, stamped with the clock', async () => {
    const { code, out, err } = await run(SAMPLE);
    expect(code).toBe(0);
    expect(err).toBe('');
    const graph = JSON.parse(out);
    expect(graph.nodes).toHaveLength(20);
    expect(graph.metadata.generated_at).toBe('2030-05-06T07:08:09.000Z');
  });

  it('is byte-identical for the same seed and fixed generation time', async () => {
    const args = [SAMPLE, '--seed', '7', '--generated-at', '2026-01-01T00:00:00Z'];
    const a = await run(...args);
    const b = await run(...args);
    expect(a.out).toBe(b.out);
    expect(JSON.parse(a.out).metadata.generated_at).toBe('2026-01-01T00:00:00.000Z');
  });

  it('accepts the {conversations} form the API uploads', async () => {
    const file = join(dir, 'wrapped.json');
    await writeFile(file, JSON.stringify({ conversations: [{ title: 'git', mapping: {} }] }));
    const { code, out } = await run(file, '--max-clusters', '1');
    expect(code).toBe(0);
    expect(JSON.parse(out).metadata.total_nodes).toBe(1);
  });

  it.each([
    [['/no/such/bundle.json'], 1, /cannot read bundle \/no\/such\/bundle\.json: ENOENT/],
    [[SAMPLE, '--seed', 'abc'], 1, /--seed must be an integer, got "abc"/],
    [[SAMPLE, '--generated-at', 'soon'], 1, /--generated-at must be an ISO-8601 time/],
    [[], 2, /expected exactly one bundle file/],
    [[SAMPLE, SAMPLE], 2, /expected exactly one bundle file/],
    [[SAMPLE, '--colour'], 2, /Unknown option '--colour'/],
  ])('fails clearly for %j', async (args, expectedCode, message) => {
    const { code, out, err } = await run(...args);
    expect(code).toBe(expectedCode);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });

  it('reports malformed bundles with the file name and the problem', async () => {
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '[{"title": "x", "mapping": 3}]');
    const { code, err } = await run(broken);
    expect(code).toBe(1);
    expect(err).toContain(`${broken}: [0].mapping must be an object`);
    const truncated = join(dir, 'truncated.json');
    await writeFile(truncated, '[{"title": ');
    expect((await run(truncated)).err).toMatch(/truncated\.json is not valid JSON/);
  });
});
