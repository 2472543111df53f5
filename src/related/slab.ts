/**
 * Hands out small typed arrays as views of large shared chunks. At 100,000 articles a few
 * small arrays each would cost a separate buffer with its own allocation record apiece; views
 * of 1 MB chunks cost only the view. Space freed by removed articles is not reused: a
 * rebuild starts new slabs.
 */
type Typed = Int32Array | Float32Array | Uint32Array | Uint8Array;

interface TypedConstructor<T extends Typed> {
  new (length: number): T;
  BYTES_PER_ELEMENT: number;
}

export class Slab<T extends Typed> {
  private chunk: T;
  private used = 0;
  private readonly chunkLength: number;
  /** Elements handed out, for memory reports. */
  allocated = 0;
  chunks = 1;

  constructor(
    private readonly kind: TypedConstructor<T>,
    chunkBytes = 1 << 20,
  ) {
    this.chunkLength = Math.max(1, Math.floor(chunkBytes / kind.BYTES_PER_ELEMENT));
    this.chunk = new kind(this.chunkLength);
  }

  /** A zeroed array of `length` elements (its own buffer when larger than a chunk). */
  alloc(length: number): T {
    if (length > this.chunkLength / 4) return new this.kind(length);
    if (this.used + length > this.chunkLength) {
      this.chunk = new this.kind(this.chunkLength);
      this.used = 0;
      this.chunks++;
    }
    const view = this.chunk.subarray(this.used, this.used + length) as T;
    this.used += length;
    this.allocated += length;
    return view;
  }

  /** A copy of `values` in slab memory. */
  from(values: ArrayLike<number>): T {
    const out = this.alloc(values.length);
    out.set(values);
    return out;
  }

  byteSize(): number {
    return this.chunks * this.chunkLength * this.kind.BYTES_PER_ELEMENT;
  }
}
