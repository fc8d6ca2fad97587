import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };

describe('project', () => {
  it('declares the Node engine it needs', () => {
    expect(pkg.engines.node).toBe('>=22.12');
  });
});
