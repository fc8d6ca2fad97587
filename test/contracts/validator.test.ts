// Validation at the queue boundary: malformed, hostile and oversized bodies are violations with a
// clear reason (never an exception), and the error names the message type, field and rule.
import { describe, expect, it } from 'vitest';
import {
  ContractViolationError,
  MAX_BODY_BYTES,
  parseMessageBody,
  validateIncoming,
  validateOutgoing,
} from '../../src/contracts/index.ts';

const TASK_ID = 'task_user-42_01JDQ6Z3X4K8M2N5P7R9S1T3V5';
const result = {
  taskId: TASK_ID,
  taskType: 'GRAPH_GENERATION_RESULT',
  timestamp: '2026-11-26T07:00:00.000Z',
  payload: { userId: 'user-42', status: 'COMPLETED', resultS3Key: 'graph-generation/x/graph.json' },
};

function violationOf(body: string | undefined) {
  const outcome = parseMessageBody(body);
  if (outcome.ok) throw new Error(`expected a violation for ${String(body).slice(0, 40)}`);
  return outcome.error;
}

describe('parseMessageBody', () => {
  it('accepts a valid body and returns the message', () => {
    expect(parseMessageBody(JSON.stringify(result))).toEqual({
      ok: true,
      message: result,
      findings: [],
    });
  });

  it.each([
    ['undefined', undefined, 'message body is empty'],
    ['empty', '', 'message body is empty'],
    ['whitespace', '  \n', 'message body is empty'],
    ['truncated JSON', '{"taskId":"task_', 'is not valid JSON'],
    ['not JSON', 'hello', 'is not valid JSON'],
  ])('reports %s as a json violation', (_label, body, text) => {
    const error = violationOf(body);
    expect(error).toBeInstanceOf(ContractViolationError);
    expect(error.taskType).toBeUndefined();
    expect(error.violations).toEqual([
      { path: '', rule: 'json', message: expect.stringContaining(text) },
    ]);
    expect(error.message).toContain('(rule: json)');
  });

  it('rejects a body larger than the SQS limit without parsing it', () => {
    const error = violationOf(`"${'x'.repeat(MAX_BODY_BYTES)}"`);
    expect(error.violations[0]).toMatchObject({
      path: '',
      rule: 'maxBytes',
      message: expect.stringContaining('larger than'),
    });
  });

  it.each([
    ['a JSON string', '"GRAPH_GENERATION_RESULT"'],
    ['a JSON array', '[1,2]'],
    ['null', 'null'],
    ['a number', '42'],
  ])('rejects %s as not an object', (_label, body) => {
    expect(violationOf(body).violations).toEqual([
      { path: '', rule: 'type', message: 'must be object' },
    ]);
  });

  it('treats __proto__ and constructor keys as plain data, not prototype changes', () => {
    const body = `{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},${JSON.stringify(result).slice(1)}`;
    const outcome = parseMessageBody(body);
    expect(outcome.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => validateOutgoing(JSON.parse(body))).toThrow(/\/__proto__ is not a field/);
  });

  it('survives deeply nested unknown data', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const body = JSON.stringify({ ...result, extra: 0 }).replace('0}', `${deep}}`);
    expect(parseMessageBody(body).ok).toBe(true);
  });
});

describe('oversized and hostile fields', () => {
  it('rejects an oversized key or user id by its bound', () => {
    const outcome = validateIncoming({
      ...result,
      payload: { ...result.payload, userId: 'u'.repeat(129), resultS3Key: 'k'.repeat(1025) },
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.violations.map((v) => `${v.path}:${v.rule}`)).toEqual([
      '/payload/userId:maxLength',
      '/payload/resultS3Key:maxLength',
    ]);
  });

  it('rejects a task id that could escape its S3 prefix', () => {
    for (const taskId of [
      'task_../../etc_01JDQ6Z3X4K8M2N5P7R9S1T3V5',
      'task_a b_01JDQ6Z3X4K8M2N5P7R9S1T3V5',
    ]) {
      expect(validateIncoming({ ...result, taskId }).ok, taskId).toBe(false);
    }
  });
});

describe('violation messages', () => {
  it('names the message type, the field and the rule', () => {
    const { userId: _dropped, ...payload } = result.payload;
    expect(() => validateOutgoing({ ...result, payload })).toThrow(
      'GRAPH_GENERATION_RESULT: /payload/userId is required (rule: required)',
    );
  });

  it('reports every problem, not just the first', () => {
    const outcome = validateIncoming({
      ...result,
      timestamp: 'yesterday',
      payload: { userId: 7, status: 'OK' },
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.violations.map((v) => `${v.path}:${v.rule}`)).toEqual(
      expect.arrayContaining([
        '/timestamp:pattern',
        '/payload/userId:type',
        '/payload/status:enum',
      ]),
    );
  });

  it('limits the one-line message but keeps every violation', () => {
    const outcome = validateIncoming({ taskType: 'GRAPH_GENERATION_PROGRESS', payload: { a: 1 } });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.violations.length).toBeGreaterThan(5);
    expect(outcome.error.message).toMatch(/; and \d+ more$/);
  });

  it('says which timestamp format is expected', () => {
    expect(() => validateOutgoing({ ...result, timestamp: '26/11/2026 07:00' })).toThrow(
      '/timestamp must be an ISO-8601 instant naming a real date and time, e.g. 2026-11-26T07:00:00.000Z (rule: pattern)',
    );
  });

  it('refuses to send a timestamp without a zone: our producers are conformant', () => {
    const naive = { ...result, timestamp: '2026-05-24T08:02:17.292321' };
    expect(() => validateOutgoing(naive)).toThrow('(rule: timestamp-without-zone)');
    expect(validateIncoming(naive)).toMatchObject({
      ok: true,
      findings: [{ path: '/timestamp', rule: 'timestamp-without-zone' }],
    });
  });

  it('rejects an impossible calendar date even in the right shape', () => {
    expect(() => validateOutgoing({ ...result, timestamp: '2026-02-30T07:00:00.000Z' })).toThrow(
      '(rule: format)',
    );
  });

  it('names a request sent with a result type by the result schema it fails', () => {
    const request = {
      ...result,
      taskType: 'GRAPH_GENERATION_REQUEST',
      payload: { userId: 'user-42', status: 'COMPLETED' },
    };
    expect(() => validateOutgoing(request)).toThrow(
      /^GRAPH_GENERATION_REQUEST: .*\/payload\/s3Key is required \(rule: required\)/,
    );
  });
});
