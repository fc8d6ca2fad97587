// The self-contained HTML report (inline CSS and SVG, no external assets): a summary table, each
// scenario's Given / When / Then, verdicts, counters and injected faults, and for each failing or
// sampled task its timeline drawn as a sequence diagram — one lifeline per party, one arrow per
// step (sent, received #n, visibility expired, moved to DLQ, redriven, applied, notified).
import type { ScenarioResult, TaskAccount, TimelineEntry } from '../model.ts';
import type { RunReport } from './run-report.ts';

const LANES: TimelineEntry['actor'][] = [
  'api',
  'request-queue',
  'ai',
  'result-queue',
  'worker',
  'store',
  'notifier',
  'dlq',
];

const COLOURS: Partial<Record<TimelineEntry['kind'], string>> = {
  'visibility-expired': '#b45309',
  'duplicate-delivery': '#b45309',
  'ai-crashed': '#b91c1c',
  rejected: '#b91c1c',
  failed: '#b91c1c',
  fault: '#b91c1c',
  'in-dlq': '#7c3aed',
  redriven: '#7c3aed',
  applied: '#15803d',
  deleted: '#15803d',
  notified: '#0369a1',
  'duplicate-ignored': '#6b7280',
  ignored: '#6b7280',
};

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const LANE_WIDTH = 100;
const ROW = 22;
const TOP = 34;
/** Left edge of the label column, right of the last lifeline. */
const LABEL_X = LANES.length * LANE_WIDTH + 70;
/**
 * Labels are 11px text, up to 7px a character (upper case, ids): 54 characters fit the 380px
 * label column, and the whole diagram fits a 1300px-wide window.
 */
const LABEL_CHARS = 54;
const LABEL_WIDTH = 380;
/** Line height of a label (CSS `svg .label`). */
const LINE = 13;

/**
 * Splits a label into lines of at most `width` characters where the browser may break them (at a
 * space, after a hyphen), cutting a longer word: the browser does the wrapping (the label is HTML
 * in a foreignObject, one piece of text), this estimates how many lines it takes so the following
 * steps are moved down far enough.
 */
