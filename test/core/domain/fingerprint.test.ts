import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../src/core/domain/fingerprint.ts';

describe('request fingerprint', () => {
  it('ignores key order and undefined fields but not values, array order or types', () => {
    const a = fingerprint({ kind: 'X', options: { a: 1, b: [1, 2] }, extra: undefined });
    expect(fingerprint({ options: { b: [1, 2], a: 1 }, kind: 'X' })).toBe(a);
    expect(fingerprint({ kind: 'X', options: { a: 1, b: [2, 1] } })).not.toBe(a);
    expect(fingerprint({ kind: 'X', options: { a: '1', b: [1, 2] } })).not.toBe(a);
    expect(fingerprint({ kind: 'X', options: { a: 1, b: [1, 2], c: null } })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});
