import type { DenseScratch, IndexedDoc } from "./indexed-doc.js";
import { manifoldScores } from "./manifold-rank.js";
import { estimateJaccard } from "./minhash.js";
import { mmrSelect } from "./mmr.js";
import type { RelatedHit, RelatedOptions } from "./related-types.js";
import { proximityFactor } from "./time-decay.js";
import { mentionFactor } from "./time-mentions.js";

/** A candidate article with its score so far. */
export interface Candidate {
  doc: IndexedDoc;
  score: number;
}

/**
 * What two articles' dates and date words say about their being one story, as a score
 * multiplier: publication-date proximity times agreement of the weekdays and months named.
 */
export function pairFactor(
  a: Pick<IndexedDoc, "days" | "mentions">,
  b: Pick<IndexedDoc, "days" | "mentions">,
  options: RelatedOptions,
): number {
  return (
    proximityFactor(a.days, b.days, options.timeProximity) *
    mentionFactor(a.mentions, b.mentions, options.mentionWeight)
  );
}

/**
 * Pseudo-relevance feedback: adds to each candidate `feedbackWeight` × its similarity to the
 * best `feedbackNeighbours` candidates (the best one included), each neighbour weighted
 * (score / best)^`feedbackSharpness`, so a lone right answer is not out-voted by a group of
 * similar wrong ones. Similarity there is cosine × `pairFactor`, as for the query: a
 * neighbour vouches less for a candidate from another week. Returns the candidates re-sorted.
 */
export function withFeedback(
  pool: readonly Candidate[],
  scratch: DenseScratch,
  options: RelatedOptions,
): Candidate[] {
  const m = Math.min(options.feedbackNeighbours, pool.length);
  if (m === 0 || options.feedbackWeight <= 0) return [...pool];
  const best = pool[0]?.score ?? 0;
  const top = pool.slice(0, m).filter((n) => n.score >= options.feedbackMinRatio * best);
  const sums = new Float64Array(pool.length);
  const weights = new Float64Array(pool.length);
  for (const n of top) {
    const w = best > 0 ? (n.score / best) ** options.feedbackSharpness : 0;
    scratch.load(n.doc);
    pool.forEach(({ doc }, i) => {
      sums[i] = (sums[i] as number) + w * scratch.cosine(doc) * pairFactor(n.doc, doc, options);
      weights[i] = (weights[i] as number) + w;
    });
  }
  return pool
    .map(({ doc, score }, i) => {
      const w = weights[i] as number;
      return {
        doc,
        score: score + (w > 0 ? (options.feedbackWeight * (sums[i] as number)) / w : 0),
      };
    })
    .sort((a, b) => b.score - a.score);
}

/**
 * Graph re-ranking of the pool (see `manifold-rank.ts`): edges are cosine × `pairFactor`, as
 * for the query, and each candidate gains `manifold.weight` × the best score × its graph
 * score relative to the best candidate's. Returns the candidates re-sorted.
 */
export function withManifold(
  query: IndexedDoc,
  pool: readonly Candidate[],
  scratch: DenseScratch,
  options: RelatedOptions,
): Candidate[] {
  const { weight, ...graph } = options.manifold;
  if (weight <= 0 || pool.length < 3) return [...pool];
  const docs = [query, ...pool.map((c) => c.doc)];
  const n = docs.length;
  const affinity = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const a = docs[i] as IndexedDoc;
    scratch.load(a);
    for (let j = i + 1; j < n; j++) {
      const b = docs[j] as IndexedDoc;
      const cosine = scratch.cosine(b);
      const v = cosine > 0 ? cosine * pairFactor(a, b, options) : 0;
      affinity[i * n + j] = v;
      affinity[j * n + i] = v;
    }
  }
  const f = manifoldScores(affinity, n, graph);
  let top = 0;
  for (let i = 1; i < f.length; i++) top = Math.max(top, f[i] as number);
  const scale = top > 0 ? (weight * (pool[0]?.score ?? 0)) / top : 0;
  return pool
    .map(({ doc, score }, i) => ({ doc, score: score + scale * (f[i + 1] as number) }))
    .sort((a, b) => b.score - a.score);
}

/**
 * The final list: drops near-duplicates (MinHash Jaccard ≥ `duplicateThreshold`) of the
 * query and of articles already picked, and orders by MMR (`diversityLambda`) over the 3k
 * best, repeating the pick when duplicates thinned it.
 */
export function pickDiverse(
  query: IndexedDoc,
  pool: readonly Candidate[],
  k: number,
  scratch: DenseScratch,
  options: RelatedOptions,
): RelatedHit[] {
  const threshold = options.duplicateThreshold;
  const duplicate = (a: IndexedDoc, b: IndexedDoc) =>
    estimateJaccard(a.signature, b.signature) >= threshold;
  let kept = pool
    .filter((c) => !duplicate(query, c.doc))
    .map((c) => ({ item: c.doc, relevance: c.score }));
  const similarity = (a: IndexedDoc, b: IndexedDoc) => {
    scratch.load(b);
    return scratch.cosine(a);
  };
  const hits: RelatedHit[] = [];
  const chosen: IndexedDoc[] = [];
  while (hits.length < k && kept.length > 0) {
    const picked = mmrSelect(
      kept.slice(0, 3 * k),
      k - hits.length,
      options.diversityLambda,
      similarity,
    );
    let clean = true;
    for (const p of picked) {
      if (chosen.some((c) => duplicate(c, p.item))) {
        clean = false;
        continue;
      }
      chosen.push(p.item);
      hits.push({ id: p.item.id, score: p.relevance });
    }
    if (clean) break;
    const taken = new Set(picked.map((p) => p.item));
    kept = kept.filter((c) => !taken.has(c.item) && !chosen.some((x) => duplicate(x, c.item)));
  }
  return hits;
}
