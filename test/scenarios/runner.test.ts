// The verdicts can fail: a worker whose idempotency was removed fails the duplicate scenario with
// the duplicated effects in the report, and a result queue without a redrive policy fails the
// poison scenario. The same scenarios pass on the real worker and setup.
import { describe, expect, it } from 'vitest';
import { duplicateResults } from '../../scenarios/definitions/duplicate-results.ts';
import { emulatorErrors } from '../../scenarios/definitions/emulator-errors.ts';
import { happyPath } from '../../scenarios/definitions/happy-path.ts';
import { poisonRedrive } from '../../scenarios/definitions/poison-redrive.ts';
import { soakScenario } from '../../scenarios/definitions/soak.ts';
import { workerKilled } from '../../scenarios/definitions/worker-killed.ts';
import type { ScenarioResult } from '../../scenarios/model.ts';
import { renderHtml } from '../../scenarios/report/html.ts';
import { buildReport } from '../../scenarios/report/run-report.ts';
import { renderTable } from '../../scenarios/report/table.ts';
import { runScenario } from '../../scenarios/runner.ts';
import { withoutIdempotency } from '../../scenarios/store-decorators.ts';
import { startEmulator } from '../../src/emulator/index.ts';

const html = (result: ScenarioResult) =>
  renderHtml(
    buildReport([result], {
      startedAt: '2026-01-01T00:00:00Z',
      seed: 1,
      target: 'test',
      wallMs: 1,
    }),
  );

const verdict = (result: ScenarioResult, name: string) => {
  const found = result.verdicts.find((v) => v.name === name);
  if (!found)
    throw new Error(`no verdict "${name}" in ${result.verdicts.map((v) => v.name).join(', ')}`);
  return found;
};

describe('duplicate result delivery', () => {
  it('passes with the reference worker', async () => {
    const result = await runScenario(duplicateResults, { seed: 7 });
    expect(result.verdicts.filter((v) => v.status === 'fail')).toEqual([]);
    expect(result.status).toBe('pass');
    expect(result.counters.duplicatesIgnored).toBeGreaterThan(0);
    expect(result.counters.duplicateEffects).toBe(0);
  }, 60_000);

  it('fails when the worker applies results without its idempotency checks, and shows the duplicate', async () => {
    const result = await runScenario(duplicateResults, {
      seed: 7,
      workerStore: (store, { ids }) => withoutIdempotency(store, ids),
    });
    expect(result.status).toBe('fail');
    const duplicates = verdict(result, 'duplicate effects = 0');
    expect(duplicates.status).toBe('fail');
    expect(duplicates.detail).toMatch(/extra state transitions/);
    expect(duplicates.detail).toMatch(/extra terminal notifications/);
    expect(result.counters.duplicateEffects).toBeGreaterThan(0);
    // The report carries the failing task's timeline: the result applied twice, notified twice.
    const task = result.tasks.find((t) => t.taskId === duplicates.tasks?.[0]);
    expect(task?.terminalTransitions).toBeGreaterThan(1);
    const completions = task?.timeline.filter(
      (e) => e.kind === 'applied' && e.text.includes('→ COMPLETED'),
    );
    expect(completions?.length).toBeGreaterThan(1);
    expect(
      task?.timeline.filter((e) => e.text.startsWith('task.completed')).length,
    ).toBeGreaterThan(1);
    expect(renderTable([result])).toMatch(/duplicate effects = 0 — \d+ duplicate effect/);
    // The HTML report opens that task and draws both applications of the result.
    const page = html(result);
    expect(page).toContain('<tr class="fail"><td>duplicate effects = 0</td>');
    expect(page).toContain(`<details open><summary class="fail">${task?.taskId}`);
    expect(
      page.match(/applied: applied GRAPH_GENERATION_RESULT( \S+)? → COMPLETED/g)?.length,
    ).toBeGreaterThan(1);
  }, 60_000);
});

