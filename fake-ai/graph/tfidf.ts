// TF-IDF over the conversations: sublinear term frequency, smoothed inverse document frequency,
// L2-normalised sparse vectors (so a dot product is a cosine). Terms are numbered in first-seen
// order, which keeps every later step independent of Map/Set iteration quirks.
import { tokenize } from './tokenize.ts';

/** A sparse unit vector: parallel arrays of term numbers (ascending) and weights. */
export interface SparseVector {
  terms: Int32Array;
  weights: Float64Array;
}

export interface TfIdfModel {
  vocabulary: string[];
  vectors: SparseVector[];
}

export function buildTfIdf(texts: readonly string[]): TfIdfModel {
  const termIds = new Map<string, number>();
  const vocabulary: string[] = [];
  const counts: Map<number, number>[] = [];
  const documentFrequency: number[] = [];
  for (const text of texts) {
    const docCounts = new Map<number, number>();
    for (const term of tokenize(text)) {
      let id = termIds.get(term);
      if (id === undefined) {
        id = vocabulary.length;
        termIds.set(term, id);
        vocabulary.push(term);
        documentFrequency.push(0);
      }
      const seen = docCounts.get(id);
      if (seen === undefined) documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
      docCounts.set(id, (seen ?? 0) + 1);
    }
    counts.push(docCounts);
  }
  const n = texts.length;
  const idf = documentFrequency.map((df) => Math.log((1 + n) / (1 + df)) + 1);
  const vectors = counts.map((docCounts) => {
    const ids = [...docCounts.keys()].sort((a, b) => a - b);
    const weights = new Float64Array(ids.length);
    let norm = 0;
    ids.forEach((id, i) => {
      const w = (1 + Math.log(docCounts.get(id) ?? 1)) * (idf[id] ?? 1);
      weights[i] = w;
      norm += w * w;
    });
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) / norm;
    return { terms: Int32Array.from(ids), weights };
  });
  return { vocabulary, vectors };
}

export interface ScoredTerm {
  term: string;
  score: number;
}

/** The `limit` heaviest terms of a vector, ties broken alphabetically for a stable order. */
export function topTerms(
  vector: SparseVector,
  vocabulary: readonly string[],
  limit: number,
): ScoredTerm[] {
  const scored: ScoredTerm[] = [];
  for (let i = 0; i < vector.terms.length; i++) {
    scored.push({ term: vocabulary[vector.terms[i] ?? 0] ?? '', score: vector.weights[i] ?? 0 });
  }
  return sortScored(scored).slice(0, limit);
}

export function sortScored(scored: ScoredTerm[]): ScoredTerm[] {
  return scored.sort(
    (a, b) => b.score - a.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0),
  );
}
