// `verify backend` on real processes: our result worker run through its stand-alone entry point
// (`node src/workers/index.ts`) passes every case, judged at the queue level and per task through
// a status probe command reading its store; an unreachable status probe stops the run clearly.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKEND_CASES } from '../../verify/backend/cases.ts';
import { runVerify } from './support/run-verify.ts';

const WORKER = 'node src/workers/index.ts';

describe('verify backend', () => {
  it('passes our result worker run as a separate process', async () => {
    const db = `sqlite:${join(mkdtempSync(join(tmpdir(), 'verify-backend-')), 'tasks.db')}`;
    const taskIds = execFileSync(
      process.execPath,
      ['test/verify/support/tasks-db.ts', 'seed', db, String(BACKEND_CASES.length)],
      {
        encoding: 'utf8',
      },
    )
      .trim()
      .split('\n');
    const run = await runVerify([
      'backend',
      '--command',
      WORKER,
      '--env',
      `DATABASE_URL=${db}`,
      '--env',
      'WORKER_HEALTH_PORT=0',
      '--task-ids',
      taskIds.join(','),
      '--status-command',
      `node test/verify/support/tasks-db.ts status ${db} {taskId}`,
    ]);
    expect(run.code, run.out + run.err).toBe(0);
    const verdicts = run.report?.cases.flatMap((c) =>
      c.verdicts.map((v) => `${c.name}: ${v.name}: ${v.status}`),
    );
    expect(verdicts).toContain('poison: poison parked: pass');
    expect(verdicts).toContain('late-failed: one terminal state, never regressed: pass');
    const late = run.report?.cases
      .find((c) => c.name === 'late-failed')
      ?.verdicts.find((v) => v.name.startsWith('one terminal'));
    expect(late?.saw).toMatch(/COMPLETED$/);
  }, 180_000);

  it('stops with a clear message when the status probe is unreachable', async () => {
    const run = await runVerify([
      'backend',
      '--command',
      WORKER,
      '--env',
      `DATABASE_URL=sqlite:${join(mkdtempSync(join(tmpdir(), 'verify-backend-')), 'tasks.db')}`,
      '--env',
      'WORKER_HEALTH_PORT=0',
      '--cases',
      'completes',
      '--status-url',
      'http://127.0.0.1:9/v1/tasks/{taskId}',
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /the status probe http:\/\/127\.0\.0\.1:9\/v1\/tasks\/task_.* is unreachable/,
    );
  }, 60_000);
});
