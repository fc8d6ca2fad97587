// The HTML report is self-contained, escapes whatever text the system produced, draws a chart per
// run and each failing task's timeline as a sequence diagram, and explains surprising counts.
import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../../scenarios/model.ts';
import { explanations, renderHtml } from '../../../scenarios/report/html.ts';
import { buildReport } from '../../../scenarios/report/run-report.ts';
import { escapeHtml } from '../../../src/infra/recording/sequence-diagram.ts';

const hostile = '<script>alert("x")</script>&';

const result: ScenarioResult = {
  name: 'dup',
  title: `Duplicates ${hostile}`,
  given: ['g'],
  when: ['w'],
  outcomes: ['t'],
  status: 'fail',
  durationMs: 1200,
  virtualMs: 60_000,
  verdicts: [
    {
      name: 'duplicate effects = 0',
      status: 'fail',
      detail: `1 duplicate effect ${hostile}`,
      tasks: ['task_a_1'],
    },
    { name: 'lost = 0', status: 'pass', detail: 'ok' },
  ],
  counters: {
    tasks: 1,
    completed: 1,
    failed: 0,
    parkedInDlq: 3,
    poisonTasks: 2,
    tasksInDlq: 2,
    lost: 0,
    unexpected: 0,
    duplicateEffects: 1,
    workerDeliveries: 2,
    workerRedeliveries: 0,
    aiReceives: 1,
    aiRedeliveries: 0,
    resultsSent: 2,
    duplicatesIgnored: 0,
    notificationRepeats: 0,
    rejections: 0,
    failures: 0,
    faultHits: { [`rule ${hostile}`]: 3 },
    findings: { [`GRAPH_GENERATION_RESULT ${hostile}`]: 2 },
  },
  series: {
    settled: [5_000, 30_000],
    deliveries: [
      { at: 1_000, redelivery: false },
      { at: 2_000, redelivery: false },
      { at: 40_000, redelivery: true },
    ],
    faults: [10_000, 11_000],
  },
  tasks: [
    {
      taskId: 'task_a_1',
      user: 'a',
      expected: 'COMPLETED',
      status: 'COMPLETED',
      error: null,
      inDlq: false,
      dlqReceiveCount: null,
      outcome: 'COMPLETED',
      terminalTransitions: 2,
      graphWrites: 2,
      terminalNotifications: 2,
      deliveries: 2,
      aiReceives: 1,
      aiRedeliveries: 0,
      rejections: [],
      timeline: [
        { at: 1000, actor: 'api', kind: 'request-sent', text: 'api sent' },
        { at: 2000, actor: 'worker', kind: 'worker-received', text: 'worker received #1' },
        { at: 3000, actor: 'store', kind: 'applied', text: 'applied → COMPLETED' },
        { at: 4000, actor: 'store', kind: 'applied', text: `applied → COMPLETED ${hostile}` },
        { at: 65_000, actor: 'dlq', kind: 'in-dlq', text: 'moved to DLQ after 5 receives' },
      ],
    },
  ],
};

describe('renderHtml', () => {
  const html = renderHtml(
    buildReport([result], {
      startedAt: '2026-01-01T00:00:00Z',
      seed: 1,
      target: 'embedded emulator',
      wallMs: 1,
    }),
  );

  it('references no external asset', () => {
    expect(html).not.toMatch(/<link|<script|src=|https?:\/\//);
    expect(html).toMatch(/<style>/);
  });

  it('escapes text from the system under test', () => {
    expect(html).not.toContain(hostile);
    expect(html).toContain(escapeHtml(hostile));
  });

  it('shows the failed verdict and opens the failing task with its diagram', () => {
    expect(html).toContain('<tr class="fail"><td>duplicate effects = 0</td>');
    expect(html).toMatch(
      /<details open><summary class="fail">task_a_1 — expected COMPLETED, got COMPLETED[^<]*2 terminal transition\(s\), 2 graph write\(s\)/,
    );
    expect(html.match(/applied: applied → COMPLETED/g)?.length).toBe(2);
  });
});

describe('pictures and explanations', () => {
  const html = renderHtml(
    buildReport([result], { startedAt: 'x', seed: 1, target: 'embedded emulator', wallMs: 1 }),
  );

  it('draws a chart per run: bars for deliveries and redeliveries, the settled line, fault ticks', () => {
    expect(html.match(/<figure class="chart">/g)?.length).toBe(1);
    const chart = /<figure class="chart">.*?<\/figure>/s.exec(html)?.[0] ?? '';
    expect(chart.match(/fill="#93c5fd"/g)?.length).toBe(2);
    expect(chart.match(/fill="#f59e0b"/g)?.length).toBe(1);
    expect(chart.match(/stroke="#b91c1c"/g)?.length).toBe(2);
    expect(chart).toContain('<polyline');
    expect(chart).toContain('first deliveries (2)');
    expect(chart).toContain('redeliveries (1)');
    expect(chart).toContain('tasks settled (2 of 1, right scale)');
    expect(chart).toContain('SQS error answers, retries included (2)');
  });

  it('uses the console summary columns', () => {
    for (const column of ['scenario', 'verdict', 'real s', 'virt min', 'done', 'dlq', 'faults']) {
      expect(html).toContain(`<th>${column}</th>`);
    }
    expect(html).toContain('<td><a href="#dup">dup</a></td><td class="fail">FAIL</td>');
  });

  it('explains a DLQ count that differs from the poison count', () => {
    const [dlq] = explanations(result);
    expect(dlq).toContain(
      'The result DLQ holds 3 message(s) for 2 task(s), and 2 task(s) were sent as poison.',
    );
    expect(dlq).toContain('1 task(s) have more than one message there');
    expect(html).toContain('<p class="why">The result DLQ holds 3');
  });

  it('explains nothing when the counts tell their own story', () => {
    const plain = {
      ...result,
      counters: { ...result.counters, parkedInDlq: 2, workerRedeliveries: 0, aiRedeliveries: 0 },
    };
    expect(explanations(plain)).toEqual([]);
  });
});
