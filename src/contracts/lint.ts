// The contract lint the AI team runs on what their code sends and writes: each message or S3
// object is conformant, accepted (with findings) or rejected (with errors), one verdict per file
// or per JSONL line, then a summary line. The Python kit's `python -m graphnode_contracts lint`
// prints the same text for the same input (a cross-language test compares them).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ConformanceLevel,
  type ContractFinding,
  type ContractViolation,
  levelOf,
  type ValidationResult,
} from './errors.ts';
import { MAX_BODY_BYTES, type ObjectKind, validateIncoming, validateObject } from './validator.ts';

export type LintKind = 'message' | ObjectKind;

export interface LintItem {
  label: string;
  level: ConformanceLevel;
  errors: ContractViolation[];
  findings: ContractFinding[];
}

export const LINT_KINDS: readonly LintKind[] = [
  'message',
  'chatExport',
  'inputBundle',
  'graphOutput',
  'summary',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What a JSON value is, by its keys: a message unless it has an S3 object's top-level keys. */
export function detectKind(value: unknown): LintKind {
  if (!isRecord(value) || 'taskType' in value || 'taskId' in value) return 'message';
  if ('nodes' in value && 'edges' in value) return 'graphOutput';
  if ('overview' in value) return 'summary';
  if ('conversations' in value) return 'inputBundle';
  return 'message';
}

/**
 * The repository's example wrappers ({description, expect, message} and the real-dialect corpus's
 * {description, kind, findings, value}) hold the value to check; anything else is the value.
 */
function unwrap(value: unknown): { value: unknown; kind?: LintKind } {
  if (!isRecord(value) || typeof value.description !== 'string') return { value };
  if ('value' in value && 'findings' in value && LINT_KINDS.includes(value.kind as LintKind)) {
    return { value: value.value, kind: value.kind as LintKind };
  }
  if ('message' in value && 'expect' in value) return { value: value.message };
  return { value };
}

function item(label: string, result: ValidationResult<unknown>): LintItem {
  return {
    label,
    level: levelOf(result),
    errors: result.ok ? [] : result.error.violations,
    findings: result.findings,
  };
}

function rejected(label: string, path: string, rule: string, message: string): LintItem {
  return { label, level: 'rejected', errors: [{ path, rule, message }], findings: [] };
}

/** The verdict on one JSON text (a file or a JSONL line). */
export function lintText(label: string, text: string, kind?: LintKind): LintItem {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (text.trim() === '') return rejected(label, '', 'json', 'is empty');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    if (bytes > MAX_BODY_BYTES && kind === undefined) {
      return rejected(label, '', 'maxBytes', `is larger than ${MAX_BODY_BYTES} bytes`);
    }
    return rejected(label, '', 'json', `is not valid JSON: ${(error as Error).message}`);
  }
  const unwrapped = unwrap(parsed);
  const chosen = kind ?? unwrapped.kind ?? detectKind(unwrapped.value);
  // An SQS body cannot exceed the SQS limit; an S3 object can.
  if (chosen === 'message' && bytes > MAX_BODY_BYTES) {
    return rejected(label, '', 'maxBytes', `is larger than ${MAX_BODY_BYTES} bytes`);
  }
  const result =
    chosen === 'message'
      ? validateIncoming(unwrapped.value)
      : validateObject(chosen, unwrapped.value);
  return item(label, result);
}

/** Files to lint under a path: itself, or every .json/.jsonl below it in name order. */
function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json') || name.endsWith('.jsonl'))
    .sort()
    .map((name) => join(path, name));
}

/** Every verdict for the given paths: one per .json file, one per non-empty .jsonl line. */
export function lintPaths(paths: readonly string[], kind?: LintKind): LintItem[] {
  const items: LintItem[] = [];
  for (const file of paths.flatMap(filesUnder)) {
    const text = readFileSync(file, 'utf8');
    if (!file.endsWith('.jsonl')) {
      items.push(lintText(file, text, kind));
      continue;
    }
    text.split('\n').forEach((line, i) => {
      if (line.trim() !== '') items.push(lintText(`${file}:${i + 1}`, line, kind ?? 'message'));
    });
  }
  return items;
}

const pointer = (path: string) => path || '(message)';

export function formatItem(entry: LintItem): string[] {
  const head =
    entry.level === 'accepted'
      ? `${entry.label}: accepted (${entry.findings.length} finding${entry.findings.length === 1 ? '' : 's'})`
      : `${entry.label}: ${entry.level}`;
  return [
    head,
    ...entry.errors.map((e) => `  error ${pointer(e.path)} [${e.rule}] ${e.message}`),
    ...entry.findings.map((f) => `  finding ${pointer(f.path)} [${f.rule}] ${f.message}`),
  ];
}

export function summaryLine(items: readonly LintItem[]): string {
  const count = (level: ConformanceLevel) => items.filter((i) => i.level === level).length;
  return `${items.length} checked: ${count('conformant')} conformant, ${count('accepted')} accepted with findings, ${count('rejected')} rejected`;
}

/** 1 when anything is rejected, or carries findings under --fail-on-findings; else 0. */
export function exitCode(items: readonly LintItem[], failOnFindings: boolean): 0 | 1 {
  const failed = items.some(
    (i) => i.level === 'rejected' || (failOnFindings && i.findings.length > 0),
  );
  return failed ? 1 : 0;
}
