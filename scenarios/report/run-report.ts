// The run report: everything a run found, for CI artefacts and tools, and what the HTML page is
// drawn from. Stable top-level shape:
// {version, startedAt, seed, target, passed, durationMs (sum of scenarios), wallMs, scenarios}.
import type { ScenarioResult } from '../model.ts';

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
