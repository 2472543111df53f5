export type RelatedId = number | string;

/** What the engine needs to know of one published article. */
export interface RelatedDoc {
  id: RelatedId;
  title: string;
  /** Dek and/or first paragraph. */
  lead?: string;
  body: string;
  tags?: readonly string[];
  /** Weibo hashtags, with or without the surrounding `#`. */
  hashtags?: readonly string[];
  category?: string;
  source?: string;
  /** ISO date or date-time of publication. */
  publishedAt?: string;
}

export interface RelatedHit {
  id: RelatedId;
  score: number;
  /** Not an engine pick: a same-category article filling a short list (`category-fill.ts`). */
  fill?: boolean;
}

export interface RelatedOptions {
  /** Term-frequency multipliers of the fields of the text signal. */
  fieldBoosts: { title: number; lead: number; body: number };
  /** How many of a document's most distinctive words (by tf-idf) it is indexed under. */
  textTerms: number;
  /** How many of an article's indexed terms (best by tf-idf) a top-k query looks up. */
  queryTerms: number;
  /** Postings a top-k query reads at most (it always reads its best term's). */
  postingBudget: number;
  /** How many of its entities it is indexed under. */
  entityTerms: number;
  /**
   * Multipliers of each signal's terms inside the one tf-idf vector an article is compared
   * by: words (1), named entities, and tags + Weibo hashtags; `numbers` multiplies the words
   * that are numbers (sums, tolls, magnitudes, years), which tell look-alike stories apart.
   */
  weights: { text: number; entities: number; tags: number; numbers: number };
  /** Estimated shingle Jaccard at or above which two articles count as near-duplicates. */
  duplicateThreshold: number;
  /** Best candidates by cosine that the model scores (`pair-features.ts`). */
  poolSize: number;
  /**
   * Candidates added to the pool beyond `poolSize` from a second source: articles sharing a
   * query term, ranked by cosine times date closeness exp(-Δdays / `dateScale`) (both dates
   * known, at most 3 × `dateScale` apart). 0 turns it off.
   */
  datePool: number;
  dateScale: number;
  /**
   * A rebuild picks the distinctive terms of its first `rebuildBatch` articles after
   * counting all of them (two passes), then adds the rest one by one.
   */
  rebuildBatch: number;
  /** Neighbours checked by `affectedBy` besides the lists that show the article. */
  affectedNeighbours: number;
}

export const DEFAULT_RELATED_OPTIONS: RelatedOptions = {
  fieldBoosts: { title: 3, lead: 1.5, body: 0.7 },
  textTerms: 48,
  entityTerms: 24,
  queryTerms: 40,
  postingBudget: 6_000,
  weights: { text: 1, entities: 1, tags: 1.5, numbers: 1.5 },
  duplicateThreshold: 0.9,
  poolSize: 30,
  datePool: 10,
  dateScale: 2,
  affectedNeighbours: 20,
  rebuildBatch: 20_000,
};

/** Deep-enough merge of partial options over the defaults. */
export function resolveOptions(partial: Partial<RelatedOptions> = {}): RelatedOptions {
  const d = DEFAULT_RELATED_OPTIONS;
  return {
    ...d,
    ...partial,
    fieldBoosts: { ...d.fieldBoosts, ...partial.fieldBoosts },
    weights: { ...d.weights, ...partial.weights },
  };
}
