// The self-contained HTML report (inline CSS and SVG, no external assets): a summary table, each
// scenario's Given / When / Then, verdicts, counters and injected faults, and for each failing or
// sampled task its timeline drawn as a sequence diagram — one lifeline per party, one arrow per
// step (sent, received #n, visibility expired, moved to DLQ, redriven, applied, notified).
import {
  DIAGRAM_CSS,
  escapeHtml,
  sequenceDiagram,
} from '../../src/infra/recording/sequence-diagram.ts';
import type { ScenarioResult, TaskAccount } from '../model.ts';
import { runChart } from './chart.ts';
import type { RunReport } from './run-report.ts';
import { COLUMNS } from './table.ts';

function counters(result: ScenarioResult): string {
  const c = result.counters;
  const rows: [string, number][] = [
    ['tasks', c.tasks],
    ['completed', c.completed],
    ['failed', c.failed],
    ['parked in DLQ', c.parkedInDlq],
    ['lost', c.lost],
    ['unexpected', c.unexpected],
    ['duplicate effects', c.duplicateEffects],
    ['worker deliveries', c.workerDeliveries],
    ['worker redeliveries', c.workerRedeliveries],
    ['AI receives', c.aiReceives],
    ['AI redeliveries', c.aiRedeliveries],
    ['results sent', c.resultsSent],
    ['duplicates ignored', c.duplicatesIgnored],
    ['notifications re-published', c.notificationRepeats],
    ['rejections', c.rejections],
    ['handling failures', c.failures],
  ];
  const faults = Object.entries(c.faultHits);
  const findings = Object.entries(c.findings ?? {});
  const kv = (entries: [string, number][]) =>
    entries.length === 0
      ? '<p class="muted">none</p>'
      : `<table class="kv">${entries.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${v}</td></tr>`).join('')}</table>`;
  return `<table class="kv">${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>
  <h4>Injected faults and errors seen</h4>${kv(faults)}
  <h4>Contract findings on accepted messages</h4>${kv(findings)}`;
}

/**
 * A sentence for each count that could surprise a reader, saying why it differs from what one
 * would guess; none when the counts tell their own story.
 */
export function explanations(result: ScenarioResult): string[] {
  const c = result.counters;
  const lines: string[] = [];
  if (c.parkedInDlq !== c.poisonTasks || c.tasksInDlq !== c.parkedInDlq) {
    const extra = c.parkedInDlq - c.tasksInDlq;
    lines.push(
      `The result DLQ holds ${c.parkedInDlq} message(s) for ${c.tasksInDlq} task(s), and ${c.poisonTasks} task(s) were sent as poison.` +
        (extra > 0
          ? ` ${extra} task(s) have more than one message there: each result message the AI sent (a progress update, a resent or duplicated result) is retried and parked on its own.`
          : '') +
        (c.tasksInDlq !== c.poisonTasks
          ? ' A task in the DLQ that was not poison, or poison missing from it, fails the DLQ verdict.'
          : ''),
    );
  }
  if (c.workerRedeliveries + c.aiRedeliveries > 0) {
    lines.push(
      `Redeliveries (${c.workerRedeliveries + c.aiRedeliveries}) count both queues: ${c.aiRedeliveries} request(s) the fake AI received again and ${c.workerRedeliveries} result(s) the worker received again (a visibility timeout ran out, or a receive was duplicated). Deliveries (${c.workerDeliveries}) are the worker's only.`,
    );
  }
  if (c.duplicatesIgnored > 0) {
    lines.push(
      `${c.duplicatesIgnored} effect(s) were recognised as repeats and ignored: at-least-once delivery at work, not duplicate effects.`,
    );
  }
  return lines;
}

function task(t: TaskAccount, failing: boolean): string {
  return `<details${failing ? ' open' : ''}><summary class="${failing ? 'fail' : ''}">${escapeHtml(t.taskId)} — expected ${t.expected}, got ${t.outcome} (status ${escapeHtml(t.status)}${t.error ? ` ${escapeHtml(t.error.slice(0, 200))}` : ''}${t.inDlq ? `, in DLQ after ${t.dlqReceiveCount} receives` : ''}; ${t.terminalTransitions} terminal transition(s), ${t.graphWrites} graph write(s), ${t.terminalNotifications} terminal notification(s), ${t.deliveries} worker deliveries)</summary>
  ${sequenceDiagram(t.timeline)}</details>`;
}

