/**
 * Keeps the `capacity` highest-scoring integer items seen, in a binary min-heap, so picking
 * the best 30 of 50,000 candidates costs O(n log 30) instead of a full sort.
 */
export class TopHeap {
  private items: Int32Array;
  private scores: Float64Array;
  size = 0;

  constructor(readonly capacity: number) {
    this.items = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  /** Lowest score kept, or -Infinity while not full. */
  floor(): number {
    return this.size < this.capacity ? Number.NEGATIVE_INFINITY : (this.scores[0] as number);
  }

  push(item: number, score: number): void {
    if (this.capacity === 0) return;
    if (this.size < this.capacity) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((this.scores[parent] as number) <= score) break;
        this.items[i] = this.items[parent] as number;
        this.scores[i] = this.scores[parent] as number;
        i = parent;
      }
      this.items[i] = item;
      this.scores[i] = score;
      return;
    }
    if (score <= (this.scores[0] as number)) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const c = r < this.size && (this.scores[r] as number) < (this.scores[l] as number) ? r : l;
      if ((this.scores[c] as number) >= score) break;
      this.items[i] = this.items[c] as number;
      this.scores[i] = this.scores[c] as number;
      i = c;
    }
    this.items[i] = item;
    this.scores[i] = score;
  }

  /** The kept items, best first. */
  sorted(): { item: number; score: number }[] {
    const out: { item: number; score: number }[] = [];
    for (let i = 0; i < this.size; i++)
      out.push({ item: this.items[i] as number, score: this.scores[i] as number });
    return out.sort((a, b) => b.score - a.score || a.item - b.item);
  }
}