export function wrapLabel(text: string, width = LABEL_CHARS): string[] {
  const lines: string[] = [];
  let rest = text.trim();
  while (rest.length > width) {
    const space = rest.lastIndexOf(' ', width);
    const hyphen = rest.lastIndexOf('-', width - 1) + 1;
    const cut = Math.max(space, hyphen) || width;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  lines.push(rest);
  return lines;
}

/** One task's timeline as an SVG sequence diagram; times are virtual seconds from the first step. */
export function sequenceDiagram(timeline: readonly TimelineEntry[], limit = 80): string {
  const entries = timeline.slice(0, limit);
  const labels = entries.map((entry) => `${entry.kind}: ${entry.text}`);
  const lineCounts = labels.map((label) => wrapLabel(label).length);
  // A wrapped label pushes the following steps down by its extra lines.
  const rows: number[] = [];
  let next = TOP;
  for (const lines of lineCounts) {
    rows.push(next);
    next += ROW + (lines - 1) * LINE;
  }
  const width = LABEL_X + LABEL_WIDTH;
  const height = next + 16;
  const x = (actor: TimelineEntry['actor']) =>
    LANES.indexOf(actor) * LANE_WIDTH + LANE_WIDTH / 2 + 60;
  const start = entries[0]?.at ?? 0;
  const parts: string[] = [];
  for (const lane of LANES) {
    parts.push(
      `<text x="${x(lane)}" y="14" text-anchor="middle" class="lane">${lane}</text>`,
      `<line x1="${x(lane)}" y1="20" x2="${x(lane)}" y2="${height - 6}" class="life"/>`,
    );
  }
  let previous: TimelineEntry['actor'] = 'api';
  entries.forEach((entry, i) => {
    const y = rows[i] ?? TOP;
    const colour = COLOURS[entry.kind] ?? '#334155';
    const from = x(previous);
    const to = x(entry.actor);
    const seconds = ((entry.at - start) / 1000).toFixed(1);
    parts.push(`<text x="4" y="${y + 4}" class="time">+${seconds}s</text>`);
    if (from === to) {
      parts.push(`<circle cx="${to}" cy="${y}" r="4" fill="${colour}"/>`);
    } else {
      const head = from < to ? to - 6 : to + 6;
      parts.push(
        `<line x1="${from}" y1="${y}" x2="${head}" y2="${y}" stroke="${colour}" stroke-width="1.5"/>`,
        `<polygon points="${to},${y} ${head},${y - 4} ${head},${y + 4}" fill="${colour}"/>`,
      );
    }
    const lines = lineCounts[i] ?? 1;
    parts.push(
      `<foreignObject x="${LABEL_X}" y="${y - 7}" width="${LABEL_WIDTH}" height="${lines * LINE + 2}"><div class="label" style="color:${colour}">${escapeHtml(labels[i] ?? '')}</div></foreignObject>`,
    );
    previous = entry.actor;
  });
  const more =
    timeline.length > limit
      ? `<p class="muted">${timeline.length - limit} more step(s) not drawn.</p>`
      : '';
  return `<svg width="${width}" height="${height}" role="img">${parts.join('')}</svg>${more}`;
}

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
  return `<table class="kv">${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>
  <h4>Injected faults and errors seen</h4>${
    faults.length === 0
      ? '<p class="muted">none</p>'
      : `<table class="kv">${faults.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${v}</td></tr>`).join('')}</table>`
  }`;
}

function task(t: TaskAccount, failing: boolean): string {
  return `<details${failing ? ' open' : ''}><summary class="${failing ? 'fail' : ''}">${escapeHtml(t.taskId)} — expected ${t.expected}, got ${t.outcome} (status ${escapeHtml(t.status)}${t.inDlq ? `, in DLQ after ${t.dlqReceiveCount} receives` : ''}; ${t.terminalTransitions} terminal transition(s), ${t.graphWrites} graph write(s), ${t.terminalNotifications} terminal notification(s), ${t.deliveries} worker deliveries)</summary>
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
svg{display:block;margin:8px 0}svg text{font:11px system-ui,sans-serif}
svg .lane{font-weight:bold;fill:#334155}svg .life{stroke:#cbd5e1;stroke-dasharray:4 3}
svg .time{fill:#64748b}svg foreignObject{overflow:visible}
svg .label{font:11px/13px system-ui,sans-serif;overflow-wrap:anywhere}section{border-top:2px solid #e2e8f0;padding-top:8px;margin-top:16px}
summary{cursor:pointer}`;

export function renderHtml(report: RunReport): string {
  const summary = report.scenarios
    .map(
      (r) =>
        `<tr class="${r.status}"><td><a href="#${escapeHtml(r.name)}">${escapeHtml(r.name)}</a></td><td>${r.status.toUpperCase()}</td><td>${(r.durationMs / 1000).toFixed(1)}</td><td>${(r.virtualMs / 60_000).toFixed(1)}</td><td>${r.counters.tasks}</td><td>${r.counters.lost}</td><td>${r.counters.unexpected}</td><td>${r.counters.duplicateEffects}</td><td>${r.counters.parkedInDlq}</td><td>${r.counters.workerDeliveries}</td><td>${r.counters.workerRedeliveries + r.counters.aiRedeliveries}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Scenario report — ${report.passed ? 'PASS' : 'FAIL'}</title><style>${CSS}</style></head>
<body><h1 class="${report.passed ? 'pass' : 'fail'}">Scenario report: ${report.passed ? 'every verdict holds' : 'verdicts failed'}</h1>
<p>Target ${escapeHtml(report.target)}, seed ${report.seed}, started ${escapeHtml(report.startedAt)}, ${(report.wallMs / 1000).toFixed(1)} s wall time (${(report.durationMs / 1000).toFixed(1)} s of scenario time).</p>
<table><tr><th>scenario</th><th>verdict</th><th>real s</th><th>virtual min</th><th>tasks</th><th>lost</th><th>unexpected</th><th>duplicate effects</th><th>DLQ</th><th>deliveries</th><th>redeliveries</th></tr>${summary}</table>
${report.scenarios.map(scenario).join('\n')}
</body></html>
`;
}
