/**
 * Ranking-quality measures for one query: a ranked list of ids and the set of ids that are
 * relevant to it (the other articles of its cluster). Gains are binary.
 */
export interface QueryMetrics {
  /** Precision over the top R, R = number of relevant ids capped at `rCap` (5). */
  rPrecision: number;
  precisionAt5: number;
  recallAt5: number;
  ndcgAt10: number;
}

export function precisionAt<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number {
  if (k <= 0) return 0;
  let hits = 0;
  for (const id of ranked.slice(0, k)) if (relevant.has(id)) hits++;
  return hits / k;
}

export function recallAt<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  for (const id of ranked.slice(0, k)) if (relevant.has(id)) hits++;
  return hits / relevant.size;
}

/** Binary-gain nDCG@k: DCG of the ranking over DCG of a perfect one (log2(rank + 1) discount). */
export function ndcgAt<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

export function rPrecision<T>(ranked: readonly T[], relevant: ReadonlySet<T>, rCap = 5): number {
  return precisionAt(ranked, relevant, Math.min(rCap, relevant.size));
}

export function queryMetrics<T>(ranked: readonly T[], relevant: ReadonlySet<T>): QueryMetrics {
  return {
    rPrecision: rPrecision(ranked, relevant),
    precisionAt5: precisionAt(ranked, relevant, 5),
    recallAt5: recallAt(ranked, relevant, 5),
    ndcgAt10: ndcgAt(ranked, relevant, 10),
  };
}

export interface MetricSummary {
  r_precision: number;
  precision_at_5: number;
  recall_at_5: number;
  ndcg_at_10: number;
  queries: number;
}

/** Mean of each measure over queries (0 everywhere when there are none). */
export function meanMetrics(all: readonly QueryMetrics[]): MetricSummary {
  const n = all.length;
  const mean = (f: (m: QueryMetrics) => number) =>
    n === 0 ? 0 : all.reduce((s, m) => s + f(m), 0) / n;
  return {
    r_precision: mean((m) => m.rPrecision),
    precision_at_5: mean((m) => m.precisionAt5),
    recall_at_5: mean((m) => m.recallAt5),
    ndcg_at_10: mean((m) => m.ndcgAt10),
    queries: n,
  };
}
