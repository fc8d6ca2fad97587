// `verify ai` on real processes: our fake AI run as an external process passes every case, and
// commands that exit at once, never read the queue or flood it get a clear message and a
// non-zero exit, with everything the harness started stopped (process group gone, port freed).
import { readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AI_CASES } from '../../verify/ai/cases.ts';
import { failedVerdicts, runVerify } from './support/run-verify.ts';

const MISBEHAVING = 'node test/verify/support/misbehaving-server.ts';

function endpointOf(out: string): string {
  const match = /AWS_ENDPOINT_URL=(\S+)/.exec(out);
  if (!match) throw new Error(`no endpoint printed:\n${out}`);
  return match[1] as string;
}

function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

function groupGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

describe('verify ai', () => {
  it('passes our fake AI server run as an external process, on every case', async () => {
    const run = await runVerify(['ai', '--command', 'node fake-ai/cli.ts serve']);
    expect(run.code, run.out + run.err).toBe(0);
    expect(run.report?.passed).toBe(true);
    expect(run.report?.cases.map((c) => [c.name, c.status])).toEqual(
      AI_CASES.map((c) => [c.name, 'pass']),
    );
    // Every request of every type was judged, with a timeline drawn from the journal.
    const types = new Set(run.report?.cases.flatMap((c) => c.requests.map((r) => r.taskType)));
    for (const type of [
      'GRAPH_GENERATION_REQUEST',
      'GRAPH_SUMMARY_REQUEST',
      'ADD_NODE_REQUEST',
      'MICROSCOPE_INGEST_REQUEST',
      'MICROSCOPE_INGEST_FROM_NODE_REQUEST',
    ]) {
      expect(types).toContain(type);
    }
    expect(run.out).toMatch(/PASSED: 11\/11 cases passed/);
    expect(readFileSync(join(run.reportDir, 'report.html'), 'utf8')).toMatch(/<svg/);
    expect(await refusesConnections(endpointOf(run.out))).toBe(true);
  }, 120_000);

  it('stops at once on a command that exits at once, saying so with its output', async () => {
    const run = await runVerify(['ai', '--command', 'echo cannot find model weights >&2; exit 3']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/the command exited \(code 3, signal none\) \d+ ms after start/);
    expect(run.err).toMatch(/cannot find model weights/);
    expect(await refusesConnections(endpointOf(run.out))).toBe(true);
  });

  it('gives up on a command that never reads the request queue, and kills its whole group', async () => {
    const pidFile = join(process.env.TMPDIR ?? '/tmp', `verify-never-reads-${process.pid}`);
    const run = await runVerify([
      'ai',
      '--command',
      `sleep 300 & echo $! > ${pidFile}; sleep 300`,
      '--ready-timeout',
      '2',
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/has not read the request queue .* within 2 s/);
    const background = Number(readFileSync(pidFile, 'utf8'));
    expect(groupGone(background)).toBe(true);
    expect(await refusesConnections(endpointOf(run.out))).toBe(true);
  });

  it('fails a server that floods the queues and one that never answers', async () => {
    const flood = await runVerify([
      'ai',
      '--command',
      `${MISBEHAVING} flood`,
      '--cases',
      'every-type',
      '--case-timeout',
      '2',
    ]);
    expect(flood.code).toBe(1);
    expect(failedVerdicts(flood.report)).toContain('no unexpected messages');
    const unexpected = flood.report?.cases[0]?.verdicts.find(
      (v) => v.name === 'no unexpected messages',
    );
    expect(unexpected?.saw).toMatch(
      /result-queue message\(s\) about no request sent.*put on the request queue by the server/,
    );
    const idle = await runVerify([
      'ai',
      '--command',
      `${MISBEHAVING} idle`,
      '--cases',
      'every-type',
      '--case-timeout',
      '2',
    ]);
    expect(idle.code).toBe(1);
    expect(failedVerdicts(idle.report)).toEqual(
      new Set(['terminal result arrives', 'nothing left in flight']),
    );
  }, 60_000);
});
