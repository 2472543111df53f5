import { Slab } from "./slab.js";

/**
 * The inverted index: for each term id, the documents indexed under it with their term
 * weight, in growable typed arrays (8 bytes a posting). Removal swaps the last posting in,
 * so order is not kept; scoring does not need it.
 */
export class TermPostings {
  private docs: Int32Array[] = [];
  private weights: Float32Array[] = [];
  private lengths: number[] = [];
  private docSlab = new Slab(Int32Array);
  private weightSlab = new Slab(Float32Array);

  /** Number of postings of `term`. */
  length(term: number): number {
    return this.lengths[term] ?? 0;
  }

  add(term: number, doc: number, weight: number): void {
    while (this.docs.length <= term) {
      this.docs.push(new Int32Array(0));
      this.weights.push(new Float32Array(0));
      this.lengths.push(0);
    }
    const n = this.lengths[term] as number;
    let docs = this.docs[term] as Int32Array;
    let weights = this.weights[term] as Float32Array;
    if (n === docs.length) {
      const size = Math.max(2, n * 2);
      const nd = this.docSlab.alloc(size);
      nd.set(docs);
      const nw = this.weightSlab.alloc(size);
      nw.set(weights);
      docs = nd;
      weights = nw;
      this.docs[term] = nd;
      this.weights[term] = nw;
    }
    docs[n] = doc;
    weights[n] = weight;
    this.lengths[term] = n + 1;
  }

  remove(term: number, doc: number): void {
    const docs = this.docs[term];
    const weights = this.weights[term];
    const n = this.lengths[term] ?? 0;
    if (!docs || !weights) return;
    for (let i = 0; i < n; i++) {
      if (docs[i] !== doc) continue;
      docs[i] = docs[n - 1] as number;
      weights[i] = weights[n - 1] as number;
      this.lengths[term] = n - 1;
      return;
    }
  }

  /** Calls `visit(doc, weight)` for each posting of `term`. */
  forEach(term: number, visit: (doc: number, weight: number) => void): void {
    const docs = this.docs[term];
    const weights = this.weights[term];
    const n = this.lengths[term] ?? 0;
    if (!docs || !weights) return;
    for (let i = 0; i < n; i++) visit(docs[i] as number, weights[i] as number);
  }

  /** Raw arrays of `term` for tight loops: `[docs, weights, length]`. */
  raw(term: number): [Int32Array, Float32Array, number] | undefined {
    const docs = this.docs[term];
    const weights = this.weights[term];
    if (!docs || !weights) return undefined;
    return [docs, weights, this.lengths[term] ?? 0];
  }

  /**
   * Replaces every list with the postings of `docs` (indexed by slot), each list allocated
   * at its exact length: a bulk load leaves no outgrown arrays behind.
   */
  bulkLoad(docs: readonly ({ terms: Int32Array; weights: Float32Array } | undefined)[]): void {
    let maxTerm = -1;
    for (const d of docs) if (d) for (const t of d.terms) if (t > maxTerm) maxTerm = t;
    const counts = new Int32Array(maxTerm + 1);
    for (const d of docs) if (d) for (const t of d.terms) counts[t] = (counts[t] as number) + 1;
    this.docSlab = new Slab(Int32Array);
    this.weightSlab = new Slab(Float32Array);
    this.docs = [];
    this.weights = [];
    this.lengths = [];
    for (let t = 0; t <= maxTerm; t++) {
      this.docs.push(this.docSlab.alloc(counts[t] as number));
      this.weights.push(this.weightSlab.alloc(counts[t] as number));
      this.lengths.push(0);
    }
    docs.forEach((d, slot) => {
      if (!d) return;
      for (let i = 0; i < d.terms.length; i++) {
        const t = d.terms[i] as number;
        const n = this.lengths[t] as number;
        (this.docs[t] as Int32Array)[n] = slot;
        (this.weights[t] as Float32Array)[n] = d.weights[i] as number;
        this.lengths[t] = n + 1;
      }
    });
  }

  /** Bytes held by the posting slabs. */
  byteSize(): number {
    return this.docSlab.byteSize() + this.weightSlab.byteSize();
  }
}