function scenario(result: ScenarioResult): string {
  const failingTasks = new Set(
    result.verdicts.flatMap((v) => (v.status === 'fail' ? (v.tasks ?? []) : [])),
  );
  const list = (title: string, items: string[]) =>
    `<p><b>${title}</b></p><ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  return `<section id="${escapeHtml(result.name)}"><h2 class="${result.status}">${escapeHtml(result.title)} <small>(${escapeHtml(result.name)}: ${result.status.toUpperCase()}, ${(result.durationMs / 1000).toFixed(1)} s real, ${(result.virtualMs / 60_000).toFixed(1)} min virtual)</small></h2>
  <div class="gwt">${list('Given', result.given)}${list('When', result.when)}${list('Then', result.outcomes)}</div>
  <table class="verdicts"><tr><th>verdict</th><th>result</th><th>detail</th></tr>${result.verdicts
    .map(
      (v) =>
        `<tr class="${v.status}"><td>${escapeHtml(v.name)}</td><td>${v.status}</td><td>${escapeHtml(v.detail)}</td></tr>`,
    )
    .join('')}</table>
  ${result.error ? `<pre class="fail">${escapeHtml(result.error)}</pre>` : ''}
  ${result.series ? runChart(result.series, result.counters.tasks, result.virtualMs) : ''}
  ${explanations(result)
    .map((line) => `<p class="why">${escapeHtml(line)}</p>`)
    .join('')}
  <details><summary>Counters</summary>${counters(result)}</details>
  <h3>Task timelines (${result.tasks.length}: failing first, then a sample)</h3>
  ${result.tasks.map((t) => task(t, failingTasks.has(t.taskId))).join('')}
  </section>`;
}

/** The report pages' stylesheet (verify reports share it). */
export const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#0f172a}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #cbd5e1;padding:3px 8px;text-align:left}
.pass{color:#15803d}.fail{color:#b91c1c}.not-applicable{color:#6b7280}
tr.fail td{background:#fef2f2}h2 small{font-weight:normal;font-size:13px;color:#475569}
.gwt{display:flex;gap:24px}.gwt ul{margin:0}.muted{color:#6b7280}
${DIAGRAM_CSS}
section{border-top:2px solid #e2e8f0;padding-top:8px;margin-top:16px}
summary{cursor:pointer}td.num{text-align:right;font-variant-numeric:tabular-nums}
.chart{margin:8px 0}.chart text.axis{font:10px system-ui,sans-serif;fill:#475569}
.chart figcaption{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px}
.chart figcaption i{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:middle}
p.why{margin:4px 0;padding:4px 8px;background:#f8fafc;border-left:3px solid #94a3b8;font-size:13px}`;

export function renderHtml(report: RunReport): string {
  // The console's columns, with the scenario name linking to its section.
  const head = COLUMNS.map(([name]) => `<th>${escapeHtml(name)}</th>`).join('');
  const summary = report.scenarios
    .map((r) => {
      const cells = COLUMNS.map(([name, , get, right], i) => {
        const value = escapeHtml(get(r));
        const cell = i === 0 ? `<a href="#${escapeHtml(r.name)}">${value}</a>` : value;
        return `<td${right ? ' class="num"' : ''}${name === 'verdict' ? ` class="${r.status}"` : ''}>${cell}</td>`;
      });
      return `<tr class="${r.status}">${cells.join('')}</tr>`;
    })
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Scenario report — ${report.passed ? 'PASS' : 'FAIL'}</title><style>${CSS}</style></head>
<body><h1 class="${report.passed ? 'pass' : 'fail'}">Scenario report: ${report.passed ? 'every verdict holds' : 'verdicts failed'}</h1>
<p>Target ${escapeHtml(report.target)}, seed ${report.seed}, started ${escapeHtml(report.startedAt)}, ${(report.wallMs / 1000).toFixed(1)} s wall time (${(report.durationMs / 1000).toFixed(1)} s of scenario time).</p>
<table class="summary"><tr>${head}</tr>${summary}</table>
${report.scenarios.map(scenario).join('\n')}
</body></html>
`;
}
