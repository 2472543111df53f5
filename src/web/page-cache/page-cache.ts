import type { PageEntry } from "./page-entry.js";

export interface PageCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  /** Pages rendered and then dropped because an invalidation overtook them. */
  discarded: number;
  evictions: number;
  invalidations: number;
}

/** Handed out when a render starts; checked when its result is offered for storing. */
export interface RenderTicket {
  readonly key: string;
  readonly epoch: number;
}

/**
 * Rendered pages in memory, bounded by bytes (least recently used goes first) and invalidated
 * by tag. Three rules keep a reader from ever seeing a page older than a committed change
 * once its invalidation ran:
 * - invalidation deletes every entry carrying one of the tags, at once;
 * - a page whose render started before an invalidation of one of its tags is not stored
 *   (it may have read the old rows), which `store` checks with the epoch in its ticket;
 * - concurrent misses share one render (single flight), but a request arriving after an
 *   invalidation never joins a flight that started before it.
 */
export class PageCache {
  readonly #maxBytes: number;
  readonly #now: () => number;
  /** Insertion order is recency order: a hit moves its entry to the end. */
  readonly #entries = new Map<string, PageEntry>();
  readonly #byTag = new Map<string, Set<string>>();
  readonly #flights = new Map<string, Promise<PageEntry | undefined>>();
  /** Epoch of the latest invalidation of each tag, kept only while renders are in flight. */
  readonly #tagEpochs = new Map<string, number>();
  #epoch = 0;
  #clearedAt = 0;
  #rendering = 0;
  #bytes = 0;
  #stats = { hits: 0, misses: 0, discarded: 0, evictions: 0, invalidations: 0 };

  constructor(options: { maxBytes: number; now: () => number }) {
    this.#maxBytes = options.maxBytes;
    this.#now = options.now;
  }

  /** The live entry for a key, counted as a hit and made most recent; expired ones are dropped. */
  get(key: string): PageEntry | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#remove(entry);
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    this.#stats.hits += 1;
    return entry;
  }

  /** Whether a live page is stored for the key (no hit counted, recency unchanged). */
  has(key: string): boolean {
    const entry = this.#entries.get(key);
    return entry !== undefined && entry.expiresAt > this.#now();
  }

  /** A render of this key already under way, to wait for instead of rendering again. */
  flight(key: string): Promise<PageEntry | undefined> | undefined {
    return this.#flights.get(key);
  }

  /**
   * Starts a render: registers the flight that later misses of the key join, and returns the
   * ticket `store` checks. `finish` must be called with the result (or undefined) in any case.
   */
  begin(key: string): {
    ticket: RenderTicket;
    finish: (entry: PageEntry | undefined) => void;
  } {
    this.#stats.misses += 1;
    this.#rendering += 1;
    let settle: (entry: PageEntry | undefined) => void = () => {};
    const flight = new Promise<PageEntry | undefined>((resolve) => {
      settle = resolve;
    });
    this.#flights.set(key, flight);
    let done = false;
    return {
      ticket: { key, epoch: this.#epoch },
      finish: (entry) => {
        if (done) return;
        done = true;
        if (this.#flights.get(key) === flight) this.#flights.delete(key);
        this.#rendering -= 1;
        if (this.#rendering === 0) this.#tagEpochs.clear();
        settle(entry);
      },
    };
  }

  /** Whether anything the entry depends on was invalidated after its render began. */
  isOvertaken(ticket: RenderTicket, tags: readonly string[]): boolean {
    if (this.#clearedAt > ticket.epoch) return true;
    return tags.some((tag) => (this.#tagEpochs.get(tag) ?? 0) > ticket.epoch);
  }

  /** Stores a rendered page unless an invalidation overtook its render; says which. */
  store(ticket: RenderTicket, entry: PageEntry): boolean {
    if (this.isOvertaken(ticket, entry.tags)) {
      this.#stats.discarded += 1;
      return false;
    }
    if (entry.bytes > this.#maxBytes) return false;
    const old = this.#entries.get(entry.key);
    if (old) this.#remove(old);
    this.#entries.set(entry.key, entry);
    this.#bytes += entry.bytes;
    for (const tag of entry.tags) {
      let keys = this.#byTag.get(tag);
      if (!keys) {
        keys = new Set();
        this.#byTag.set(tag, keys);
      }
      keys.add(entry.key);
    }
    for (const oldest of this.#entries.values()) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#remove(oldest);
      this.#stats.evictions += 1;
    }
    return true;
  }

  /** Drops every page carrying any of the tags; renders under way for them will not be stored. */
  invalidate(tags: Iterable<string>): void {
    this.#epoch += 1;
    this.#stats.invalidations += 1;
    for (const tag of tags) {
      if (this.#rendering > 0) this.#tagEpochs.set(tag, this.#epoch);
      const keys = this.#byTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) {
        const entry = this.#entries.get(key);
        if (entry) this.#remove(entry);
      }
    }
    // Later misses start their own render instead of joining one that may have read old rows.
    this.#flights.clear();
  }

  /** Drops everything (settings reach every page). */
  clear(): void {
    this.#epoch += 1;
    this.#clearedAt = this.#epoch;
    this.#stats.invalidations += 1;
    for (const entry of [...this.#entries.values()]) this.#remove(entry);
    this.#flights.clear();
  }

  stats(): PageCacheStats {
    return {
      entries: this.#entries.size,
      bytes: this.#bytes,
      maxBytes: this.#maxBytes,
      ...this.#stats,
    };
  }

  #remove(entry: PageEntry): void {
    if (this.#entries.get(entry.key) !== entry) return;
    this.#entries.delete(entry.key);
    this.#bytes -= entry.bytes;
    for (const tag of entry.tags) {
      const keys = this.#byTag.get(tag);
      if (!keys) continue;
      keys.delete(entry.key);
      if (keys.size === 0) this.#byTag.delete(tag);
    }
  }
}
