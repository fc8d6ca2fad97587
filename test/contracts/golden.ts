// Loads the golden examples in contracts/examples/ (shared with the Python kit's tests).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CONTRACTS_DIR } from '../../src/contracts/manifest.ts';

export const EXAMPLES_DIR = join(CONTRACTS_DIR, 'examples');

export interface InvalidExample {
  name: string;
  description: string;
  expect: Array<{ path: string; rule: string }>;
  message: unknown;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

function read(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** [name, message] for each valid example under `sub` (e.g. 'valid'). */
export function validExamples(sub: string): Array<[string, unknown]> {
  const dir = join(EXAMPLES_DIR, sub);
  return jsonFiles(dir).map((path) => [relative(dir, path), read(path)]);
}

export function invalidExamples(sub: string): InvalidExample[] {
  const dir = join(EXAMPLES_DIR, sub);
  return jsonFiles(dir).map((path) => ({
    name: relative(dir, path),
    ...(read(path) as Omit<InvalidExample, 'name'>),
  }));
}
