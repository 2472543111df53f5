import { plainTokens } from "./baseline-tfidf.js";
import type { RelatedDoc, RelatedHit, RelatedId } from "./related-types.js";

/**
 * The second comparison baseline: Okapi BM25 with the textbook parameters (k1 1.2, b 0.75),
 * the whole article (headline + lead + body, plain words as in the TF-IDF baseline) as the
 * query, each distinct query word once. Exact: every article sharing a word is scored.
 */
export interface Bm25Baseline {
  topK(id: RelatedId, k: number): RelatedHit[];
}

const K1 = 1.2;
const B = 0.75;

export function createBm25Baseline(docs: readonly RelatedDoc[]): Bm25Baseline {
  const vocab = new Map<string, number>();
  const postings: { doc: number; tf: number }[][] = [];
  const lengths = new Float64Array(docs.length);
  const queryTerms: Int32Array[] = [];
  docs.forEach((d, i) => {
    const tf = new Map<number, number>();
    const words = plainTokens(`${d.title}\n${d.lead ?? ""}\n${d.body}`);
    for (const w of words) {
      let t = vocab.get(w);
      if (t === undefined) {
        t = vocab.size;
        vocab.set(w, t);
        postings.push([]);
      }
      tf.set(t, (tf.get(t) ?? 0) + 1);
    }
    lengths[i] = words.length;
    for (const [t, n] of tf) postings[t]?.push({ doc: i, tf: n });
    queryTerms.push(Int32Array.from(tf.keys()));
  });
  const n = docs.length;
  const avg = lengths.reduce((s, l) => s + l, 0) / Math.max(1, n) || 1;
  const idf = postings.map((p) => Math.log(1 + (n - p.length + 0.5) / (p.length + 0.5)));
  const slotOf = new Map(docs.map((d, i) => [d.id, i]));
  const scores = new Float64Array(n);

  return {
    topK(id, k) {
      const q = slotOf.get(id);
      if (q === undefined || k <= 0) return [];
      scores.fill(0);
      for (const t of queryTerms[q] ?? []) {
        const w = idf[t] ?? 0;
        for (const { doc, tf } of postings[t] ?? []) {
          const norm = K1 * (1 - B + (B * (lengths[doc] as number)) / avg);
          scores[doc] = (scores[doc] as number) + (w * tf * (K1 + 1)) / (tf + norm);
        }
      }
      scores[q] = 0;
      const hits: RelatedHit[] = [];
      scores.forEach((score, i) => {
        if (score > 0) hits.push({ id: (docs[i] as RelatedDoc).id, score });
      });
      return hits.sort((a, b) => b.score - a.score).slice(0, k);
    },
  };
}
