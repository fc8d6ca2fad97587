// The JSON report: everything the run found, for CI artefacts and tools. Stable top-level shape:
// {version, startedAt, seed, target, passed, durationMs (sum of scenarios), wallMs, scenarios}.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioResult } from '../model.ts';
import { renderHtml } from './html.ts';

export interface RunReport {
  version: 1;
  startedAt: string;
  seed: number;
  target: string;
  passed: boolean;
  durationMs: number;
  /** Real time of the whole run (scenarios may run side by side). */
  wallMs: number;
  scenarios: ScenarioResult[];
}

export function buildReport(
  results: ScenarioResult[],
  meta: { startedAt: string; seed: number; target: string; wallMs: number },
): RunReport {
  return {
    version: 1,
    ...meta,
    passed: results.every((r) => r.status !== 'fail'),
    durationMs: results.reduce((n, r) => n + r.durationMs, 0),
    scenarios: results,
  };
}

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
