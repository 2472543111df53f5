import { type Channel, channelOf, NUMBER_KEY } from "./doc-features.js";

/**
 * Term keys ↔ dense ids, with document frequencies counted over every term of every
 * indexed article (not only the distinctive ones each article is indexed under).
 */
export class TermVocabulary {
  private ids = new Map<string, number>();
  private df = new Int32Array(1024);
  private channels = new Uint8Array(1024);
  /** 1 for word terms that are numbers (sums, tolls, ages, years). */
  private numeric = new Uint8Array(1024);
  /** idf memo: valid while `idfAt[id]` equals the document count it was computed with. */
  private idfCache = new Float64Array(1024);
  private idfAt = new Int32Array(1024).fill(-1);
  /** Number of documents counted. */
  docCount = 0;

  get size(): number {
    return this.ids.size;
  }

  idOf(key: string): number {
    let id = this.ids.get(key);
    if (id !== undefined) return id;
    id = this.ids.size;
    this.ids.set(key, id);
    if (id >= this.df.length) {
      const df = new Int32Array(this.df.length * 2);
      df.set(this.df);
      this.df = df;
      const ch = new Uint8Array(this.channels.length * 2);
      ch.set(this.channels);
      this.channels = ch;
      const num = new Uint8Array(this.numeric.length * 2);
      num.set(this.numeric);
      this.numeric = num;
      const cache = new Float64Array(this.idfCache.length * 2);
      cache.set(this.idfCache);
      this.idfCache = cache;
      const at = new Int32Array(this.idfAt.length * 2).fill(-1);
      at.set(this.idfAt);
      this.idfAt = at;
    }
    this.channels[id] = channelOf(key);
    this.numeric[id] = NUMBER_KEY.test(key) ? 1 : 0;
    return id;
  }

  /** Id of an existing key, or undefined. */
  find(key: string): number | undefined {
    return this.ids.get(key);
  }

  channel(id: number): Channel {
    return (this.channels[id] ?? 0) as Channel;
  }

  isNumber(id: number): boolean {
    return this.numeric[id] === 1;
  }

  documentFrequency(id: number): number {
    return this.df[id] ?? 0;
  }

  /** Counts one document holding each of `ids` (`delta` -1 to uncount it). */
  count(ids: Iterable<number>, delta: 1 | -1): void {
    for (const id of ids) {
      this.df[id] = Math.max(0, (this.df[id] ?? 0) + delta);
      this.idfAt[id] = -1;
    }
    this.docCount = Math.max(0, this.docCount + delta);
  }

  /** BM25-style inverse document frequency, always positive. */
  idf(id: number): number {
    if (this.idfAt[id] === this.docCount) return this.idfCache[id] as number;
    const df = this.df[id] ?? 0;
    const idf = Math.log(1 + (this.docCount - df + 0.5) / (df + 0.5));
    this.idfCache[id] = idf;
    this.idfAt[id] = this.docCount;
    return idf;
  }
}
