import type { Kysely } from "kysely";
import { recordChange } from "../changes/record-change.js";
import type { Tables } from "../db/schema.js";
import type { RelatedHit, RelatedId } from "./related-types.js";

/** Lists to store: article id → its related articles, best first. An empty list clears it. */
export type RelatedLists =
  | ReadonlyMap<RelatedId, readonly RelatedHit[]>
  | Iterable<readonly [RelatedId, readonly RelatedHit[]]>;

function articleId(id: RelatedId): number {
  const n = typeof id === "number" ? id : Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`not an article id: ${String(id)}`);
  return n;
}

/**
 * Replaces the stored related lists of the given articles, and only those, in one
 * transaction: readers see either every old list or every new one. Ranks start at 1;
 * an article never lists itself, and a repeated id keeps its first place.
 *
 * @example
 * await saveRelatedLists(db, new Map([[id, index.topK(id, 5)], ...affected]));
 */
export async function saveRelatedLists(
  db: Kysely<Tables>,
  lists: RelatedLists,
): Promise<{ articles: number; rows: number }> {
  const rows: Tables["article_related"][] = [];
  const ids: number[] = [];
  for (const [id, hits] of lists) {
    const article = articleId(id);
    ids.push(article);
    const seen = new Set<number>([article]);
    for (const hit of hits) {
      const related = articleId(hit.id);
      if (seen.has(related)) continue;
      seen.add(related);
      rows.push({
        article_id: article,
        related_id: related,
        rank: seen.size - 1,
        score: hit.score,
        fill: hit.fill ? 1 : 0,
      });
    }
  }
  if (ids.length === 0) return { articles: 0, rows: 0 };
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < ids.length; i += 500) {
      await trx
        .deleteFrom("article_related")
        .where("article_id", "in", ids.slice(i, i + 500))
        .execute();
    }
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto("article_related")
        .values(rows.slice(i, i + 500))
        .execute();
    }
    await recordChange(trx, { kind: "related", articleIds: ids });
  });
  return { articles: ids.length, rows: rows.length };
}

/** The stored list of one article, best first. */
export async function loadRelatedList(
  db: Kysely<Tables>,
  id: number,
): Promise<{ id: number; rank: number; score: number; fill: boolean }[]> {
  const rows = await db
    .selectFrom("article_related")
    .select(["related_id", "rank", "score", "fill"])
    .where("article_id", "=", id)
    .orderBy("rank")
    .execute();
  return rows.map((r) => ({
    id: Number(r.related_id),
    rank: Number(r.rank),
    score: Number(r.score),
    fill: Number(r.fill) === 1,
  }));
}
