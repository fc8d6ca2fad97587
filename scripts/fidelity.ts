// `npm run fidelity`: runs the AWS-recorded suite (test/emulator/sqs/recorded/) and prints how
// many of its cases the emulator answers as AWS did, over both protocols, with every known
// difference named. Exit 1 when a case fails outright (a regression), or when the share of
// matching cases falls under the bar (--min, default 95).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIFFERS } from '../test/emulator/sqs/recorded/support.ts';

interface Assertion {
  fullName: string;
  status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo' | 'disabled';
}
interface JsonReport {
  testResults: { assertionResults: Assertion[] }[];
}

/** Matching: passed and not a declared difference. A difference that starts passing fails. */
function score(cases: readonly Assertion[]) {
  const differs = (c: Assertion) => c.fullName.includes(DIFFERS);
  const passed = (c: Assertion) => c.status === 'passed';
  return {
    total: cases.length,
    matching: cases.filter((c) => passed(c) && !differs(c)).length,
    differing: cases.filter(differs),
    failing: cases.filter((c) => !passed(c)),
  };
}

function main(args: readonly string[]): number {
  const at = args.indexOf('--min');
  const min = at >= 0 ? Number(args[at + 1]) : 95;
  if (!Number.isFinite(min) || min < 0 || min > 100) {
    console.error('usage: fidelity [--min PERCENT]   (PERCENT between 0 and 100)');
    return 2;
  }
  const dir = mkdtempSync(join(tmpdir(), 'fidelity-'));
  const out = join(dir, 'report.json');
  try {
    spawnSync(
      'npx',
      ['vitest', 'run', 'test/emulator/sqs/recorded', '--reporter=json', `--outputFile=${out}`],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
    const { total, matching, differing, failing } = score(
      report.testResults.flatMap((file) => file.assertionResults),
    );
    for (const c of differing) console.log(`differs  ${c.fullName.replace(`${DIFFERS} `, '')}`);
    for (const c of failing) console.log(`FAILED   ${c.fullName}`);
    const share = total === 0 ? 0 : (100 * matching) / total;
    console.log(
      `${matching} of ${total} AWS-recorded cases match (${share.toFixed(1)}%), ${differing.length} known differences, ${failing.length} failures`,
    );
    return failing.length > 0 || share < min ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main(process.argv.slice(2));
