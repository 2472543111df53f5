/**
 * Categories and tags for the search bench corpus, spread the way a newsroom's are: a few
 * desks carry most stories and a long tail of tags each touch a few (Zipf-like weights).
 * Filtered searches are only measured honestly on such a spread: one category holding
 * every article would make a category filter free.
 */
export const BENCH_CATEGORIES = [
  "politics",
  "world",
  "business",
  "society",
  "sports",
  "culture",
  "science",
  "opinion",
];

export const BENCH_TAG_COUNT = 36;

/** Picks index k of `count` with weight 1/(k+1)^s. */
export function zipfPicker(count: number, s: number, random: () => number): () => number {
  const weights = Array.from({ length: count }, (_, k) => 1 / (k + 1) ** s);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w / total;
    cumulative.push(sum);
  }
  return () => {
    const r = random();
    const k = cumulative.findIndex((c) => r < c);
    return k < 0 ? count - 1 : k;
  };
}

/** One to three distinct tag indexes for an article (about half get one). */
export function pickTags(pickTag: () => number, random: () => number): number[] {
  const r = random();
  const wanted = r < 0.5 ? 1 : r < 0.85 ? 2 : 3;
  const tags = new Set<number>();
  for (let tries = 0; tags.size < wanted && tries < 10; tries += 1) tags.add(pickTag());
  return [...tags];
}
