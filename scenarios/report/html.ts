// Placeholder replaced by the HTML report renderer.
import type { RunReport } from './json.ts';

export function renderHtml(report: RunReport): string {
  return `<!doctype html><title>scenarios</title><pre>${JSON.stringify(report.passed)}</pre>`;
}
