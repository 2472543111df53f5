/**
 * MinHash signatures over word shingles, for spotting near-duplicate articles (the same
 * wire story under two headlines). The estimated Jaccard similarity of two shingle sets is
 * the share of signature slots where their minima agree.
 *
 * @example
 * const a = minhashSignature(shingles(tokenize(textA)));
 * const b = minhashSignature(shingles(tokenize(textB)));
 * estimateJaccard(a, b) > 0.8 // near-duplicates
 */
export const DEFAULT_SIGNATURE_SIZE = 32;

/** FNV-1a 32-bit hash of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A strong 32-bit mix (finaliser of MurmurHash3) so each slot acts as its own hash function. */
function mix(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes of the `size`-word shingles of a token stream (one shingle when it is shorter). */
export function shingles(tokens: readonly string[], size = 3): Uint32Array {
  if (tokens.length === 0) return new Uint32Array(0);
  const count = Math.max(1, tokens.length - size + 1);
  const out = new Set<number>();
  for (let i = 0; i < count; i++) out.add(hashString(tokens.slice(i, i + size).join(" ")));
  return Uint32Array.from(out);
}

const SEEDS: number[] = [];
function seed(i: number): number {
  while (SEEDS.length <= i) SEEDS.push(mix(0x9e3779b9 ^ Math.imul(SEEDS.length + 1, 0x27d4eb2d)));
  return SEEDS[i] as number;
}

/** The MinHash signature of a set of shingle hashes. An empty set gives all-max slots. */
export function minhashSignature(
  shingleHashes: Uint32Array,
  size = DEFAULT_SIGNATURE_SIZE,
): Uint32Array {
  const sig = new Uint32Array(size).fill(0xffffffff);
  for (let s = 0; s < size; s++) {
    const salt = seed(s);
    let min = 0xffffffff;
    for (const h of shingleHashes) {
      const v = mix(h ^ salt);
      if (v < min) min = v;
    }
    sig[s] = min;
  }
  return sig;
}

/** Estimated Jaccard similarity of the sets behind two signatures of the same size. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i] && a[i] !== 0xffffffff) same++;
  return same / n;
}
