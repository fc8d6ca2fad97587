// `node scripts/contracts-validate.ts [--strict] [--object graphOutput|inputBundle|summary] file...`
// validates JSON files (or stdin) against the contracts and prints each violation; exit 1 if any.
// `--batch` reads a JSON array of { kind, mode, value } from stdin and prints the violations of
// each as JSON: the Python kit's tests use it to prove both languages give the same verdicts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ContractViolationError } from '../src/contracts/errors.ts';
import type { ContractViolation, ValidationResult } from '../src/contracts/index.ts';
import {
  validateGraphOutput,
  validateGraphOutputStrict,
  validateIncoming,
  validateInputBundle,
  validateOutgoing,
  validateSummary,
} from '../src/contracts/index.ts';

type Kind = 'message' | 'graphOutput' | 'inputBundle' | 'summary';
type Mode = 'strict' | 'tolerant';

export function check(kind: Kind, mode: Mode, value: unknown): ValidationResult<unknown> {
  switch (kind) {
    case 'message':
      if (mode === 'tolerant') return validateIncoming(value);
      try {
        return { ok: true, message: validateOutgoing(value) };
      } catch (error) {
        if (error instanceof ContractViolationError) return { ok: false, error };
        throw error;
      }
    case 'graphOutput':
      return mode === 'strict' ? validateGraphOutputStrict(value) : validateGraphOutput(value);
    case 'inputBundle':
      return validateInputBundle(value);
    case 'summary':
      return validateSummary(value);
  }
}

function violations(result: ValidationResult<unknown>): ContractViolation[] {
  return result.ok ? [] : result.error.violations;
}

function main(): void {
  const args = process.argv.slice(2);
  if (args.includes('--batch')) {
    const cases = JSON.parse(readFileSync(0, 'utf8')) as Array<{
      kind: Kind;
      mode: Mode;
      value: unknown;
    }>;
    process.stdout.write(
      JSON.stringify(cases.map((c) => violations(check(c.kind, c.mode, c.value)))),
    );
    return;
  }
  const mode: Mode = args.includes('--strict') ? 'strict' : 'tolerant';
  const at = args.indexOf('--object');
  const kind = (at >= 0 ? args[at + 1] : 'message') as Kind;
  const files = args.filter((arg, i) => !arg.startsWith('--') && i !== at + 1);
  let failed = false;
  for (const file of files.length > 0 ? files : ['/dev/stdin']) {
    const result = check(kind, mode, JSON.parse(readFileSync(file, 'utf8')));
    if (result.ok) {
      console.log(`${file}: ok`);
    } else {
      failed = true;
      console.log(`${file}: ${result.error.message}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