describe('poison result', () => {
  it('fails when the result queue has no redrive policy: nothing reaches the DLQ', async () => {
    const result = await runScenario(poisonRedrive, { seed: 3, setupOverride: { redrive: false } });
    expect(result.status).toBe('fail');
    const dlq = verdict(result, 'DLQ holds exactly the poison');
    expect(dlq.status).toBe('fail');
    expect(dlq.detail).toMatch(/5 poison message\(s\) not in the DLQ/);
    expect(verdict(result, 'lost = 0').status).toBe('fail');
    expect(result.counters.parkedInDlq).toBe(0);
    // The poison tasks' timelines show the endless redeliveries and no move to a DLQ.
    const poison = result.tasks.find((t) => t.user === 'poison');
    expect(poison?.outcome).toBe('NONE');
    expect(poison?.timeline.some((e) => e.kind === 'in-dlq')).toBe(false);
    expect(poison?.timeline.filter((e) => e.kind === 'worker-received').length).toBeGreaterThan(5);
    const page = html(result);
    expect(page).toContain('<tr class="fail"><td>DLQ holds exactly the poison</td>');
    expect(page).toMatch(/worker received \S+ #6/);
  }, 60_000);
});

describe('soak', () => {
  it('fails a small soak when the worker applies results without its idempotency checks', async () => {
    const result = await runScenario(soakScenario(100, 'soak-small'), {
      seed: 11,
      workerStore: (store, { ids }) => withoutIdempotency(store, ids),
    });
    expect(result.status).toBe('fail');
    const duplicates = verdict(result, 'duplicate effects = 0');
    expect(duplicates.status).toBe('fail');
    expect(duplicates.detail).toMatch(/extra (state transitions|terminal notifications)/);
    const shown = result.tasks.find((t) => t.taskId === duplicates.tasks?.[0]);
    expect(
      shown?.timeline.filter((e) => e.kind === 'applied' && /→ (COMPLETED|FAILED)/.test(e.text))
        .length,
    ).toBeGreaterThan(1);
  }, 120_000);
});

describe('external endpoint (AWS_ENDPOINT_URL)', () => {
  it('runs what needs no emulator and reports the rest as not applicable', async () => {
    // Another emulator stands in for LocalStack or AWS: reached only through the AWS APIs.
    const external = await startEmulator({ port: 0, seed: 5 });
    try {
      const happy = await runScenario(happyPath, { seed: 5, endpoint: external.url });
      expect(happy.verdicts.filter((v) => v.status === 'fail')).toEqual([]);
      expect(happy.status).toBe('pass');
      expect(happy.counters.completed).toBe(20);
      const throttled = await runScenario(emulatorErrors, { seed: 5, endpoint: external.url });
      expect(throttled.status).toBe('not-applicable');
      expect(throttled.verdicts[0]?.detail).toMatch(/fault rules; LocalStack .* cannot inject/);
    } finally {
      await external.stop();
    }
  }, 60_000);

  it('runs poison and redrive at real time there, with receive counts read through peeks', async () => {
    // Real time (the external variant: 2 s visibility); the DLQ is read by receives with
    // visibility 0, each of which the target counts: the verdicts see the count at parking.
    const external = await startEmulator({ port: 0, seed: 6 });
    try {
      const poison = await runScenario(poisonRedrive, { seed: 6, endpoint: external.url });
      expect(poison.verdicts.filter((v) => v.status === 'fail')).toEqual([]);
      expect(poison.status).toBe('pass');
      expect(poison.counters.parkedInDlq).toBe(0);
      expect(poison.counters.completed).toBe(15);
      expect(poison.verdicts.find((v) => v.name.startsWith('before the fix'))?.detail).toMatch(
        /5 message\(s\) parked for 5 poison task\(s\), each after 5 receives/,
      );
    } finally {
      await external.stop();
    }
  }, 120_000);
});

describe('worker process killed mid-message', () => {
  it('loses nothing: the held messages come back after the visibility timeout', async () => {
    const result = await runScenario(workerKilled, { seed: 2, timelines: 'all' });
    expect(result.verdicts.filter((v) => v.status === 'fail')).toEqual([]);
    const held = result.tasks.find((t) =>
      t.timeline.some((e) => /killed \(SIGKILL\) mid-message/.test(e.text)),
    );
    expect(held).toBeDefined();
    // Received by the killed process, then again (#2) by the new worker, applied once.
    expect(held?.timeline.some((e) => e.kind === 'worker-received' && / #2$/.test(e.text))).toBe(
      true,
    );
    expect(held?.terminalTransitions).toBe(1);
  }, 60_000);
});
