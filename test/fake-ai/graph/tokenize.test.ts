// Tokenizing conversation text for keywords and clustering.
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../fake-ai/graph/tokenize.ts';

describe('tokenize', () => {
  it('lower-cases words and drops stop words, numbers and single letters', () => {
    expect(tokenize('What is the BEST way to deploy Kubernetes in 2025? A b')).toEqual([
      'deploy',
      'kubernetes',
    ]);
  });

  it('keeps technical names whole', () => {
    expect(tokenize('d3.js with C++ and C# on node.js')).toEqual(['d3.js', 'c++', 'c#', 'node.js']);
  });

  it('folds possessives and curly apostrophes', () => {
    expect(tokenize('Python’s decorators and React’s hooks')).toEqual([
      'python',
      'decorators',
      'react',
      'hooks',
    ]);
  });

  it('handles non-Latin scripts and drops absurdly long tokens', () => {
    expect(tokenize(`머신러닝 モデル ${'x'.repeat(50)}`)).toEqual(['머신러닝', 'モデル']);
  });

  it('returns nothing for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('?! ... --- ###')).toEqual([]);
  });
});
