/**
 * Rendered cards in memory, least recently used dropped first once the total passes
 * `maxBytes`. Keys carry the card's version, so an edited article simply asks for a new
 * key and the old card ages out. Concurrent misses for one key share a single render.
 */
export class CardCache {
  private readonly entries = new Map<string, Buffer>();
  private readonly pending = new Map<string, Promise<Buffer>>();
  private bytes = 0;

  constructor(private readonly maxBytes = 32 * 1024 * 1024) {}

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  async get(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
    const held = this.entries.get(key);
    if (held) {
      this.entries.delete(key);
      this.entries.set(key, held);
      return held;
    }
    const running = this.pending.get(key);
    if (running) return running;
    const started = render()
      .then((png) => {
        this.store(key, png);
        return png;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, started);
    return started;
  }

  private store(key: string, png: Buffer): void {
    if (png.length > this.maxBytes) return;
    this.entries.set(key, png);
    this.bytes += png.length;
    for (const [oldKey, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= old.length;
    }
  }
}
