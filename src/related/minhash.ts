/**
 * MinHash signatures over word shingles, for spotting near-duplicate articles (the same
 * wire story under two headlines). One-permutation MinHash: each shingle hash is mixed
 * once, its low bits choose one of the signature's bins and the bin keeps the minimum of
 * the rest; the estimated Jaccard similarity of two shingle sets is the share of non-empty
 * bins whose minima agree.
 *
 * @example
 * const a = minhashSignature(shingles(tokenize(textA)));
 * const b = minhashSignature(shingles(tokenize(textB)));
 * estimateJaccard(a, b) > 0.8 // near-duplicates
 */
export const DEFAULT_SIGNATURE_SIZE = 32;
const EMPTY = 0xffffffff;

/** FNV-1a 32-bit hash of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A strong 32-bit mix (finaliser of MurmurHash3). */
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
  const words = tokens.map(hashString);
  const count = Math.max(1, words.length - size + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x9e3779b9;
    for (let j = i; j < Math.min(words.length, i + size); j++)
      h = mix(h ^ (words[j] as number)) + j - i;
    out[i] = h >>> 0;
  }
  return out;
}

/** The MinHash signature of a set of shingle hashes (duplicates are harmless). */
export function minhashSignature(
  shingleHashes: Uint32Array,
  size = DEFAULT_SIGNATURE_SIZE,
): Uint32Array {
  const sig = new Uint32Array(size).fill(EMPTY);
  for (const h of shingleHashes) {
    const v = mix(h ^ 0x5bd1e995);
    const bin = v % size;
    const rest = mix(v + 0x27d4eb2d) >>> 1;
    if (rest < (sig[bin] as number)) sig[bin] = rest;
  }
  return sig;
}

/** Estimated Jaccard similarity of the sets behind two signatures of the same size. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  let same = 0;
  let used = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] === EMPTY && b[i] === EMPTY) continue;
    used++;
    if (a[i] === b[i]) same++;
  }
  return used === 0 ? 0 : same / used;
}
