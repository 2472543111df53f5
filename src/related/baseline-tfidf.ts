import { Accumulator, buildPostings, candidates } from "./baseline-tfidf-candidates.js";
import type { RelatedDoc, RelatedHit, RelatedId } from "./related-types.js";
import { isStopWord } from "./stop-words.js";

/**
 * The comparison baseline: plain TF-IDF cosine over headline + lead + body, every word
 * (lower-cased, stop words out, no stemming, no field boosts, no entities, no dates).
 * `topK` reads an inverted index over all terms, stopping early once the rest cannot change
 * the top k (`baseline-tfidf-candidates.ts`); `topKBruteForce` scans every article, the way
 * a naive implementation would. Both give the exact top k.
 */
export interface TfidfBaseline {
  topK(id: RelatedId, k: number): RelatedHit[];
  topKBruteForce(id: RelatedId, k: number): RelatedHit[];
}

interface Vector {
  id: RelatedId;
  terms: Int32Array;
  values: Float64Array;
}

export function plainTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    if (m[0].length > 1 && !isStopWord(m[0])) out.push(m[0]);
  }
  return out;
}

/** `checkEvery`: postings read between checks whether reading can stop (tests lower it). */
export function createTfidfBaseline(
  docs: readonly RelatedDoc[],
  options: { checkEvery?: number } = {},
): TfidfBaseline {
  const vocab = new Map<string, number>();
  const df: number[] = [];
  const counts = docs.map((d) => {
    const tf = new Map<number, number>();
    for (const w of plainTokens(`${d.title}\n${d.lead ?? ""}\n${d.body}`)) {
      let t = vocab.get(w);
      if (t === undefined) {
        t = vocab.size;
        vocab.set(w, t);
        df.push(0);
      }
      tf.set(t, (tf.get(t) ?? 0) + 1);
    }
    for (const t of tf.keys()) df[t] = (df[t] ?? 0) + 1;
    return tf;
  });
  const n = docs.length;
  const vectors: Vector[] = counts.map((tf, i) => {
    const terms = [...tf.keys()].sort((a, b) => a - b);
    const values = terms.map((t) => (1 + Math.log(tf.get(t) ?? 1)) * Math.log(n / (df[t] ?? 1)));
    const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0)) || 1;
    return {
      id: (docs[i] as RelatedDoc).id,
      terms: Int32Array.from(terms),
      values: Float64Array.from(values, (v) => v / norm),
    };
  });
  const byId = new Map<RelatedId, number>(vectors.map((v, i) => [v.id, i]));
  const postings = buildPostings(vectors, vocab.size);
  const scratch = new Accumulator(n);

  /** Exact cosine of two vectors, summed in term order (as `topKBruteForce` does). */
  function cosine(q: Vector, v: Vector): number {
    let i = 0;
    let j = 0;
    let dot = 0;
    while (i < q.terms.length && j < v.terms.length) {
      const a = q.terms[i] as number;
      const b = v.terms[j] as number;
      if (a < b) i++;
      else if (b < a) j++;
      else dot += (q.values[i++] as number) * (v.values[j++] as number);
    }
    return dot;
  }

  function best(scores: Map<number, number>, self: number, k: number): RelatedHit[] {
    scores.delete(self);
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, k)
      .map(([doc, score]) => ({ id: (vectors[doc] as Vector).id, score }));
  }

  return {
    topK(id, k) {
      const self = byId.get(id);
      if (self === undefined || k <= 0) return [];
      const q = vectors[self] as Vector;
      const scores = new Map<number, number>();
      for (const doc of candidates(q, self, k, postings, scratch, options.checkEvery))
        scores.set(doc, cosine(q, vectors[doc] as Vector));
      return best(scores, self, k);
    },
    topKBruteForce(id, k) {
      const self = byId.get(id);
      if (self === undefined) return [];
      const q = vectors[self] as Vector;
      const scores = new Map<number, number>();
      vectors.forEach((v, doc) => {
        const dot = cosine(q, v);
        if (dot > 0) scores.set(doc, dot);
      });
      return best(scores, self, k);
    },
  };
}
