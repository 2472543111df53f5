import type { DenseScratch, IndexedDoc } from "./indexed-doc.js";
import { type ManifoldOptions, manifoldScores } from "./manifold-rank.js";
import { mentionAgreement } from "./time-mentions.js";

/**
 * What the learned model (`related-model.ts`) knows of a query and one candidate of its pool.
 * Every feature is a plain measurement with no weight of its own: the weights are fitted
 * (`scripts/fit-related-model.ts`), leave-one-corpus-out, so none is tuned to one corpus.
 */
export const PAIR_FEATURES = [
  /** Cosine of the two tf-idf vectors (words, numbers, entities, tags). */
  "cosine",
  /** The cosine's share carried by plain words … */
  "words",
  /** … by numbers (tolls, ages, sums, years), which tell look-alike stories apart … */
  "numbers",
  /** … by named entities (people, places, organisations) … */
  "entities",
  /** … and by tags and Weibo hashtags. */
  "tags",
  /** Closeness of the publication dates, exp(-Δdays / 30); NaN when unknown. */
  "date_30d",
  /** Weekday, month and year fields both texts name and agree on, or name differently. */
  "dates_agree",
  "dates_differ",
  /** Graph score (manifold ranking over the pool's cosines) over the pool's best. */
  "graph",
  /**
   * `graph` times the pool's density (its share of candidates within half the best
   * cosine): agreement among candidates says more when many look alike.
   */
  "graph_dense",
  /** 1 when both give an age and share one, 0 when they share none; NaN when either gives none. */
  "ages",
  /**
   * `cosine` times exp(-Δdays): close in words and in time together. A same-kind story a day
   * apart with middling cosine is often the same incident; far apart, rarely. NaN when a
   * date is unknown.
   */
  "cosine_near",
] as const;

export type PairFeature = (typeof PAIR_FEATURES)[number];
export const FEATURE_COUNT = PAIR_FEATURES.length;

/** The graph walk of the `graph` feature: the textbook settings (Zhou et al. 2004). */
const GRAPH: ManifoldOptions = { alpha: 0.8, neighbours: 5, iterations: 20 };
const DATE_SCALE = 30;

export interface PoolMember {
  doc: IndexedDoc;
  cosine: number;
}

/** One feature row per pool member (pool sorted by cosine, best first). */
export function poolFeatures(
  query: IndexedDoc,
  pool: readonly PoolMember[],
  scratch: DenseScratch,
): Float64Array[] {
  const n = pool.length;
  const best = pool[0]?.cosine ?? 0;
  // Cosines among the pool members (and the query, node 0) feed the graph.
  const docs = [query, ...pool.map((p) => p.doc)];
  const m = docs.length;
  const affinity = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    scratch.load(docs[i] as IndexedDoc);
    for (let j = i + 1; j < m; j++) {
      const c = Math.max(0, scratch.cosine(docs[j] as IndexedDoc));
      affinity[i * m + j] = c;
      affinity[j * m + i] = c;
    }
  }
  const graph = m >= 3 ? manifoldScores(affinity, m, GRAPH) : new Float64Array(m);
  let graphTop = 0;
  for (let i = 1; i < m; i++) graphTop = Math.max(graphTop, graph[i] as number);

  let close = 0;
  for (const p of pool) if (p.cosine >= 0.5 * best) close++;
  const density = n > 0 ? close / n : 0;

  scratch.load(query);
  const rows: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const { doc, cosine } = pool[i] as PoolMember;
    const [words, numbers, entities, tags] = scratch.cosineParts(doc);
    const delta = Math.abs(query.days - doc.days);
    const { shared, differ } = mentionAgreement(query.mentions, doc.mentions);
    const graphShare = graphTop > 0 ? (graph[i + 1] as number) / graphTop : 0;
    const row = new Float64Array(FEATURE_COUNT);
    row.set([
      cosine,
      words,
      numbers,
      entities,
      tags,
      Math.exp(-delta / DATE_SCALE),
      shared,
      differ,
      graphShare,
      graphShare * density,
      query.ages.length > 0 && doc.ages.length > 0 ? shareAny(query.ages, doc.ages) : Number.NaN,
      cosine * Math.exp(-delta),
    ]);
    rows.push(row);
  }
  return rows;
}

/** 1 when two ascending lists share a value, else 0. */
function shareAny(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) return 1;
    if (x < y) i++;
    else j++;
  }
  return 0;
}
