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
  const position = new Map<RelatedId, number>(order.map((d, i) => [d.id, i]));
  // Each category's and each source's articles, newest first, so a query reads only its own
  // groups and the head of the overall order, not every article (O(N²) for an evaluation).
  const byCategory = groupInOrder(order, (d) => d.category);
  const bySource = groupInOrder(order, (d) => d.source);
  return {
    topK(id: RelatedId, k: number): RelatedHit[] {
      const at = position.get(id);
      if (at === undefined || k <= 0) return [];
      const q = order[at] as RelatedDoc;
      const same = (d: RelatedDoc) =>
        (q.category !== undefined && d.category === q.category) ||
        (q.source !== undefined && d.source === q.source);
      const first = mergeInOrder(
        q.category === undefined ? [] : (byCategory.get(q.category) ?? []),
        q.source === undefined ? [] : (bySource.get(q.source) ?? []),
        position,
        k + 1,
      ).filter((d) => d.id !== id);
      const picked = first.slice(0, k);
      for (let i = 0; picked.length < k && i < order.length; i++) {
        const d = order[i] as RelatedDoc;
        if (d.id !== id && !same(d)) picked.push(d);
      }
      return picked.map((d, i) => ({ id: d.id, score: 1 / (i + 1) }));
    },
  };
}

function groupInOrder(
  order: readonly RelatedDoc[],
  key: (d: RelatedDoc) => string | undefined,
): Map<string, RelatedDoc[]> {
  const groups = new Map<string, RelatedDoc[]>();
  for (const d of order) {
    const k = key(d);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(d);
    else groups.set(k, [d]);
  }
  return groups;
}

/** The first `limit` articles of two lists in the overall order, each article once. */
function mergeInOrder(
  a: readonly RelatedDoc[],
  b: readonly RelatedDoc[],
  position: ReadonlyMap<RelatedId, number>,
  limit: number,
): RelatedDoc[] {
  const out: RelatedDoc[] = [];
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < a.length || j < b.length)) {
    const x = a[i];
    const y = b[j];
    const px = x ? (position.get(x.id) as number) : Number.POSITIVE_INFINITY;
    const py = y ? (position.get(y.id) as number) : Number.POSITIVE_INFINITY;
    if (px === py) {
      out.push(x as RelatedDoc);
      i++;
      j++;
    } else if (px < py) {
      out.push(x as RelatedDoc);
      i++;
    } else {
      out.push(y as RelatedDoc);
      j++;
    }
  }
  return out;
}
