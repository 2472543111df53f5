/**
 * Exact top-k for the TF-IDF baseline without scoring every article that shares a word.
 * Full texts share common words with nearly every article, so a plain inverted-index pass
 * costs O(N) a query and an evaluation O(N²): 7 minutes at 20,000 articles. Terms are read
 * in order of the most they can add (query weight × their largest value); once what the
 * unread terms could add together is below the k-th best partial score, no unseen article
 * can reach the top k, and the few seen ones still in reach are scored exactly by the
 * caller. The lists returned always contain the exact top k.
 */
export interface SparseVector {
  /** Ascending term ids. */
  terms: Int32Array;
  values: Float64Array;
}

export interface Postings {
  docs: Int32Array[];
  values: Float64Array[];
  /** Largest value in each term's list. */
  max: Float64Array;
}

export function buildPostings(vectors: readonly SparseVector[], terms: number): Postings {
  const length = new Int32Array(terms);
  for (const v of vectors) for (const t of v.terms) length[t] = (length[t] as number) + 1;
  const docs = Array.from(length, (n) => new Int32Array(n));
  const values = Array.from(length, (n) => new Float64Array(n));
  const max = new Float64Array(terms);
  const filled = new Int32Array(terms);
  vectors.forEach((v, doc) => {
    v.terms.forEach((t, j) => {
      const at = filled[t] as number;
      const value = v.values[j] as number;
      (docs[t] as Int32Array)[at] = doc;
      (values[t] as Float64Array)[at] = value;
      filled[t] = at + 1;
      if (value > (max[t] as number)) max[t] = value;
    });
  });
  return { docs, values, max };
}

/** Per-query partial scores over all articles, cleared by epoch rather than refilled. */
export class Accumulator {
  readonly scores: Float64Array;
  private stamp: Uint32Array;
  readonly touched: Int32Array;
  count = 0;
  private epoch = 0;

  constructor(n: number) {
    this.scores = new Float64Array(n);
    this.stamp = new Uint32Array(n);
    this.touched = new Int32Array(n);
  }

  reset(): void {
    this.epoch = (this.epoch + 1) >>> 0 || 1;
    this.count = 0;
  }

  add(doc: number, value: number): void {
    if (this.stamp[doc] !== this.epoch) {
      this.stamp[doc] = this.epoch;
      this.scores[doc] = 0;
      this.touched[this.count++] = doc;
    }
    this.scores[doc] = (this.scores[doc] as number) + value;
  }

  /** The k-th largest score among the touched articles other than `self`; -∞ when fewer. */
  kthLargest(k: number, self: number): number {
    const heap: number[] = [];
    for (let i = 0; i < this.count; i++) {
      const doc = this.touched[i] as number;
      if (doc === self) continue;
      const s = this.scores[doc] as number;
      if (heap.length < k) heapPush(heap, s);
      else if (s > (heap[0] as number)) heapReplaceTop(heap, s);
    }
    return heap.length < k ? Number.NEGATIVE_INFINITY : (heap[0] as number);
  }
}

/** Partial sums add in another order than the exact cosine: a little slack keeps ties in. */
const SLACK = 1e-9;

/** Articles that may be among `q`'s exact top `k` (a superset; never `self`). */
export function candidates(
  q: SparseVector,
  self: number,
  k: number,
  postings: Postings,
  acc: Accumulator,
  checkEvery = 1024,
): number[] {
  const bound = Array.from(
    q.terms,
    (t, j) => (q.values[j] as number) * (postings.max[t] as number),
  );
  const order = Array.from(q.terms, (_, j) => j).sort(
    (a, b) => (bound[b] as number) - (bound[a] as number) || a - b,
  );
  // unread[x]: the most the terms from order[x] on can add to any article.
  const unread = new Float64Array(order.length + 1);
  for (let x = order.length - 1; x >= 0; x--)
    unread[x] = (unread[x + 1] as number) + (bound[order[x] as number] as number);
  acc.reset();
  let sinceCheck = 0;
  let x = 0;
  for (; x < order.length; x++) {
    // Checking costs a pass over the touched articles: only as often as postings were read.
    if (x > 0 && sinceCheck >= Math.max(checkEvery, acc.count)) {
      sinceCheck = 0;
      if (acc.kthLargest(k, self) > (unread[x] as number) + SLACK) break;
    }
    const j = order[x] as number;
    const t = q.terms[j] as number;
    const qv = q.values[j] as number;
    const docs = postings.docs[t] as Int32Array;
    const values = postings.values[t] as Float64Array;
    for (let p = 0; p < docs.length; p++) acc.add(docs[p] as number, qv * (values[p] as number));
    sinceCheck += docs.length;
  }
  const rest = unread[x] as number;
  const theta = acc.kthLargest(k, self);
  const out: number[] = [];
  for (let i = 0; i < acc.count; i++) {
    const doc = acc.touched[i] as number;
    if (doc !== self && (acc.scores[doc] as number) + rest + SLACK >= theta) out.push(doc);
  }
  return out;
}

function heapPush(heap: number[], value: number): void {
  heap.push(value);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if ((heap[parent] as number) <= value) break;
    heap[i] = heap[parent] as number;
    i = parent;
  }
  heap[i] = value;
}

function heapReplaceTop(heap: number[], value: number): void {
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child =
      right < heap.length && (heap[right] as number) < (heap[left] as number) ? right : left;
    if ((heap[child] as number) >= value) break;
    heap[i] = heap[child] as number;
    i = child;
  }
  heap[i] = value;
}
