// The fake AI's graph builder: conversations in, AI graph output out. Pure and deterministic (the
// clock value and seed are arguments), so the same bundle and seed give byte-identical JSON.

import {
  type ClusterInfo,
  formatTimestamp,
  type GraphEdge,
  type GraphNode,
  type GraphOutput,
  type Subcluster,
} from '../../src/contracts/index.ts';
import { clusterDocuments } from './cluster.ts';
import type { ConversationDoc } from './conversations.ts';
import { type SimilarPair, similarPairs } from './similarity.ts';
import { buildTfIdf, type ScoredTerm, type SparseVector, sortScored, topTerms } from './tfidf.ts';

export interface GraphOptions {
  /** Seeds clustering; default 42. */
  seed?: number;
  /** Milliseconds since the epoch written as `metadata.generated_at`. */
  now: number;
  minClusters?: number | undefined;
  maxClusters?: number | undefined;
  /** `source_type` of every node (the request's `inputType`); default `chat`. */
  sourceType?: string | undefined;
  /** Cosine at or above which two conversations are linked; default 0.12. */
  edgeThreshold?: number;
  /** Cosine at or above which a link is a `hard` edge rather than an `insight`; default 0.3. */
  hardThreshold?: number;
  /** Strongest links kept per node; default 6. */
  edgesPerNode?: number;
  /** Keywords listed per node; default 8 (the first 3 are `top_keywords`). */
  keywordsPerNode?: number;
}

export const DEFAULT_SEED = 42;

const round = (value: number): number => Math.round(value * 10_000) / 10_000;

export function buildGraph(docs: readonly ConversationDoc[], options: GraphOptions): GraphOutput {
  const seed = options.seed ?? DEFAULT_SEED;
  const { vocabulary, vectors } = buildTfIdf(docs.map((d) => d.text));
  const clusterOf = clusterDocuments(vectors, vocabulary.length, {
    seed,
    minClusters: options.minClusters,
    maxClusters: options.maxClusters,
  });
  const clusterCount = docs.length === 0 ? 0 : Math.max(...clusterOf) + 1;
  const clusters = describeClusters(clusterCount, clusterOf, vectors, vocabulary);
  const clusterId = (doc: number) => `cluster_${clusterOf[doc] ?? 0}`;

  const keywordsPerNode = options.keywordsPerNode ?? 8;
  const nodes: GraphNode[] = docs.map((doc, i) => {
    const keywords = topTerms(vectors[i] as SparseVector, vocabulary, keywordsPerNode).map((k) => ({
      term: k.term,
      score: round(k.score),
    }));
    return {
      id: i,
      orig_id: doc.origId,
      cluster_id: clusterId(i),
      cluster_name: clusters[clusterOf[i] ?? 0]?.name ?? '',
      keywords,
      top_keywords: keywords.slice(0, 3).map((k) => k.term),
      timestamp: doc.timestamp,
      num_sections: doc.numSections,
      source_type: options.sourceType ?? 'chat',
    };
  });

  const hardThreshold = options.hardThreshold ?? 0.3;
  const pairs = similarPairs(vectors, options.edgeThreshold ?? 0.12, options.edgesPerNode ?? 6);
  const edges: GraphEdge[] = pairs.map((p) => {
    // Typed on the written (rounded) weight, so a reader of the JSON sees a consistent cut.
    const weight = round(p.weight);
    return {
      source: p.source,
      target: p.target,
      weight,
      type: weight >= hardThreshold ? 'hard' : 'insight',
      is_intra_cluster: clusterOf[p.source] === clusterOf[p.target],
    };
  });

  const metadataClusters: Record<string, ClusterInfo> = {};
  clusters.forEach((info, c) => {
    metadataClusters[`cluster_${c}`] = info;
  });
  return {
    nodes,
    edges,
    subclusters: findSubclusters(clusterCount, clusterOf, pairs, vectors, vocabulary),
    metadata: {
      generated_at: formatTimestamp(options.now),
      total_nodes: nodes.length,
      total_edges: edges.length,
      total_clusters: clusterCount,
      clusters: metadataClusters,
    },
  };
}

