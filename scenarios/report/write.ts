// Writes a run's report files: `report.json` (the run report as is) and `report.html`.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderHtml } from './html.ts';
import type { RunReport } from './run-report.ts';

/** Writes `report.json` and `report.html` into `dir`; returns their paths. */
export function writeReport(
  dir: string,
  report: RunReport,
): Promise<{ json: string; html: string }> {
  return writeReportFiles(dir, report, renderHtml(report));
}

/** Writes any report as `report.json` beside its rendered `report.html` (verify reports too). */
export async function writeReportFiles(
  dir: string,
  report: unknown,
  page: string,
): Promise<{ json: string; html: string }> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'report.json');
  const html = join(dir, 'report.html');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(html, page);
  return { json, html };
}
