// Messages and objects as the real GraphNode parties build them today: the committed corpus in
// contracts/examples/real/ (built by the Python kit's tests/real_dialect.py the way the AI server
// and back end build them) is accepted with exactly the findings each entry names, and requests
// built here the back end's way (JSON.stringify, new Date().toISOString()) are conformant.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  levelOf,
  type ObjectKind,
  parseMessageBody,
  validateObject,
} from '../../src/contracts/index.ts';
import { EXAMPLES_DIR } from './golden.ts';

interface RealEntry {
  description: string;
  kind: 'message' | ObjectKind;
  findings: Array<{ path: string; rule: string }>;
  value: unknown;
}

const REAL_DIR = join(EXAMPLES_DIR, 'real');
const entries: Array<[string, RealEntry]> = readdirSync(REAL_DIR, {
  recursive: true,
  encoding: 'utf8',
})
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => [
    relative(REAL_DIR, join(REAL_DIR, name)),
    JSON.parse(readFileSync(join(REAL_DIR, name), 'utf8')) as RealEntry,
  ]);

function check(entry: RealEntry) {
  return entry.kind === 'message'
    ? parseMessageBody(JSON.stringify(entry.value))
    : validateObject(entry.kind, entry.value);
}

describe('the real-dialect corpus', () => {
  it('covers every task type and both result statuses', () => {
    const messages = entries.filter(([, e]) => e.kind === 'message').map(([, e]) => e.value);
    const seen = new Set(
      messages.map((m) => {
        const { taskType, payload } = m as { taskType: string; payload: { status?: string } };
        return payload.status ? `${taskType}:${payload.status}` : taskType;
      }),
    );
    for (const type of ['GRAPH_GENERATION', 'GRAPH_SUMMARY', 'ADD_NODE', 'MICROSCOPE_INGEST']) {
      expect(seen).toContain(`${type}_REQUEST`);
    }
    expect(seen).toContain('MICROSCOPE_INGEST_FROM_NODE_REQUEST');
    expect(seen).toContain('GRAPH_GENERATION_PROGRESS');
    for (const type of [
      'GRAPH_GENERATION_RESULT',
      'GRAPH_SUMMARY_RESULT',
      'ADD_NODE_RESULT',
      'MICROSCOPE_INGEST_RESULT',
      'MICROSCOPE_INGEST_FROM_NODE_RESULT',
    ]) {
      expect(seen).toContain(`${type}:COMPLETED`);
      expect(seen).toContain(`${type}:FAILED`);
    }
  });

  it.each(entries)('%s is accepted with the expected findings', (_name, entry) => {
    const result = check(entry);
    expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
    expect(result.findings.map(({ path, rule }) => ({ path, rule }))).toEqual(entry.findings);
    expect(levelOf(result)).toBe(entry.findings.length === 0 ? 'conformant' : 'accepted');
  });
});

describe('requests built the way the back end builds them', () => {
  const userId = '3f1c2a9e-7b4d-4e2a-9c1b-5d6e7f8a9b0c';
  const ulid = '01JDQ6Z3X4K8M2N5P7R9S1T3V5';
  const body = (taskId: string, taskType: string, payload: object) =>
    JSON.stringify({ taskId, taskType, timestamp: new Date().toISOString(), payload });

  it.each([
    [
      'GRAPH_GENERATION_REQUEST',
      `task_${userId}_${ulid}`,
      {
        userId,
        s3Key: `graph-generation/task_${userId}_${ulid}/`,
        bucket: 'b-123',
        includeSummary: true,
        summaryLanguage: 'ko',
        language: 'ko',
        inputType: 'auto',
        minClusters: 3,
        maxClusters: 8,
      },
    ],
    [
      'ADD_NODE_REQUEST',
      `task_add_node_${userId}_${ulid}`,
      { userId, s3Key: 'add-node/x/batch.json' },
    ],
    [
      'GRAPH_SUMMARY_REQUEST',
      `summary_${userId}_${ulid}`,
      { userId, graphS3Key: 'g/graph.json', bucket: 'b-123' },
    ],
    [
      'MICROSCOPE_INGEST_REQUEST',
      `task_microscope_file_${userId}_${ulid}_nonblock`,
      { user_id: userId, group_id: 'g1', s3_key: 'f/a.pdf', file_name: 'a.pdf' },
    ],
    [
      'MICROSCOPE_INGEST_FROM_NODE_REQUEST',
      `task_microscope_node_${userId}_${ulid}_block`,
      { user_id: userId, node_id: 'n1', node_type: 'conversation', group_id: 'g1' },
    ],
  ])('%s is conformant', (taskType, taskId, payload) => {
    const result = parseMessageBody(body(taskId, taskType, payload));
    expect(levelOf(result), result.ok ? '' : result.error.message).toBe('conformant');
  });
});
