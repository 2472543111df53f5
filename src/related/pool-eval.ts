import { rPrecision } from "./eval-metrics.js";
import type { RelatedModel } from "./related-model.js";
import type { TrainingSet } from "./related-model-fit.js";

/**
 * R-precision of a model over a training set's pools, without rebuilding an index: each
 * query's candidates ranked by the model's probability. Relevant articles the pool missed
 * count as misses, as in the full evaluation; near-duplicate removal is not applied, so the
 * figure can differ from `evaluateRelated` by the odd duplicate. What the ablation compares.
 */
export function poolRPrecision(set: TrainingSet, model: RelatedModel): number {
  const queries = set.queries ?? [];
  if (queries.length === 0) return 0;
  let sum = 0;
  for (const q of queries) {
    const ranked: { at: number; p: number }[] = [];
    for (let r = q.start; r < q.start + q.count; r++)
      ranked.push({ at: r, p: model.probability(set.rows[r] as Float64Array) });
    ranked.sort((a, b) => b.p - a.p || a.at - b.at);
    const relevant = new Set<number>();
    for (let r = q.start; r < q.start + q.count; r++) if (set.labels[r] === 1) relevant.add(r);
    // Relevant articles outside the pool: placeholders no ranking can reach.
    for (let m = relevant.size; m < q.relevant; m++) relevant.add(-1 - m);
    sum += rPrecision(
      ranked.map((x) => x.at),
      relevant,
    );
  }
  return sum / queries.length;
}
