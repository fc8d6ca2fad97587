// Runs `verify` in-process with captured output, returning the exit status, the text printed and
// the report written (when one was).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../../verify/main.ts';
import type { VerifyReport } from '../../../verify/model.ts';

export interface VerifyOutcome {
  code: number;
  out: string;
  err: string;
  report: VerifyReport | undefined;
  reportDir: string;
}

function sink(): { stream: NodeJS.WritableStream; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

export async function runVerify(args: string[]): Promise<VerifyOutcome> {
  const reportDir = mkdtempSync(join(tmpdir(), 'verify-test-'));
  const out = sink();
  const err = sink();
  const code = await main([...args, '--report-dir', reportDir], out.stream, err.stream);
  const file = join(reportDir, 'report.json');
  const report = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as VerifyReport)
    : undefined;
  return { code, out: out.text(), err: err.text(), report, reportDir };
}

/** Names of the failed verdicts anywhere in a report. */
export function failedVerdicts(report: VerifyReport | undefined): Set<string> {
  const names = new Set<string>();
  for (const c of report?.cases ?? []) {
    for (const v of [...c.verdicts, ...c.requests.flatMap((r) => r.verdicts)]) {
      if (v.status === 'fail') names.add(v.name);
    }
  }
  return names;
}
