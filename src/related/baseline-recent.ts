import { hashString } from "./minhash.js";
import type { RelatedDoc, RelatedHit, RelatedId } from "./related-types.js";

/**
 * The "what most themes do" baseline (Ghost, WordPress defaults): articles of the same
 * category, or else the same source, newest first; when nothing matches, the newest
 * articles overall. Ties (equal or missing dates) are broken by a hash of the id, so the
 * order of the input file, often grouped by story, cannot leak into the ranking.
 */
export function createRecentBaseline(docs: readonly RelatedDoc[]) {
  const order = [...docs].sort((a, b) => {
    const da = a.publishedAt ?? "";
    const db = b.publishedAt ?? "";
    if (da !== db) return da < db ? 1 : -1;
    return hashString(String(a.id)) - hashString(String(b.id));
  });
  const byId = new Map<RelatedId, RelatedDoc>(docs.map((d) => [d.id, d]));
  return {
    topK(id: RelatedId, k: number): RelatedHit[] {
      const q = byId.get(id);
      if (!q) return [];
      const same = (d: RelatedDoc) =>
        (q.category !== undefined && d.category === q.category) ||
        (q.source !== undefined && d.source === q.source);
      const first = order.filter((d) => d.id !== id && same(d));
      const rest = order.filter((d) => d.id !== id && !same(d));
      return [...first, ...rest].slice(0, k).map((d, i) => ({ id: d.id, score: 1 / (i + 1) }));
    },
  };
}
