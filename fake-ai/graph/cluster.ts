// Groups conversations into topics with seeded spherical k-means (cosine k-means on the TF-IDF
// vectors, k-means++ start). The seed fixes the start, so the same bundle and seed always give the
// same clusters; clusters are then numbered by size (largest first), then by their first member.
import { type Random, seededRandom } from '../../src/kernel/random.ts';
import type { SparseVector } from './tfidf.ts';

export interface ClusterOptions {
  seed: number;
  minClusters?: number | undefined;
  maxClusters?: number | undefined;
  maxIterations?: number;
}

/** The number of clusters used when the request does not fix it: about √(n/2), within bounds. */
export function chooseClusterCount(docs: number, options: ClusterOptions): number {
  if (docs === 0) return 0;
  const min = Math.max(1, options.minClusters ?? 1);
  const max = Math.max(min, options.maxClusters ?? 30);
  const wanted = Math.round(Math.sqrt(docs / 2));
  return Math.min(docs, Math.max(min, Math.min(max, wanted)));
}

/** Returns a cluster number per document (0 = largest cluster). */
export function clusterDocuments(
  vectors: readonly SparseVector[],
  dimensions: number,
  options: ClusterOptions,
): number[] {
  const k = chooseClusterCount(vectors.length, options);
  if (k <= 1) return vectors.map(() => 0);
  const random = seededRandom(options.seed);
  let centroids = initialCentroids(vectors, dimensions, k, random);
  let assignment = vectors.map(() => -1);
  const maxIterations = options.maxIterations ?? 30;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const next = vectors.map((v) => nearest(v, centroids));
    const changed = next.some((c, i) => c !== assignment[i]);
    assignment = next;
    if (!changed) break;
    centroids = recompute(vectors, assignment, centroids, dimensions);
  }
  return renumberBySize(assignment);
}

function dot(vector: SparseVector, centroid: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < vector.terms.length; i++) {
    sum += (vector.weights[i] ?? 0) * (centroid[vector.terms[i] ?? 0] ?? 0);
  }
  return sum;
}

function nearest(vector: SparseVector, centroids: readonly Float64Array[]): number {
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  centroids.forEach((centroid, c) => {
    const score = dot(vector, centroid);
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  });
  return best;
}

function toDense(vector: SparseVector, dimensions: number): Float64Array {
  const dense = new Float64Array(dimensions);
  for (let i = 0; i < vector.terms.length; i++)
    dense[vector.terms[i] ?? 0] = vector.weights[i] ?? 0;
  return dense;
}

// k-means++: each next centre is drawn with probability proportional to its distance from the
// centres chosen so far (1 − cosine for unit vectors), which spreads the start over the topics.
function initialCentroids(
  vectors: readonly SparseVector[],
  dimensions: number,
  k: number,
  random: Random,
): Float64Array[] {
  const first = Math.floor(random() * vectors.length);
  const centroids = [toDense(vectors[first] as SparseVector, dimensions)];
  const distance = vectors.map((v) => 1 - dot(v, centroids[0] as Float64Array));
  while (centroids.length < k) {
    const total = distance.reduce((sum, d) => sum + Math.max(0, d), 0);
    let pick = 0;
    if (total > 0) {
      let target = random() * total;
      for (pick = 0; pick < distance.length - 1; pick++) {
        target -= Math.max(0, distance[pick] ?? 0);
        if (target < 0) break;
      }
    } else {
      pick = centroids.length % vectors.length;
    }
    const centroid = toDense(vectors[pick] as SparseVector, dimensions);
    centroids.push(centroid);
    vectors.forEach((v, i) => {
      distance[i] = Math.min(distance[i] ?? 1, 1 - dot(v, centroid));
    });
  }
  return centroids;
}

function recompute(
  vectors: readonly SparseVector[],
  assignment: readonly number[],
  previous: readonly Float64Array[],
  dimensions: number,
): Float64Array[] {
  const sums = previous.map(() => new Float64Array(dimensions));
  const sizes = previous.map(() => 0);
  vectors.forEach((vector, i) => {
    const c = assignment[i] ?? 0;
    const sum = sums[c] as Float64Array;
    sizes[c] = (sizes[c] ?? 0) + 1;
    for (let t = 0; t < vector.terms.length; t++) {
      const term = vector.terms[t] ?? 0;
      sum[term] = (sum[term] ?? 0) + (vector.weights[t] ?? 0);
    }
  });
  return sums.map((sum, c) => {
    // An emptied cluster keeps its old centre rather than collapsing to zero.
    if (sizes[c] === 0) return previous[c] as Float64Array;
    let norm = 0;
    for (const w of sum) norm += w * w;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] ?? 0) / norm;
    return sum;
  });
}

function renumberBySize(assignment: readonly number[]): number[] {
  const members = new Map<number, number[]>();
  assignment.forEach((c, doc) => {
    let list = members.get(c);
    if (!list) {
      list = [];
      members.set(c, list);
    }
    list.push(doc);
  });
  const order = [...members.values()].sort(
    (a, b) => b.length - a.length || (a[0] ?? 0) - (b[0] ?? 0),
  );
  const result = new Array<number>(assignment.length).fill(0);
  order.forEach((docs, index) => {
    for (const doc of docs) result[doc] = index;
  });
  return result;
}
