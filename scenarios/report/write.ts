// Writes a run's report files: `report.json` (the run report as is) and `report.html`.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderHtml } from './html.ts';
import type { RunReport } from './run-report.ts';

/** Writes `report.json` and `report.html` into `dir`; returns their paths. */
export async function writeReport(
  dir: string,
  report: RunReport,
): Promise<{ json: string; html: string }> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'report.json');
  const html = join(dir, 'report.html');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(html, renderHtml(report));
  return { json, html };
}
