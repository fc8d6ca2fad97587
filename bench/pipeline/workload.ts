// The pipeline benchmark's workload: one user (and bearer token) per task, so each task's graph
// is its own row and can be checked, and a small realistic bundle per task — 3 to 5 conversations
// of the sample chat export, chosen deterministically so runs compare.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SAMPLE_EXPORT = fileURLToPath(
  new URL('../../test/fixtures/chat-export-sample.json', import.meta.url),
);

export interface BenchTask {
  /** Position in submission order. */
  index: number;
  userId: string;
  token: string;
  /** The request body sent to POST /v1/graphs/generate, already serialised. */
  body: string;
}

function loadConversations(path: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the sample export ${path}: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new Error(`${path} is not a non-empty JSON array of conversations`);
  }
  return parsed;
}

/** `count` tasks; task i takes 3–5 consecutive conversations of the export (wrapping around). */
export function buildWorkload(count: number, path = SAMPLE_EXPORT): BenchTask[] {
  const conversations = loadConversations(path);
  const run = randomBytes(4).toString('hex');
  return Array.from({ length: count }, (_, index) => {
    const size = 3 + (index % 3);
    const picked = Array.from(
      { length: size },
      (_, k) => conversations[(index * 7 + k) % conversations.length],
    );
    return {
      index,
      userId: `bench-${run}-${index}`,
      token: `bench-token-${run}-${index}-${randomBytes(12).toString('base64url')}`,
      body: JSON.stringify({ conversations: picked }),
    };
  });
}

/** Bearer token → user id, as the API expects its token table. */
export function tokenTable(tasks: readonly BenchTask[]): Map<string, string> {
  return new Map(tasks.map((t) => [t.token, t.userId]));
}
