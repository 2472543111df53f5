import { extractFeatures } from "./doc-features.js";
import {
  buildIndexedDoc,
  createDocSlabs,
  DenseScratch,
  type IndexedDoc,
  internFeatures,
  refreshNorm,
} from "./indexed-doc.js";
import { poolFeatures } from "./pair-features.js";
import { type RelatedModel, shippedRelatedModel } from "./related-model.js";
import { pickDistinct } from "./related-rerank.js";
import {
  type RelatedDoc,
  type RelatedHit,
  type RelatedId,
  type RelatedOptions,
  resolveOptions,
} from "./related-types.js";
import { ShownLists } from "./shown-lists.js";
import { TermPostings } from "./term-postings.js";
import { TermVocabulary } from "./term-vocabulary.js";
import { TopHeap } from "./top-heap.js";
import { decodeSortedIds as decodeIds } from "./varint.js";

/**
 * In-memory related-articles index. Holds published articles only; ids are the caller's.
 *
 * @example
 * const index = createRelatedIndex();
 * index.add({ id: 1, title: "…", body: "…", publishedAt: "2025-08-26" });
 * index.add({ id: 2, title: "…", body: "…" });
 * for (const id of [2, ...index.affectedBy(2)]) save(id, index.topK(id, 5));
 */
export interface RelatedIndex {
  /** Indexes an article, replacing any earlier version with the same id. */
  add(doc: RelatedDoc): void;
  /** Whole-corpus (re)build: clears the index and adds every document with final statistics. */
  rebuild(docs: Iterable<RelatedDoc>): void;
  /** Drops an article; returns the ids whose last computed lists showed it. */
  remove(id: RelatedId): RelatedId[];
  has(id: RelatedId): boolean;
  /** The `k` most related articles, best first (score: the model's probability), never `id` itself. */
  topK(id: RelatedId, k: number): RelatedHit[];
  /**
   * The candidate pool of `id` with each candidate's feature row (`pair-features.ts`), for
   * fitting the model; best first by cosine.
   */
  explain(id: RelatedId): { ids: RelatedId[]; rows: Float64Array[] };
  /** Articles whose lists may change after `id` was added, edited or removed (not `id`). */
  affectedBy(id: RelatedId): RelatedId[];
  readonly size: number;
  /** Approximate bytes held by postings and per-article arrays. */
  byteSize(): number;
}

/**
 * `model` scores each query–candidate pair; the one shipped in `related-model.json` unless
 * given (it is read on the first `topK`).
 */
