import { extractFeatures } from "./doc-features.js";
import { buildIndexedDoc, docCosine, type IndexedDoc, refreshNorm } from "./indexed-doc.js";
import { estimateJaccard } from "./minhash.js";
import { mmrSelect } from "./mmr.js";
import {
  type RelatedDoc,
  type RelatedHit,
  type RelatedId,
  type RelatedOptions,
  resolveOptions,
} from "./related-types.js";
import { TermPostings } from "./term-postings.js";
import { TermVocabulary } from "./term-vocabulary.js";
import { proximityFactor, recencyFactor, toEpochDays } from "./time-decay.js";
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
  /** The `k` most related articles, best first, never `id` itself; [] for an unknown id. */
  topK(id: RelatedId, k: number): RelatedHit[];
  /** Articles whose lists may change after `id` was added, edited or removed (not `id`). */
  affectedBy(id: RelatedId): RelatedId[];
  readonly size: number;
  /** Approximate bytes held by postings and per-article arrays. */
  byteSize(): number;
}

export function createRelatedIndex(partial: Partial<RelatedOptions> = {}): RelatedIndex {
  const options = resolveOptions(partial);
  const vocab = new TermVocabulary();
  const postings = new TermPostings();
  const slots: (IndexedDoc | undefined)[] = [];
  const free: number[] = [];
  const slotOf = new Map<RelatedId, number>();
  /** Last list computed for each article, and the reverse: which lists show an article. */
  const lists = new Map<RelatedId, RelatedId[]>();
  const shownIn = new Map<RelatedId, Set<RelatedId>>();
  const fixedNow = toEpochDays(options.now);
  let newestDays = Number.NaN;

  let acc = new Float64Array(0);
  let stamp = new Uint32Array(0);
  let touched = new Int32Array(0);
  let epoch = 0;
  const heap = new TopHeap(Math.max(options.poolSize, options.affectedNeighbours));

  function ensureCapacity(n: number) {
    if (stamp.length >= n) return;
    const size = Math.max(1024, n * 2);
    acc = new Float64Array(size);
    const s = new Uint32Array(size);
    s.set(stamp);
    stamp = s;
    touched = new Int32Array(size);
  }

  function insert(doc: IndexedDoc) {
    const slot = free.pop() ?? slots.length;
    slots[slot] = doc;
    slotOf.set(doc.id, slot);
    for (let i = 0; i < doc.terms.length; i++)
      postings.add(doc.terms[i] as number, slot, doc.weights[i] as number);
    if (!(doc.days <= newestDays)) newestDays = Number.isNaN(doc.days) ? newestDays : doc.days;
    ensureCapacity(slots.length);
  }

  function forget(id: RelatedId) {
    for (const member of lists.get(id) ?? []) shownIn.get(member)?.delete(id);
    lists.delete(id);
  }

  function remember(id: RelatedId, hits: readonly RelatedHit[]) {
    forget(id);
    const ids = hits.map((h) => h.id);
    lists.set(id, ids);
    for (const member of ids) {
      let set = shownIn.get(member);
      if (!set) {
        set = new Set();
        shownIn.set(member, set);
      }
      set.add(id);
    }
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

  /** Scores every article sharing an indexed term with `slot` into `heap`. */
  function scoreNeighbours(slot: number) {
    const q = slots[slot] as IndexedDoc;
    const qn = refreshNorm(q, vocab);
    epoch = (epoch + 1) >>> 0 || 1;
    let count = 0;
    for (let i = 0; i < q.terms.length; i++) {
      const t = q.terms[i] as number;
      const raw = postings.raw(t);
      if (!raw || raw[2] < 2) continue;
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
    const nowDays = Number.isNaN(fixedNow) ? newestDays : fixedNow;
    heap.clear();
    for (let i = 0; i < count; i++) {
      const d = touched[i] as number;
      if (d === slot) continue;
      const doc = slots[d] as IndexedDoc;
      let score = (acc[d] as number) / (qn * refreshNorm(doc, vocab));
      if (score <= heap.floor()) continue;
      score *= proximityFactor(q.days, doc.days, options.timeProximity);
      score *= recencyFactor(doc.days, nowDays, options.recency);
      heap.push(d, score);
    }
  }

  /** Adds each candidate's score-weighted similarity to the best first-pass neighbours. */
  function withFeedback(pool: { item: number; score: number }[]) {
    const m = Math.min(options.feedbackNeighbours, pool.length);
    if (m === 0 || options.feedbackWeight <= 0) return pool;
    const top = pool.slice(0, m);
    const rescored = pool.map(({ item, score }) => {
      let sum = 0;
      let weight = 0;
      for (const n of top) {
        if (n.item === item) continue;
        sum += n.score * docCosine(slots[n.item] as IndexedDoc, slots[item] as IndexedDoc, vocab);
        weight += n.score;
      }
      return { item, score: score + (weight > 0 ? (options.feedbackWeight * sum) / weight : 0) };
    });
    return rescored.sort((a, b) => b.score - a.score || a.item - b.item);
  }

  function topK(id: RelatedId, k: number): RelatedHit[] {
    const slot = slotOf.get(id);
    if (slot === undefined || k <= 0) return [];
    const q = slots[slot] as IndexedDoc;
    scoreNeighbours(slot);
    const pool = withFeedback(heap.sorted().slice(0, Math.max(options.poolSize, k)));
    const kept: { item: IndexedDoc; relevance: number }[] = [];
    for (const { item, score } of pool) {
      const doc = slots[item] as IndexedDoc;
      const dupThreshold = options.duplicateThreshold;
      if (estimateJaccard(q.signature, doc.signature) >= dupThreshold) continue;
      if (kept.some((c) => estimateJaccard(c.item.signature, doc.signature) >= dupThreshold))
        continue;
      kept.push({ item: doc, relevance: score });
    }
    const picked = mmrSelect(kept, k, options.diversityLambda, (a, b) => docCosine(a, b, vocab));
    const hits = picked.map((p) => ({ id: p.item.id, score: p.relevance }));
    remember(id, hits);
    return hits;
  }

  return {
    add(doc) {
      removeSlot(doc.id);
      insert(buildIndexedDoc(doc.id, extractFeatures(doc, options), vocab, options, true));
    },
    rebuild(docs) {
      for (const id of [...slotOf.keys()]) removeSlot(id);
      lists.clear();
      shownIn.clear();
      const all: { id: RelatedId; features: ReturnType<typeof extractFeatures> }[] = [];
      for (const doc of docs) {
        const features = extractFeatures(doc, options);
        all.push({ id: doc.id, features });
        vocab.count(
          [...features.weights.keys()].map((k) => vocab.idOf(k)),
          1,
        );
      }
      for (const { id, features } of all) {
        if (slotOf.has(id)) removeSlot(id);
        insert(buildIndexedDoc(id, features, vocab, options, false));
      }
    },
    remove(id) {
      const holders = [...(shownIn.get(id) ?? [])];
      if (removeSlot(id)) forget(id);
      return holders;
    },
    has: (id) => slotOf.has(id),
    topK,
    affectedBy(id) {
      const out = new Set<RelatedId>(shownIn.get(id) ?? []);
      const slot = slotOf.get(id);
      if (slot !== undefined) {
        scoreNeighbours(slot);
        for (const { item } of heap.sorted().slice(0, options.affectedNeighbours))
          out.add((slots[item] as IndexedDoc).id);
      }
      out.delete(id);
      return [...out];
    },
    get size() {
      return slotOf.size;
    },
    byteSize() {
      let bytes = postings.byteSize() + stamp.byteLength * 4;
      for (const d of slots) {
        if (d)
          bytes += d.terms.byteLength * 2 + d.allTerms.byteLength + d.signature.byteLength + 96;
      }
      return bytes;
    },
  };
}