/** Sums member vectors per cluster: the heaviest terms are the cluster's themes and name. */
function clusterThemes(
  members: readonly number[],
  vectors: readonly SparseVector[],
  vocabulary: readonly string[],
  limit: number,
): ScoredTerm[] {
  const sums = new Map<number, number>();
  for (const doc of members) {
    const v = vectors[doc] as SparseVector;
    for (let i = 0; i < v.terms.length; i++) {
      const term = v.terms[i] ?? 0;
      sums.set(term, (sums.get(term) ?? 0) + (v.weights[i] ?? 0));
    }
  }
  const scored = [...sums].map(([term, score]) => ({ term: vocabulary[term] ?? '', score }));
  return sortScored(scored).slice(0, limit);
}

const titleCase = (term: string) => term.charAt(0).toUpperCase() + term.slice(1);

function describeClusters(
  count: number,
  clusterOf: readonly number[],
  vectors: readonly SparseVector[],
  vocabulary: readonly string[],
): ClusterInfo[] {
  const members = Array.from({ length: count }, () => [] as number[]);
  clusterOf.forEach((c, doc) => {
    members[c]?.push(doc);
  });
  const used = new Map<string, number>();
  return members.map((docs) => {
    const themes = clusterThemes(docs, vectors, vocabulary, 5).map((t) => t.term);
    let name = themes.slice(0, 2).map(titleCase).join(' & ') || 'Miscellaneous';
    // Two clusters may share their top terms; a suffix keeps names unique, as the UI needs.
    const seen = used.get(name) ?? 0;
    used.set(name, seen + 1);
    if (seen > 0) name = `${name} (${seen + 1})`;
    const about = themes.length > 0 ? ` about ${themes.slice(0, 3).join(', ')}` : '';
    return {
      name,
      description: `${docs.length} conversation${docs.length === 1 ? '' : 's'}${about}`,
      size: docs.length,
      key_themes: themes,
    };
  });
}

/**
 * Subclusters are the connected groups (two or more nodes) of intra-cluster links inside each
 * cluster; the representative is the member with the heaviest links.
 */
function findSubclusters(
  count: number,
  clusterOf: readonly number[],
  pairs: readonly SimilarPair[],
  vectors: readonly SparseVector[],
  vocabulary: readonly string[],
): Subcluster[] {
  const parent = clusterOf.map((_, i) => i);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root] ?? root;
    while (parent[x] !== root) {
      const next = parent[x] ?? root;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  const strength = new Float64Array(clusterOf.length);
  const intra = pairs.filter((p) => clusterOf[p.source] === clusterOf[p.target]);
  for (const p of intra) {
    const a = find(p.source);
    const b = find(p.target);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    strength[p.source] = (strength[p.source] ?? 0) + p.weight;
    strength[p.target] = (strength[p.target] ?? 0) + p.weight;
  }
  const groups = new Map<number, number[]>();
  clusterOf.forEach((_, doc) => {
    const root = find(doc);
    let list = groups.get(root);
    if (!list) {
      list = [];
      groups.set(root, list);
    }
    list.push(doc);
  });
  const result: Subcluster[] = [];
  const perCluster = new Array<number>(count).fill(0);
  const ordered = [...groups].filter(([, docs]) => docs.length >= 2).sort((a, b) => a[0] - b[0]);
  for (const [root, docs] of ordered) {
    const cluster = clusterOf[root] ?? 0;
    const index = perCluster[cluster] ?? 0;
    perCluster[cluster] = index + 1;
    let representative = docs[0] ?? 0;
    for (const doc of docs) {
      if ((strength[doc] ?? 0) > (strength[representative] ?? 0)) representative = doc;
    }
    result.push({
      id: `subcluster_${cluster}_${index}`,
      cluster_id: `cluster_${cluster}`,
      node_ids: docs,
      representative_node_id: representative,
      top_keywords: clusterThemes(docs, vectors, vocabulary, 3).map((t) => t.term),
    });
  }
  return result;
}
