import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createTfidfBaseline } from "./baseline-tfidf.js";
import { loadLabeledCorpus } from "./labeled-corpus.js";

const fixtures = fileURLToPath(new URL("../../test/fixtures/news/", import.meta.url));

describe("TF-IDF baseline", () => {
  it.each([
    ["ecbplus", false],
    ["basil", false],
    ["ecbplus", true],
  ] as const)("%s (lead only: %s): the pruned top-k is the exact top-k", (name, leadOnly) => {
    const docs = loadLabeledCorpus(`${fixtures}${name}`, { leadOnly }).map((a) => a.doc);
    // Checking after every posting list exercises the early stop on a small corpus.
    const baseline = createTfidfBaseline(docs, { checkEvery: 1 });
    for (const doc of docs) {
      for (const k of [1, 5, 10]) {
        const pruned = baseline.topK(doc.id, k);
        const exact = baseline.topKBruteForce(doc.id, k);
        expect(pruned.map((h) => h.id)).toEqual(exact.map((h) => h.id));
        expect(pruned.map((h) => h.score)).toEqual(exact.map((h) => h.score));
      }
    }
  });

  it("breaks ties the same way and never returns the article itself", () => {
    const same = "Typhoon Ragasa makes landfall in Guangdong province";
    const docs = [1, 2, 3, 4].map((id) => ({ id, title: same, body: "" }));
    docs.push({ id: 5, title: "Hong Kong stock exchange halts trading", body: "" });
    const baseline = createTfidfBaseline(docs);
    expect(baseline.topK(2, 2).map((h) => h.id)).toEqual([1, 3]);
    expect(baseline.topK(2, 2)).toEqual(baseline.topKBruteForce(2, 2));
    expect(baseline.topK(99, 3)).toEqual([]);
  });
});
