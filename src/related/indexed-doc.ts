import type { DocFeatures } from "./doc-features.js";
import type { RelatedId, RelatedOptions } from "./related-types.js";
import { Slab } from "./slab.js";
import type { TermVocabulary } from "./term-vocabulary.js";
import { encodeSortedIds } from "./varint.js";

/** Where an index keeps its articles' arrays. */
export interface DocSlabs {
  terms: Slab<Int32Array>;
  weights: Slab<Float32Array>;
  signatures: Slab<Uint32Array>;
  bytes: Slab<Uint8Array>;
}

export function createDocSlabs(): DocSlabs {
  return {
    terms: new Slab(Int32Array),
    weights: new Slab(Float32Array),
    signatures: new Slab(Uint32Array),
    bytes: new Slab(Uint8Array),
  };
}

/** One article as the index keeps it. */
export interface IndexedDoc {
  id: RelatedId;
  /** The distinctive terms it is indexed under, ascending term id. */
  terms: Int32Array;
  /** Their `1 + ln tf` weights times the channel multiplier. */
  weights: Float32Array;
  /** Every term id of the article (varint), to uncount document frequencies on removal. */
  allTerms: Uint8Array;
  signature: Uint32Array;
  days: number;
  /** Weekdays and months named in the text (`mentionMask`). */
  mentions: number;
  /** Ages it gives, ascending. */
  ages: Int32Array;
  /** Vector norm with the idf of `normAt` documents. */
  norm: number;
  normAt: number;
}

/** An article's features with keys interned: every term id and its weight. */
export interface InternedFeatures {
  ids: Int32Array;
  weights: Float32Array;
  signature: Uint32Array;
  days: number;
  mentions: number;
  ages: Int32Array;
}

/** Interns the features' keys, counting them into document frequencies when `count` is set. */
export function internFeatures(
  features: DocFeatures,
  vocab: TermVocabulary,
  count: boolean,
): InternedFeatures {
  const ids = new Int32Array(features.weights.size);
  const weights = new Float32Array(features.weights.size);
  let i = 0;
  for (const [key, w] of features.weights) {
    ids[i] = vocab.idOf(key);
    weights[i++] = w;
  }
  if (count) vocab.count(ids, 1);
  return {
    ids,
    weights,
    signature: features.signature,
    days: features.days,
    mentions: features.mentions,
    ages: Int32Array.from(features.ages),
  };
}

/**
 * Keeps the article's most distinctive terms per channel by tf-idf (with the document
 * frequencies as they stand): `textTerms` words, `entityTerms` entities, every tag.
 */
export function buildIndexedDoc(
  id: RelatedId,
  features: InternedFeatures,
  vocab: TermVocabulary,
  options: RelatedOptions,
  slabs: DocSlabs = createDocSlabs(),
): IndexedDoc {
  const { ids, weights } = features;
  const byChannel: [number, number][][] = [[], [], []];
  ids.forEach((t, i) => {
    byChannel[vocab.channel(t)]?.push([i, (weights[i] as number) * vocab.idf(t)]);
  });
  const limits = [options.textTerms, options.entityTerms, Number.POSITIVE_INFINITY];
  const multiplier = [1, options.weights.entities, options.weights.tags];
  const kept: [number, number][] = [];
  byChannel.forEach((list, channel) => {
    list.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (const [i] of list.slice(0, limits[channel])) {
      kept.push([ids[i] as number, (weights[i] as number) * (multiplier[channel] ?? 1)]);
    }
  });
  kept.sort((a, b) => a[0] - b[0]);

  const doc: IndexedDoc = {
    id,
    terms: slabs.terms.from(kept.map((k) => k[0])),
    weights: slabs.weights.from(kept.map((k) => k[1])),
    allTerms: slabs.bytes.from(encodeSortedIds(Array.from(ids))),
    signature: slabs.signatures.from(features.signature),
    days: features.days,
    mentions: features.mentions,
    ages: slabs.terms.from(Array.from(features.ages)),
    norm: 0,
    normAt: -1,
  };
  refreshNorm(doc, vocab);
  return doc;
}

