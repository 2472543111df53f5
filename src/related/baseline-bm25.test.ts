import { describe, expect, it } from "vitest";
import { createBm25Baseline } from "./baseline-bm25.js";
import { plainTokens } from "./baseline-tfidf.js";
import type { RelatedDoc } from "./related-types.js";

const docs: RelatedDoc[] = [
  { id: "a", title: "Typhoon Wipha makes landfall", body: "Wipha hit Zhuhai with heavy rain." },
  {
    id: "b",
    title: "Wipha floods Zhuhai streets",
    body: "Streets in Zhuhai flooded as Wipha passed.",
  },
  { id: "c", title: "Mooncake sales rise", body: "Bakeries sold more mooncakes this year." },
  {
    id: "d",
    title: "Typhoon season outlook",
    body: "Forecasters expect more typhoons this year and more rain.",
  },
];

/** BM25 written out plainly from its definition, for comparison. */
function bm25(query: RelatedDoc, doc: RelatedDoc): number {
  const text = (d: RelatedDoc) => plainTokens(`${d.title}\n${d.lead ?? ""}\n${d.body}`);
  const words = docs.map(text);
  const avg = words.reduce((s, w) => s + w.length, 0) / docs.length;
  const d = text(doc);
  let score = 0;
  for (const term of new Set(text(query))) {
    const df = words.filter((w) => w.includes(term)).length;
    const tf = d.filter((w) => w === term).length;
    if (tf === 0) continue;
    const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
    score += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * d.length) / avg));
  }
  return score;
}

describe("BM25 baseline", () => {
  it("scores exactly as the textbook formula and ranks the same story first", () => {
    const baseline = createBm25Baseline(docs);
    const hits = baseline.topK("a", 3);
    expect(hits[0]?.id).toBe("b");
    for (const hit of hits) {
      const other = docs.find((d) => d.id === hit.id) as RelatedDoc;
      expect(hit.score).toBeCloseTo(bm25(docs[0] as RelatedDoc, other), 10);
    }
    expect(hits.map((h) => h.id)).not.toContain("a");
    expect(baseline.topK("missing", 3)).toEqual([]);
  });
});
