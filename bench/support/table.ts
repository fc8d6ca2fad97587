// Renders benchmark results as one aligned plain-text table (also valid Markdown).

export interface Row {
  part: string;
  metric: string;
  value: string;
  reference?: string;
  note?: string;
}

export function renderTable(rows: readonly Row[]): string {
  const header = ['part', 'metric', 'value', 'reference', 'note'];
  const cells = rows.map((r) => [r.part, r.metric, r.value, r.reference ?? '', r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (cols: readonly string[]) =>
    `| ${cols.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export function fmt(n: number, digits = 0): string {
  return Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a';
}
