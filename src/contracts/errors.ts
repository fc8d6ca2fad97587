// What a message or S3 object did wrong (violations: it is not accepted) and how an accepted one
// differs from a well-behaved producer's (findings: accepted, not conformant). Both are
// (JSON pointer, rule, message) triples; the error's one-line summary names the message type.

export interface ContractViolation {
  /** JSON pointer into the message, e.g. /payload/userId ('' for the whole message). */
  path: string;
  /** The schema rule that failed: required, type, enum, pattern, additionalProperties, json... */
  rule: string;
  message: string;
}

/**
 * A known defect of the real producers, tolerated on receive: the rule names it (e.g.
 * timestamp-without-zone, see `findings` in contracts/contract.json and contracts/README.md).
 */
export type ContractFinding = ContractViolation;

export class ContractViolationError extends Error {
  readonly taskType: string | undefined;
  readonly violations: ContractViolation[];

  constructor(subject: string | undefined, violations: ContractViolation[]) {
    super(summarise(subject, violations));
    this.name = 'ContractViolationError';
    this.taskType = subject;
    this.violations = violations;
  }
}

const MAX_LISTED = 5;

function summarise(subject: string | undefined, violations: ContractViolation[]): string {
  const listed = violations
    .slice(0, MAX_LISTED)
    .map((v) => `${v.path || '(message)'} ${v.message} (rule: ${v.rule})`);
  const more = violations.length > MAX_LISTED ? `; and ${violations.length - MAX_LISTED} more` : '';
  return `${subject ?? 'unknown message type'}: ${listed.join('; ')}${more}`;
}

/**
 * The verdict on a message or object. `ok` means accepted; an accepted value with no findings is
 * conformant. Findings are reported next to the errors of a rejected value too.
 */
export type ValidationResult<T> =
  | { ok: true; message: T; findings: ContractFinding[] }
  | { ok: false; error: ContractViolationError; findings: ContractFinding[] };

export type ConformanceLevel = 'conformant' | 'accepted' | 'rejected';

export function levelOf(result: ValidationResult<unknown>): ConformanceLevel {
  if (!result.ok) return 'rejected';
  return result.findings.length === 0 ? 'conformant' : 'accepted';
}