export function createRelatedIndex(
  partial: Partial<RelatedOptions> = {},
  model?: RelatedModel,
): RelatedIndex {
  const options = resolveOptions(partial);
  const vocab = new TermVocabulary();
  let postings = new TermPostings();
  /** During a rebuild postings are loaded once at the end, at their exact sizes. */
  let deferPostings = false;
  let slabs = createDocSlabs();
  const slots: (IndexedDoc | undefined)[] = [];
  const free: number[] = [];
  const slotOf = new Map<RelatedId, number>();
  const shown = new ShownLists();

  let acc = new Float64Array(0);
  /** Per slot, for the scoring loop: vector norm (as of `normsAt` documents). */
  let normOf = new Float64Array(0);
  let normsAt = 0;
  let stamp = new Uint32Array(0);
  let touched = new Int32Array(0);
  let epoch = 0;
  // First pass keeps more than the pool: its scores are partial (query terms only) and are
  // made exact for these candidates.
  const heap = new TopHeap(Math.max(options.poolSize, options.affectedNeighbours) + 10);
  // Second source: the best by partial score times date closeness (both dates known), so a
  // short report of the same incident, a day apart but worded apart, still reaches the pool.
  const dateHeap = new TopHeap(options.datePool > 0 ? options.poolSize + options.datePool : 0);
  let daysOf = new Float64Array(0);
  const scratch = new DenseScratch(vocab);
  const cosine = (a: IndexedDoc, b: IndexedDoc) => {
    scratch.load(a);
    return scratch.cosine(b);
  };

  function ensureCapacity(n: number) {
    if (stamp.length >= n) return;
    const size = Math.max(1024, n * 2);
    acc = new Float64Array(size);
    const norms = new Float64Array(size);
    norms.set(normOf);
    normOf = norms;
    const ds = new Float64Array(size).fill(Number.NaN);
    ds.set(daysOf);
    daysOf = ds;
    const s = new Uint32Array(size);
    s.set(stamp);
    stamp = s;
    touched = new Int32Array(size);
  }

  function insert(doc: IndexedDoc) {
    const slot = free.pop() ?? slots.length;
    slots[slot] = doc;
    slotOf.set(doc.id, slot);
    if (!deferPostings) {
      for (let i = 0; i < doc.terms.length; i++)
        postings.add(doc.terms[i] as number, slot, doc.weights[i] as number);
    }
    ensureCapacity(slots.length);
    normOf[slot] = refreshNorm(doc, vocab);
    daysOf[slot] = doc.days;
  }

  function removeSlot(id: RelatedId): boolean {
    const slot = slotOf.get(id);
    if (slot === undefined) return false;
    const doc = slots[slot] as IndexedDoc;
    for (const t of doc.terms) postings.remove(t, slot);
    vocab.count(decodeIds(doc.allTerms), -1);
    slots[slot] = undefined;
    free.push(slot);
    slotOf.delete(id);
    return true;
  }

  /** The first pass's candidates with their exact cosine, best first. */
  function exact(slot: number): { item: number; score: number }[] {
    const q = slots[slot] as IndexedDoc;
    return heap
      .sorted()
      .map(({ item }) => ({ item, score: cosine(q, slots[item] as IndexedDoc) }))
      .sort((a, b) => b.score - a.score || a.item - b.item);
  }

  /**
   * The pool: the `size` best by exact cosine, then up to `datePool` more of the date
   * source's, best by exact cosine times date closeness.
   */
  function candidates(slot: number, size: number): { item: number; score: number }[] {
    const q = slots[slot] as IndexedDoc;
    const first = exact(slot).slice(0, size);
    if (options.datePool === 0 || dateHeap.size === 0) return first;
    const taken = new Set(first.map((c) => c.item));
    const extra = dateHeap
      .sorted()
      .filter(({ item }) => !taken.has(item))
      .map(({ item }) => {
        const c = cosine(q, slots[item] as IndexedDoc);
        const near = Math.exp(-Math.abs(q.days - (daysOf[item] as number)) / options.dateScale);
        return { item, score: c, rank: c * near };
      })
      .sort((a, b) => b.rank - a.rank || a.item - b.item)
      .slice(0, options.datePool)
      .map(({ item, score }) => ({ item, score }));
    return [...first, ...extra].sort((a, b) => b.score - a.score || a.item - b.item);
  }

  /** Positions of the query's `queryTerms` best terms by tf-idf (all when fewer). */
  function queryOrder(q: IndexedDoc): number[] {
    const all = Array.from(q.terms, (_, i) => i);
    if (all.length <= options.queryTerms) return all;
    const value = all.map((i) => (q.weights[i] as number) * vocab.idf(q.terms[i] as number));
    return all
      .sort((a, b) => (value[b] as number) - (value[a] as number))
      .slice(0, options.queryTerms);
  }

  /** Scores every article sharing an indexed term with `slot` into `heap`. */
  function scoreNeighbours(slot: number) {
    const q = slots[slot] as IndexedDoc;
    const qn = refreshNorm(q, vocab);
    if (Math.abs(vocab.docCount - normsAt) > 0.05 * normsAt) {
      slots.forEach((doc, s) => {
        if (doc) normOf[s] = refreshNorm(doc, vocab);
      });
      normsAt = vocab.docCount;
    }
    epoch = (epoch + 1) >>> 0 || 1;
    let count = 0;
    let visited = 0;
    for (const i of queryOrder(q)) {
      const t = q.terms[i] as number;
      const raw = postings.raw(t);
      if (!raw || raw[2] < 2) continue;
      // Bounded work per query: terms come best first, so once the budget is spent the
      // remaining (weaker) ones are left to the exact re-scoring of the candidates found.
      if (visited > options.postingBudget) break;
      visited += raw[2];
      const idf = vocab.idf(t);
      const qv = (q.weights[i] as number) * idf * idf;
      const [docs, weights, n] = raw;
      for (let j = 0; j < n; j++) {
        const d = docs[j] as number;
        if (stamp[d] !== epoch) {
          stamp[d] = epoch;
          touched[count++] = d;
          acc[d] = 0;
        }
        acc[d] = (acc[d] as number) + qv * (weights[j] as number);
      }
    }
    heap.clear();
    dateHeap.clear();
    const dated = options.datePool > 0 && !Number.isNaN(q.days);
    for (let i = 0; i < count; i++) {
      const d = touched[i] as number;
      if (d === slot) continue;
      const score = (acc[d] as number) / (qn * (normOf[d] as number));
      if (score > heap.floor()) heap.push(d, score);
      if (dated && score > dateHeap.floor()) {
        const delta = Math.abs(q.days - (daysOf[d] as number));
        // NaN (date unknown) fails the comparison: no evidence, no place in this source.
        if (delta <= 3 * options.dateScale) {
          const near = score * Math.exp(-delta / options.dateScale);
          if (near > dateHeap.floor()) dateHeap.push(d, near);
        }
      }
    }
  }

  function addOne(doc: RelatedDoc) {
    removeSlot(doc.id);
    const features = internFeatures(extractFeatures(doc, options), vocab, true);
    insert(buildIndexedDoc(doc.id, features, vocab, options, slabs));
  }

  function flushFirst(batch: { id: RelatedId; features: ReturnType<typeof internFeatures> }[]) {
    const seen = new Map<RelatedId, number>();
    batch.forEach((b, i) => {
      seen.set(b.id, i);
    });
    batch.forEach((b, i) => {
      // A repeated id keeps its last version; the earlier one is uncounted.
      if (seen.get(b.id) !== i) vocab.count(b.features.ids, -1);
      else insert(buildIndexedDoc(b.id, b.features, vocab, options, slabs));
    });
  }

  /** The pool of the article in `slot`: its best candidates by cosine, with feature rows. */
  function pool(slot: number, k: number) {
    const q = slots[slot] as IndexedDoc;
    scoreNeighbours(slot);
    const members = candidates(slot, Math.max(options.poolSize, k)).map(({ item, score }) => ({
      doc: slots[item] as IndexedDoc,
      cosine: score,
    }));
    return { q, members, rows: poolFeatures(q, members, scratch) };
  }

  function topK(id: RelatedId, k: number): RelatedHit[] {
    const slot = slotOf.get(id);
    if (slot === undefined || k <= 0) return [];
    model ??= shippedRelatedModel();
    const scorer = model;
    const { q, members, rows } = pool(slot, k);
    // Ranked without the model's floor: the caller decides what counts as a pick.
    const scored = members
      .map((m, i) => ({ doc: m.doc, score: scorer.probability(rows[i] as Float64Array) }))
      .sort((a, b) => b.score - a.score);
    const hits = pickDistinct(q, scored, k, options);
    shown.remember(id, hits);
    return hits;
  }

  return {
    add: addOne,
    rebuild(docs) {
      for (const id of [...slotOf.keys()]) removeSlot(id);
      shown.clear();
      postings = new TermPostings();
      slabs = createDocSlabs();
      deferPostings = true;
      // Two passes over the first `rebuildBatch` articles, so their distinctive terms are
      // chosen with settled document frequencies; later ones are added one by one, by
      // which time the statistics have converged (and memory stays bounded).
      try {
        const first: { id: RelatedId; features: ReturnType<typeof internFeatures> }[] = [];
        for (const doc of docs) {
          if (first.length < options.rebuildBatch) {
            removeSlot(doc.id);
            first.push({
              id: doc.id,
              features: internFeatures(extractFeatures(doc, options), vocab, true),
            });
            if (first.length === options.rebuildBatch) flushFirst(first);
            continue;
          }
          addOne(doc);
        }
        if (first.length < options.rebuildBatch) flushFirst(first);
      } finally {
        deferPostings = false;
        postings.bulkLoad(slots);
      }
    },
    remove(id) {
      const holders = shown.holders(id);
      if (removeSlot(id)) shown.forget(id);
      return holders;
    },
    has: (id) => slotOf.has(id),
    topK,
    explain(id) {
      const slot = slotOf.get(id);
      if (slot === undefined) return { ids: [], rows: [] };
      const { members, rows } = pool(slot, 0);
      return { ids: members.map((m) => m.doc.id), rows };
    },
    affectedBy(id) {
      const out = new Set<RelatedId>(shown.holders(id));
      const slot = slotOf.get(id);
      if (slot !== undefined) {
        scoreNeighbours(slot);
        // Its nearest by cosine, and the date source's picks: whose pools it may enter.
        for (const { item } of candidates(slot, options.affectedNeighbours))
          out.add((slots[item] as IndexedDoc).id);
      }
      out.delete(id);
      return [...out];
    },
    get size() {
      return slotOf.size;
    },
    byteSize() {
      const slabBytes = Object.values(slabs).reduce((sum, slab) => sum + slab.byteSize(), 0);
      return postings.byteSize() + slabBytes + stamp.byteLength * 4 + acc.byteLength;
    },
  };
}
