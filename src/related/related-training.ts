import type { LabeledArticle } from "./labeled-corpus.js";
import { createRelatedIndex } from "./related-index.js";
import type { TrainingSet } from "./related-model-fit.js";
import type { RelatedOptions } from "./related-types.js";

/**
 * The training rows of one labeled corpus: every query article (one with another of its
 * cluster in the corpus) asks the engine for its candidate pool; each candidate's feature
 * row is labelled 1 when it is of the query's cluster.
 */
export function trainingSet(
  name: string,
  corpus: readonly LabeledArticle[],
  options: Partial<RelatedOptions> = {},
): TrainingSet & { poolRecall: number } {
  const index = createRelatedIndex(options);
  index.rebuild(corpus.map((a) => a.doc));
  const clusterOf = new Map(corpus.map((a) => [a.doc.id, a.cluster]));
  const size = new Map<string, number>();
  for (const a of corpus) size.set(a.cluster, (size.get(a.cluster) ?? 0) + 1);
  const rows: Float64Array[] = [];
  const labels: number[] = [];
  const queries: { start: number; count: number; relevant: number }[] = [];
  let found = 0;
  let wanted = 0;
  for (const a of corpus) {
    const relevant = (size.get(a.cluster) ?? 0) - 1;
    if (relevant < 1) continue;
    const pool = index.explain(a.doc.id);
    wanted += relevant;
    queries.push({ start: rows.length, count: pool.ids.length, relevant });
    pool.ids.forEach((id, i) => {
      const hit = clusterOf.get(id) === a.cluster ? 1 : 0;
      found += hit;
      rows.push(pool.rows[i] as Float64Array);
      labels.push(hit);
    });
  }
  return {
    name,
    rows,
    labels: Uint8Array.from(labels),
    queries,
    poolRecall: wanted ? found / wanted : 0,
  };
}
