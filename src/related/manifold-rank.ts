/**
 * Ranking on a neighbourhood graph ("manifold ranking", Zhou et al. 2004): relevance starts
 * at the query and spreads along the strongest similarities between the candidates
 * themselves. Articles of one story resemble each other more than they resemble the sister
 * story's, so a candidate only loosely like the query but close to the query's close
 * neighbours rises, and one that merely shares the query's topic words does not.
 */
export interface ManifoldOptions {
  /** 0…1: share of each step's score that flows along the graph (the rest returns to the query). */
  alpha: number;
  /** Each node keeps edges to its strongest `neighbours` (kept when either end keeps it). */
  neighbours: number;
  iterations: number;
}

/**
 * `w`: the n×n symmetric affinities (≥ 0, row-major) of nodes 0…n-1, node 0 the query; it
 * is modified. Returns each node's score, the query's included, from iterating
 * f ← α·S·f + (1-α)·e₀ with S the degree-normalised kept graph D^-½·W·D^-½.
 *
 * @example manifoldScores(affinities, 4, { alpha: 0.8, neighbours: 2, iterations: 20 })
 */
export function manifoldScores(w: Float64Array, n: number, options: ManifoldOptions): Float64Array {
  const keep = strongestEdges(w, n, options.neighbours);
  // The kept graph as compressed rows with degree-normalised weights (≤ 2·neighbours a row).
  const degree = new Float64Array(n);
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let d = 0;
    let count = 0;
    for (let j = 0; j < n; j++) {
      if (keep[i * n + j] && (w[i * n + j] as number) > 0) {
        d += w[i * n + j] as number;
        count++;
      }
    }
    degree[i] = d;
    start[i + 1] = (start[i] as number) + count;
  }
  const to = new Int32Array(start[n] as number);
  const weight = new Float64Array(start[n] as number);
  for (let i = 0, e = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (!keep[i * n + j] || !((w[i * n + j] as number) > 0)) continue;
      to[e] = j;
      weight[e++] =
        (w[i * n + j] as number) / Math.sqrt((degree[i] as number) * (degree[j] as number));
    }
  }
  let f = new Float64Array(n);
  let next = new Float64Array(n);
  f[0] = 1;
  for (let step = 0; step < options.iterations; step++) {
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let e = start[i] as number; e < (start[i + 1] as number); e++)
        sum += (weight[e] as number) * (f[to[e] as number] as number);
      next[i] = options.alpha * sum + (i === 0 ? 1 - options.alpha : 0);
    }
    [f, next] = [next, f];
  }
  return f;
}

/**
 * Marks, for each row of the n×n weights, its `k` largest positive off-diagonal entries
 * (earlier column first on ties), symmetrically.
 */
function strongestEdges(w: Float64Array, n: number, k: number): Uint8Array {
  const keep = new Uint8Array(n * n);
  if (k <= 0) return keep;
  const top = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    let size = 0;
    for (let j = 0; j < n; j++) {
      const v = w[i * n + j] as number;
      if (j === i || v <= 0) continue;
      if (size === k && v <= (w[i * n + (top[k - 1] as number)] as number)) continue;
      // Insertion into the short sorted list of the row's best columns.
      let at = size < k ? size++ : k - 1;
      while (at > 0 && (w[i * n + (top[at - 1] as number)] as number) < v) {
        top[at] = top[at - 1] as number;
        at--;
      }
      top[at] = j;
    }
    for (let x = 0; x < size; x++) {
      const j = top[x] as number;
      keep[i * n + j] = 1;
      keep[j * n + i] = 1;
    }
  }
  return keep;
}
