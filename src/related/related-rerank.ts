import type { IndexedDoc } from "./indexed-doc.js";
import { estimateJaccard } from "./minhash.js";
import type { RelatedHit, RelatedOptions } from "./related-types.js";

/** A candidate article with its score so far. */
export interface Candidate {
  doc: IndexedDoc;
  score: number;
}

/**
 * The final list: the best `k` candidates (sorted best first) that are not near-duplicates
 * (MinHash Jaccard ≥ `duplicateThreshold`) of the query or of a better candidate already
 * kept: a reader gains nothing from the same wire copy twice.
 */
export function pickDistinct(
  query: IndexedDoc,
  pool: readonly Candidate[],
  k: number,
  options: RelatedOptions,
): RelatedHit[] {
  const threshold = options.duplicateThreshold;
  const duplicate = (a: IndexedDoc, b: IndexedDoc) =>
    estimateJaccard(a.signature, b.signature) >= threshold;
  const kept: IndexedDoc[] = [];
  const hits: RelatedHit[] = [];
  for (const c of pool) {
    if (hits.length >= k) break;
    if (duplicate(query, c.doc) || kept.some((d) => duplicate(d, c.doc))) continue;
    kept.push(c.doc);
    hits.push({ id: c.doc.id, score: c.score });
  }
  return hits;
}
