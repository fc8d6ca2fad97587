// `node scripts/contracts-validate.ts [--strict] [--fail-on-findings] [--object <kind>] file...`
// validates JSON files (or stdin) against the contracts and prints each violation and finding;
// exit 1 if any file is rejected (or, with --fail-on-findings, has findings).
// `--batch` reads a JSON array of { kind, mode, value } from stdin and prints the violations and
// findings of each as JSON: the Python kit's tests use it to prove both languages agree.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ObjectKind, ValidationResult } from '../src/contracts/index.ts';
import { validateMessage, validateObject } from '../src/contracts/validator.ts';

type Kind = 'message' | ObjectKind;
type Mode = 'strict' | 'tolerant';

export function check(kind: Kind, mode: Mode, value: unknown): ValidationResult<unknown> {
  return kind === 'message' ? validateMessage(value, mode) : validateObject(kind, value, mode);
}

function main(): void {
  const args = process.argv.slice(2);
  if (args.includes('--batch')) {
    const cases = JSON.parse(readFileSync(0, 'utf8')) as Array<{
      kind: Kind;
      mode: Mode;
      value: unknown;
    }>;
    const verdicts = cases.map((c) => {
      const result = check(c.kind, c.mode, c.value);
      return { violations: result.ok ? [] : result.error.violations, findings: result.findings };
    });
    process.stdout.write(JSON.stringify(verdicts));
    return;
  }
  const mode: Mode = args.includes('--strict') ? 'strict' : 'tolerant';
  const failOnFindings = args.includes('--fail-on-findings');
  const at = args.indexOf('--object');
  const kind = (at >= 0 ? args[at + 1] : 'message') as Kind;
  // The value after --object is its kind, not a file (and without --object no argument is).
  const files = args.filter((arg, i) => !arg.startsWith('--') && (at < 0 || i !== at + 1));
  let failed = false;
  for (const file of files.length > 0 ? files : ['/dev/stdin']) {
    const result = check(kind, mode, JSON.parse(readFileSync(file, 'utf8')));
    const findings = result.findings.map((f) => `; finding ${f.path || '(message)'} (${f.rule})`);
    if (result.ok) {
      console.log(`${file}: ok${findings.join('')}`);
      if (failOnFindings && result.findings.length > 0) failed = true;
    } else {
      failed = true;
      console.log(`${file}: ${result.error.message}${findings.join('')}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