/** Recomputes the vector norm when the corpus grew or shrank by 5% since last time. */
export function refreshNorm(doc: IndexedDoc, vocab: TermVocabulary): number {
  const n = vocab.docCount;
  if (doc.normAt >= 0 && Math.abs(n - doc.normAt) <= 0.05 * doc.normAt) return doc.norm;
  let sum = 0;
  for (let i = 0; i < doc.terms.length; i++) {
    const v = (doc.weights[i] as number) * vocab.idf(doc.terms[i] as number);
    sum += v * v;
  }
  doc.norm = Math.sqrt(sum);
  doc.normAt = n;
  return doc.norm;
}

/** Cosine of two articles' indexed vectors (every channel), by a merge of sorted term ids. */
export function docCosine(a: IndexedDoc, b: IndexedDoc, vocab: TermVocabulary): number {
  const na = refreshNorm(a, vocab);
  const nb = refreshNorm(b, vocab);
  if (na === 0 || nb === 0) return 0;
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const ta = a.terms[i] as number;
    const tb = b.terms[j] as number;
    if (ta < tb) i++;
    else if (tb < ta) j++;
    else {
      const idf = vocab.idf(ta);
      dot += (a.weights[i] as number) * (b.weights[j] as number) * idf * idf;
      i++;
      j++;
    }
  }
  return dot / (na * nb);
}

/**
 * One article's vector spread into a scratch array over the vocabulary, so its cosine with
 * many others costs one pass over each other's terms instead of a merge. `load` replaces
 * the article held; the scratch is cleared term by term, never reallocated per query.
 */
export class DenseScratch {
  private values = new Float64Array(1024);
  private held: IndexedDoc | undefined;
  private norm = 0;

  constructor(private readonly vocab: TermVocabulary) {}

  load(doc: IndexedDoc): void {
    if (this.held === doc) return;
    this.clear();
    const size = this.vocab.size;
    if (this.values.length < size) this.values = new Float64Array(size * 2);
    for (let i = 0; i < doc.terms.length; i++) {
      const t = doc.terms[i] as number;
      const idf = this.vocab.idf(t);
      this.values[t] = (doc.weights[i] as number) * idf * idf;
    }
    this.norm = refreshNorm(doc, this.vocab);
    this.held = doc;
  }

  clear(): void {
    const doc = this.held;
    if (!doc) return;
    for (const t of doc.terms) this.values[t] = 0;
    this.held = undefined;
  }

  /**
   * The loaded article's cosine with `other`, split by what the shared terms are: plain
   * words, number words, named entities, tags/hashtags (the four add up to the cosine).
   */
  cosineParts(other: IndexedDoc): [number, number, number, number] {
    const parts: [number, number, number, number] = [0, 0, 0, 0];
    const no = refreshNorm(other, this.vocab);
    if (this.norm === 0 || no === 0) return parts;
    const { terms, weights } = other;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i] as number;
      const v = this.values[t] as number;
      if (v === 0) continue;
      const channel = this.vocab.channel(t);
      const part = channel === 0 ? (this.vocab.isNumber(t) ? 1 : 0) : channel + 1;
      parts[part] = (parts[part] as number) + v * (weights[i] as number);
    }
    const scale = this.norm * no;
    return [parts[0] / scale, parts[1] / scale, parts[2] / scale, parts[3] / scale];
  }

  /** Cosine of the loaded article with `other`. */
  cosine(other: IndexedDoc): number {
    const no = refreshNorm(other, this.vocab);
    if (this.norm === 0 || no === 0) return 0;
    let dot = 0;
    const { terms, weights } = other;
    for (let i = 0; i < terms.length; i++)
      dot += (this.values[terms[i] as number] as number) * (weights[i] as number);
    return dot / (this.norm * no);
  }
}
