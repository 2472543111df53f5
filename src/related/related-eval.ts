import { createBm25Baseline } from "./baseline-bm25.js";
import { createRecentBaseline } from "./baseline-recent.js";
import { createTfidfBaseline } from "./baseline-tfidf.js";
import {
  type MetricSummary,
  meanMetrics,
  type QueryMetrics,
  queryMetrics,
} from "./eval-metrics.js";
import type { LabeledArticle } from "./labeled-corpus.js";
import { createRelatedIndex } from "./related-index.js";
import type { RelatedModel } from "./related-model.js";
import type { RelatedHit, RelatedId, RelatedOptions } from "./related-types.js";

export type EvalMethod = "engine" | "baseline_recent" | "baseline_tfidf" | "baseline_bm25";
export type EvalReport = Record<EvalMethod, MetricSummary>;

/**
 * Indexes the whole labeled corpus, asks every article of a cluster of two or more for its
 * top `k` (at least 10, for nDCG@10) with each method, and averages the measures. Articles
 * of one-article clusters are in the index as distractors but are never queried.
 */
export function evaluateRelated(
  corpus: readonly LabeledArticle[],
  options: {
    k?: number;
    engine?: Partial<RelatedOptions>;
    model?: RelatedModel;
    methods?: readonly EvalMethod[];
  } = {},
): EvalReport {
  const k = Math.max(10, options.k ?? 10);
  const docs = corpus.map((a) => a.doc);
  const members = new Map<string, RelatedId[]>();
  for (const a of corpus) {
    const list = members.get(a.cluster) ?? [];
    list.push(a.doc.id);
    members.set(a.cluster, list);
  }
  const methods = options.methods ?? [
    "engine",
    "baseline_recent",
    "baseline_tfidf",
    "baseline_bm25",
  ];
  const rankers: Partial<Record<EvalMethod, (id: RelatedId) => RelatedHit[]>> = {};
  if (methods.includes("engine")) {
    const index = createRelatedIndex(options.engine, options.model);
    index.rebuild(docs);
    rankers.engine = (id) => index.topK(id, k);
  }
  if (methods.includes("baseline_recent")) {
    const recent = createRecentBaseline(docs);
    rankers.baseline_recent = (id) => recent.topK(id, k);
  }
  if (methods.includes("baseline_tfidf")) {
    const tfidf = createTfidfBaseline(docs);
    rankers.baseline_tfidf = (id) => tfidf.topK(id, k);
  }
  if (methods.includes("baseline_bm25")) {
    const bm25 = createBm25Baseline(docs);
    rankers.baseline_bm25 = (id) => bm25.topK(id, k);
  }
  const report: Partial<EvalReport> = {};
  for (const method of methods) {
    const rank = rankers[method];
    if (!rank) continue;
    const all: QueryMetrics[] = [];
    for (const a of corpus) {
      const relevant = new Set((members.get(a.cluster) ?? []).filter((id) => id !== a.doc.id));
      if (relevant.size === 0) continue;
      all.push(
        queryMetrics(
          rank(a.doc.id).map((h) => h.id),
          relevant,
        ),
      );
    }
    report[method] = meanMetrics(all);
  }
  return report as EvalReport;
}
