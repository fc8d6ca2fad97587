// A verify run's report: progress lines while it runs, the terminal table, and report.json plus a
// self-contained report.html with each request's verdicts and timeline (the scenario reports'
// sequence diagram, one lane per party).
import { CSS } from '../scenarios/report/html.ts';
import { writeReportFiles } from '../scenarios/report/write.ts';
import { escapeHtml, sequenceDiagram } from '../src/infra/recording/sequence-diagram.ts';
import { allVerdicts, type CaseResult, type VerifyReport } from './model.ts';

function pad(text: string, width: number, right = false): string {
  const cut = text.length > width ? `${text.slice(0, width - 1)}…` : text;
  return right ? cut.padStart(width) : cut.padEnd(width);
}

/** One line per finished case, printed as it finishes. */
export function caseLine(result: CaseResult): string {
  if (result.status === 'not-applicable') return `  n/a   ${result.name}: ${result.reason}`;
  const failed = allVerdicts(result).filter((v) => v.status === 'fail');
  const head = `  ${result.status === 'pass' ? 'PASS' : 'FAIL'}  ${result.name} (${(result.wallMs / 1000).toFixed(1)} s)`;
  return failed.length === 0 ? head : `${head}: ${failed.map((v) => v.name).join(', ')}`;
}

export function renderTable(report: VerifyReport): string {
  const cols: [string, number, (r: CaseResult) => string, boolean][] = [
    ['case', 22, (r) => r.name, false],
    ['verdict', 7, (r) => (r.status === 'not-applicable' ? 'n/a' : r.status.toUpperCase()), false],
    ['real s', 7, (r) => (r.wallMs / 1000).toFixed(1), true],
    ['requests', 8, (r) => String(r.requests.length), true],
    [
      'failed verdicts',
      40,
      (r) =>
        allVerdicts(r)
          .filter((v) => v.status === 'fail')
          .map((v) => v.name)
          .join(', ') ||
        (r.reason ?? ''),
      false,
    ],
  ];
  const line = (cells: string[]) => cells.join('  ');
  const out = [
    line(cols.map(([n, w, , right]) => pad(n, w, right))),
    line(cols.map(([, w]) => '-'.repeat(w))),
    ...report.cases.map((r) => line(cols.map(([, w, get, right]) => pad(get(r), w, right)))),
    '',
  ];
  for (const r of report.cases) {
    for (const v of r.verdicts.filter((x) => x.status === 'fail'))
      out.push(`FAIL ${r.name}: ${v.name}: ${v.saw}`);
    for (const q of r.requests) {
      for (const v of q.verdicts.filter((x) => x.status === 'fail')) {
        out.push(`FAIL ${r.name} / ${q.label} (${q.taskId ?? 'no task id'}): ${v.name}: ${v.saw}`);
      }
      for (const v of q.verdicts.filter((x) => x.status === 'reported'))
        out.push(`note ${r.name} / ${q.label}: ${v.saw}`);
    }
    for (const v of r.verdicts.filter((x) => x.status === 'reported'))
      out.push(`note ${r.name}: ${v.name}: ${v.saw}`);
  }
  const counted = report.cases.filter((c) => c.status !== 'not-applicable');
  const passed = counted.filter((c) => c.status === 'pass').length;
  out.push(
    '',
    `${report.passed ? 'PASSED' : 'FAILED'}: ${passed}/${counted.length} cases passed, ${report.cases.length - counted.length} not applicable, ${(report.wallMs / 1000).toFixed(1)} s`,
  );
  return out.join('\n');
}

function verdictRows(verdicts: CaseResult['verdicts']): string {
  return verdicts
    .map(
      (v) =>
        `<tr class="${v.status}"><td>${escapeHtml(v.status)}</td><td>${escapeHtml(v.name)}</td><td>${escapeHtml(v.saw)}</td></tr>`,
    )
    .join('');
}

export function renderHtml(report: VerifyReport): string {
  const cases = report.cases
    .map((c) => {
      const requests = c.requests
        .map(
          (
            q,
          ) => `<details${q.verdicts.some((v) => v.status === 'fail') ? ' open' : ''}><summary>${escapeHtml(q.label)} <code>${escapeHtml(q.taskId ?? 'no task id')}</code></summary>
<table>${verdictRows(q.verdicts)}</table>
${q.findings.length > 0 ? `<p>Findings:</p><ul>${q.findings.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>` : ''}
${q.timeline.length > 0 ? sequenceDiagram(q.timeline) : '<p>No timeline (not our emulator).</p>'}</details>`,
        )
        .join('\n');
      return `<section><h2 class="${c.status}">${escapeHtml(c.name)}: ${escapeHtml(c.status)}</h2><p>${escapeHtml(c.title)}${c.reason ? ` — ${escapeHtml(c.reason)}` : ''} (${(c.wallMs / 1000).toFixed(1)} s)</p>
<table>${verdictRows(c.verdicts)}</table>${requests}</section>`;
    })
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>verify ${report.mode}: ${report.passed ? 'passed' : 'failed'}</title>
<style>${CSS}
.reported,.not-applicable{color:#6b7280}</style></head>
<body><h1>verify ${escapeHtml(report.mode)}: ${report.passed ? 'passed' : 'failed'}</h1>
<p>Command: <code>${escapeHtml(report.command ?? '(already running)')}</code>; target ${escapeHtml(report.target)}; started ${escapeHtml(report.startedAt)}; ${(report.wallMs / 1000).toFixed(1)} s.</p>
${cases}</body></html>\n`;
}

export function writeVerifyReport(
  dir: string,
  report: VerifyReport,
): Promise<{ json: string; html: string }> {
  return writeReportFiles(dir, report, renderHtml(report));
}
