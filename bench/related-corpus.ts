import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { RelatedDoc } from "../src/related/related-types.js";
import { seededRandom } from "./support/real-sentences.js";

/** Labeled corpora: the shared originals when present, else the project's test subsets. */
const ROOTS = ["../shared/fixtures/news", "/work/shared/fixtures/news", "test/fixtures/news"];
const CORPORA = ["basil", "ecbplus"];

interface Story {
  sentences: string[];
  titles: string[];
}

/** Stories (clusters) of the real labeled corpora, as lists of their sentences. */
export function loadStories(): Story[] {
  const root = ROOTS.find((r) => CORPORA.some((c) => existsSync(join(r, c, "articles.jsonl"))));
  if (!root) throw new Error(`no labeled news corpus under ${ROOTS.join(", ")}`);
  const stories = new Map<string, Story>();
  for (const corpus of CORPORA) {
    const file = join(root, corpus, "articles.jsonl");
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const a = JSON.parse(line) as { cluster_id: string; title?: string | null; text?: string };
      const story = stories.get(`${corpus}:${a.cluster_id}`) ?? { sentences: [], titles: [] };
      if (a.title) story.titles.push(a.title);
      for (const s of (a.text ?? "").split(/(?<=[.!?])\s+|\n+/)) {
        const t = s.trim();
        if (t.length > 30 && t.length < 400) story.sentences.push(t);
      }
      stories.set(`${corpus}:${a.cluster_id}`, story);
    }
  }
  return [...stories.values()].filter((s) => s.sentences.length >= 5);
}

/**
 * `n` articles recombined from real sentences: each one is drawn from one real story
 * (about three quarters of its sentences from that story, the rest from anywhere), so the
 * corpus has groups of related articles with real term statistics, never filler text.
 */
export function buildCorpus(n: number, seed = 42): RelatedDoc[] {
  const stories = loadStories();
  const all = stories.flatMap((s) => s.sentences);
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const tags = ["politics", "society", "tech", "disaster", "crime", "entertainment", "economy"];
  const docs: RelatedDoc[] = [];
  for (let i = 0; i < n; i++) {
    const storyIndex = Math.floor(random() * stories.length);
    const story = stories[storyIndex] as Story;
    const length = 6 + Math.floor(random() * 12);
    const sentences = Array.from({ length }, () =>
      random() < 0.75 ? pick(story.sentences) : pick(all),
    );
    const day =
      Date.UTC(2015, 0, 1) +
      (storyIndex * 13 + Math.floor(random() * 5)) * 86_400_000 +
      (i % 97) * 3_600_000 * 24;
    docs.push({
      id: i + 1,
      title: (story.titles.length > 0 && random() < 0.5
        ? pick(story.titles)
        : pick(story.sentences)
      ).slice(0, 160),
      lead: sentences[0] ?? "",
      body: sentences.slice(1).join(" "),
      tags: [pick(tags)],
      publishedAt: new Date(day).toISOString(),
    });
  }
  return docs;
}
