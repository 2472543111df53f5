import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Labeled news corpora: the project's copy first, the shared originals when present. */
const CORPUS_ROOTS = ["test/fixtures/news", "../shared/fixtures/news"];

/**
 * Every sentence of the real news articles we ship or can see, for building large
 * benchmark corpora by recombination (real words and real term statistics, never filler).
 */
export function loadRealSentences(): string[] {
  const sentences = new Set<string>();
  for (const root of CORPUS_ROOTS) {
    if (!existsSync(root)) continue;
    for (const corpus of readdirSync(root)) {
      const file = join(root, corpus, "articles.jsonl");
      if (!existsSync(file)) continue;
      for (const line of readFileSync(file, "utf8").split("\n")) {
        if (!line.trim()) continue;
        const { text, title } = JSON.parse(line) as { text?: string; title?: string | null };
        for (const s of `${title ?? ""}\n${text ?? ""}`.split(/(?<=[.!?])\s+|\n+/)) {
          const t = s.trim();
          if (t.length > 30 && t.length < 400) sentences.add(t);
        }
      }
    }
  }
  if (sentences.size === 0)
    throw new Error(`no news corpus found under ${CORPUS_ROOTS.join(" or ")}`);
  return [...sentences];
}

/** Deterministic PRNG (mulberry32) so every run builds the same corpus. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)] ?? Number.NaN;
}
