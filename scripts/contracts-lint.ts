// `npm run contracts:lint -- [--fail-on-findings] [--object <kind>] <file|dir|jsonl>...`: prints
// each message or S3 object as conformant, accepted (with its findings) or rejected (with its
// errors), then a summary line. Exit 1 when anything is rejected, or has findings under
// --fail-on-findings; 2 on a usage error. `python -m graphnode_contracts lint` is the same tool.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  exitCode,
  formatItem,
  LINT_KINDS,
  type LintKind,
  lintPaths,
  summaryLine,
} from '../src/contracts/lint.ts';

const USAGE = `usage: contracts:lint [--fail-on-findings] [--object ${LINT_KINDS.join('|')}] <file|dir|jsonl>...`;

export function main(args: readonly string[]): number {
  const failOnFindings = args.includes('--fail-on-findings');
  const at = args.indexOf('--object');
  const kind = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && !LINT_KINDS.includes(kind as LintKind)) {
    console.error(`--object needs one of ${LINT_KINDS.join(', ')}\n${USAGE}`);
    return 2;
  }
  const paths = args.filter((arg, i) => !arg.startsWith('--') && (at < 0 || i !== at + 1));
  const unknown = args.filter(
    (arg) => arg.startsWith('--') && !['--fail-on-findings', '--object'].includes(arg),
  );
  if (paths.length === 0 || unknown.length > 0) {
    console.error(unknown.length > 0 ? `unknown option ${unknown.join(', ')}\n${USAGE}` : USAGE);
    return 2;
  }
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length > 0) {
    console.error(`no such file or directory: ${missing.join(', ')}`);
    return 2;
  }
  const items = lintPaths(paths, kind as LintKind | undefined);
  for (const entry of items) for (const line of formatItem(entry)) console.log(line);
  console.log(summaryLine(items));
  return exitCode(items, failOnFindings);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(main(process.argv.slice(2)));
