/**
 * The inverted index: for each term id, the documents indexed under it with their term
 * weight, in growable typed arrays (8 bytes a posting). Removal swaps the last posting in,
 * so order is not kept; scoring does not need it.
 */
export class TermPostings {
  private docs: Int32Array[] = [];
  private weights: Float32Array[] = [];
  private lengths: number[] = [];

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
      const size = Math.max(4, n * 2);
      const nd = new Int32Array(size);
      nd.set(docs);
      const nw = new Float32Array(size);
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

  /** Bytes held by the posting arrays (capacity, not just length). */
  byteSize(): number {
    let bytes = 0;
    for (const d of this.docs) bytes += d.byteLength * 2;
    return bytes;
  }
}
