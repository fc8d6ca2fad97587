// The pinned timestamp format, produced from an injected clock.
import { describe, expect, it } from 'vitest';
import {
  formatTimestamp,
  isContractTimestamp,
  nowTimestamp,
  TIMESTAMP_PATTERN,
  validateOutgoing,
} from '../../src/contracts/index.ts';

describe('nowTimestamp', () => {
  it('formats the clock reading in UTC with milliseconds and Z', () => {
    expect(nowTimestamp(() => Date.UTC(2026, 10, 26, 7, 0, 0, 0))).toBe('2026-11-26T07:00:00.000Z');
    expect(nowTimestamp(() => Date.UTC(2026, 10, 26, 7, 0, 0, 7))).toBe('2026-11-26T07:00:00.007Z');
  });

  it('uses the real clock by default and still meets the format', () => {
    expect(nowTimestamp()).toMatch(TIMESTAMP_PATTERN);
  });

  it('refuses instants the format cannot express', () => {
    expect(() => formatTimestamp(Number.NaN)).toThrow(RangeError);
    expect(() => formatTimestamp(Date.UTC(10_000, 0, 1))).toThrow(/out of range/);
  });

  it('produces what the schema accepts', () => {
    const message = {
      taskId: 'task_u_01JDQ6Z3X4K8M2N5P7R9S1T3V5',
      taskType: 'GRAPH_GENERATION_PROGRESS',
      timestamp: nowTimestamp(() => 0),
      payload: { userId: 'u', currentStage: 'start', progressPercent: 0, etaSeconds: null },
    };
    expect(validateOutgoing(message).timestamp).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('isContractTimestamp', () => {
  it.each([
    ['2026-11-26T07:00:00.000Z', true],
    ['2026-11-26T07:00:00Z', false],
    ['2026-11-26T07:00:00.000+00:00', false],
    ['2026-11-26T07:00:00.123456Z', false],
    ['2026-11-26 07:00:00.000Z', false],
    ['2026-02-30T07:00:00.000Z', false],
    [1764140400000, false],
  ])('%s → %s', (value, expected) => {
    expect(isContractTimestamp(value)).toBe(expected);
  });
});
