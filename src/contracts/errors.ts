// ContractViolationError: what a message or S3 object did wrong, as a list of
// (JSON pointer, rule, message) triples, with a one-line summary naming the message type.

export interface ContractViolation {
  /** JSON pointer into the message, e.g. /payload/userId ('' for the whole message). */
  path: string;
  /** The schema rule that failed: required, type, enum, pattern, additionalProperties, json... */
  rule: string;
  message: string;
}

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

export type ValidationResult<T> =
  | { ok: true; message: T }
  | { ok: false; error: ContractViolationError };
