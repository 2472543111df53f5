/**
 * Maximal marginal relevance: picks `k` items that are relevant but not redundant with each
 * other, so a list is not five takes on one sub-event. Each step takes the item maximising
 * `lambda * relevance / maxRelevance - (1 - lambda) * max similarity to the items already
 * picked`. lambda = 1 is plain ranking by relevance.
 *
 * @example mmrSelect([{item: "a", relevance: 1}, …], 5, 0.8, (x, y) => cosine(x, y))
 */
export interface Scored<T> {
  item: T;
  relevance: number;
}

export function mmrSelect<T>(
  candidates: readonly Scored<T>[],
  k: number,
  lambda: number,
  similarity: (a: T, b: T) => number,
): Scored<T>[] {
  if (k <= 0 || candidates.length === 0) return [];
  const max = Math.max(...candidates.map((c) => c.relevance));
  const scale = max > 0 ? 1 / max : 1;
  const left = [...candidates];
  const picked: Scored<T>[] = [];
  const maxSim = new Float64Array(left.length);
  while (picked.length < k && left.length > 0) {
    let best = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < left.length; i++) {
      const c = left[i] as Scored<T>;
      const value = lambda * c.relevance * scale - (1 - lambda) * (maxSim[i] ?? 0);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    const chosen = left[best] as Scored<T>;
    picked.push(chosen);
    left.splice(best, 1);
    maxSim.copyWithin(best, best + 1);
    if (lambda < 1) {
      for (let i = 0; i < left.length; i++) {
        const sim = similarity((left[i] as Scored<T>).item, chosen.item);
        if (sim > (maxSim[i] ?? 0)) maxSim[i] = sim;
      }
    }
  }
  return picked;
}
