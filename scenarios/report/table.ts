// The terminal summary: one row per scenario with its verdict, real and virtual duration and the
// accounting counters, then the failed verdicts spelled out.
import type { ScenarioResult } from '../model.ts';

function pad(text: string, width: number, right = false): string {
  const cut = text.length > width ? `${text.slice(0, width - 1)}…` : text;
  return right ? cut.padStart(width) : cut.padEnd(width);
}

/** The summary's columns (name, console width, value, right-aligned), shared with the HTML report. */
export const COLUMNS: [string, number, (r: ScenarioResult) => string, boolean][] = [
  ['scenario', 26, (r) => r.name, false],
  ['verdict', 8, (r) => (r.status === 'not-applicable' ? 'n/a' : r.status.toUpperCase()), false],
  ['real s', 7, (r) => (r.durationMs / 1000).toFixed(1), true],
  ['virt min', 8, (r) => (r.virtualMs / 60_000).toFixed(1), true],
  ['tasks', 6, (r) => String(r.counters.tasks), true],
  ['done', 6, (r) => String(r.counters.completed + r.counters.failed), true],
  ['dlq', 4, (r) => String(r.counters.parkedInDlq), true],
  ['lost', 5, (r) => String(r.counters.lost), true],
  ['unexp', 5, (r) => String(r.counters.unexpected), true],
  ['dup eff', 7, (r) => String(r.counters.duplicateEffects), true],
  ['deliv', 6, (r) => String(r.counters.workerDeliveries), true],
  ['redeliv', 7, (r) => String(r.counters.workerRedeliveries + r.counters.aiRedeliveries), true],
  [
    'faults',
    6,
    (r) => String(Object.values(r.counters.faultHits).reduce((a, b) => a + b, 0)),
    true,
  ],
  [
    'findings',
    8,
    (r) => String(Object.values(r.counters.findings ?? {}).reduce((a, b) => a + b, 0)),
    true,
  ],
];

export function renderTable(results: readonly ScenarioResult[]): string {
  const line = (cells: string[]) => cells.join('  ');
  const out = [
    line(COLUMNS.map(([name, width, , right]) => pad(name, width, right))),
    line(COLUMNS.map(([, width]) => '-'.repeat(width))),
  ];
  for (const r of results)
    out.push(line(COLUMNS.map(([, width, get, right]) => pad(get(r), width, right))));
  const total = results.reduce((n, r) => n + r.durationMs, 0);
  const passed = results.filter((r) => r.status === 'pass').length;
  const na = results.filter((r) => r.status === 'not-applicable').length;
  out.push('');
  out.push(
    `${passed} passed, ${results.length - passed - na} failed${na ? `, ${na} not applicable` : ''}; ${(total / 1000).toFixed(1)} s of scenario time`,
  );
  for (const r of results) {
    for (const v of r.verdicts) {
      if (v.status === 'fail') out.push(`  ✗ ${r.name}: ${v.name} — ${v.detail}`);
      if (v.status === 'not-applicable') out.push(`  – ${r.name}: ${v.detail}`);
    }
    if (r.status === 'fail') {
      // Errors the parties' clients saw often say why (a batch call refused, a throttled poll).
      const seen = Object.entries(r.counters.faultHits).filter(([k]) =>
        k.startsWith('client saw '),
      );
      if (seen.length > 0) {
        out.push(
          `    errors seen: ${seen.map(([k, n]) => `${k.slice('client saw '.length)} ×${n}`).join(', ')}`,
        );
      }
    }
    const findings = Object.entries(r.counters.findings ?? {});
    if (findings.length > 0) {
      out.push(`  ${r.name} findings: ${findings.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
    }
    if (r.error) out.push(`  ${r.error.split('\n').slice(0, 4).join('\n  ')}`);
  }
  return out.join('\n');
}
