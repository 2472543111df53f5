import { describe, expect, it } from "vitest";
import { createRecentBaseline } from "./baseline-recent.js";
import { hashString } from "./minhash.js";
import type { RelatedDoc, RelatedId } from "./related-types.js";

/** The baseline's definition, written the slow and obvious way. */
function reference(docs: readonly RelatedDoc[], id: RelatedId, k: number): RelatedId[] {
  const order = [...docs].sort((a, b) => {
    const da = a.publishedAt ?? "";
    const db = b.publishedAt ?? "";
    if (da !== db) return da < db ? 1 : -1;
    return hashString(String(a.id)) - hashString(String(b.id));
  });
  const q = docs.find((d) => d.id === id);
  if (!q) return [];
  const same = (d: RelatedDoc) =>
    (q.category !== undefined && d.category === q.category) ||
    (q.source !== undefined && d.source === q.source);
  const others = order.filter((d) => d.id !== id);
  return [...others.filter(same), ...others.filter((d) => !same(d))].slice(0, k).map((d) => d.id);
}

describe("same category or source, newest baseline", () => {
  // 300 articles over 40 days, 5 categories, 7 sources, some without either or a date.
  const docs: RelatedDoc[] = Array.from({ length: 300 }, (_, i) => {
    const doc: RelatedDoc = { id: i, title: `Story ${i}`, body: "" };
    if (i % 11 !== 0) doc.publishedAt = `2025-08-${String(1 + ((i * 7) % 28)).padStart(2, "0")}`;
    if (i % 4 !== 0) doc.category = `c${i % 5}`;
    if (i % 3 !== 0) doc.source = `s${i % 7}`;
    return doc;
  });
  const baseline = createRecentBaseline(docs);

  it("ranks exactly as its definition: own category or source first, then the newest", () => {
    for (const doc of docs) {
      for (const k of [1, 5, 10, 40]) {
        expect(baseline.topK(doc.id, k).map((h) => h.id)).toEqual(reference(docs, doc.id, k));
      }
    }
  });

  it("answers nothing for an unknown article or k = 0", () => {
    expect(baseline.topK("nope", 5)).toEqual([]);
    expect(baseline.topK(1, 0)).toEqual([]);
  });
});
