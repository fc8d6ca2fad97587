// Similarity links between conversations: for each conversation, its strongest cosine neighbours
// at or above a threshold, found through an inverted index so only pairs sharing a term are
// scored. Keeping a few neighbours per node (an edge survives if either end ranks it) gives a
// readable graph rather than a hairball, and never holds all n² pairs in memory.
import type { SparseVector } from './tfidf.ts';

export interface SimilarPair {
  source: number;
  target: number;
  weight: number;
}

interface Posting {
  docs: number[];
  weights: number[];
}

/** Pairs (source < target) ordered by source then target. */
export function similarPairs(
  vectors: readonly SparseVector[],
  threshold: number,
  perNode: number,
): SimilarPair[] {
  const postings = new Map<number, Posting>();
  vectors.forEach((vector, doc) => {
    for (let i = 0; i < vector.terms.length; i++) {
      const term = vector.terms[i] ?? 0;
      let posting = postings.get(term);
      if (!posting) {
        posting = { docs: [], weights: [] };
        postings.set(term, posting);
      }
      posting.docs.push(doc);
      posting.weights.push(vector.weights[i] ?? 0);
    }
  });
  const n = vectors.length;
  const scores = new Float64Array(n);
  const touched: number[] = [];
  const kept = new Map<number, SimilarPair>();
  vectors.forEach((vector, doc) => {
    for (let i = 0; i < vector.terms.length; i++) {
      const posting = postings.get(vector.terms[i] ?? 0) as Posting;
      const w = vector.weights[i] ?? 0;
      for (let p = 0; p < posting.docs.length; p++) {
        const other = posting.docs[p] ?? 0;
        if (other === doc) continue;
        if (scores[other] === 0) touched.push(other);
        scores[other] = (scores[other] ?? 0) + w * (posting.weights[p] ?? 0);
      }
    }
    // Best `perNode` neighbours, strongest first, lower id first on ties.
    const best: number[] = [];
    for (const other of touched) {
      const score = scores[other] ?? 0;
      if (score < threshold) continue;
      let at = best.length;
      while (at > 0) {
        const prev = best[at - 1] ?? 0;
        const prevScore = scores[prev] ?? 0;
        if (prevScore > score || (prevScore === score && prev < other)) break;
        at--;
      }
      if (at < perNode) {
        best.splice(at, 0, other);
        if (best.length > perNode) best.pop();
      }
    }
    for (const other of best) {
      const source = Math.min(doc, other);
      const target = Math.max(doc, other);
      const key = source * n + target;
      if (!kept.has(key))
        kept.set(key, { source, target, weight: Math.min(1, scores[other] ?? 0) });
    }
    for (const other of touched) scores[other] = 0;
    touched.length = 0;
  });
  return [...kept.values()].sort((a, b) => a.source - b.source || a.target - b.target);
}
