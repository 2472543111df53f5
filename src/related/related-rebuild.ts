import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";
import { createRelatedIndex, type RelatedIndex } from "./related-index.js";
import { loadRelatedDocs } from "./related-source.js";
import { saveRelatedLists } from "./related-store.js";
import type { RelatedHit, RelatedId, RelatedOptions } from "./related-types.js";

export interface RebuildResult {
  /** The index, ready for incremental `add` / `remove` on later publishes. */
  index: RelatedIndex;
  articles: number;
  rows: number;
  seconds: number;
}

/**
 * The rebuild command's work: indexes every published article, computes each one's list
 * and stores the lists, `batch` articles per transaction (so a long rebuild never holds one
 * huge transaction; each article's list is replaced atomically).
 *
 * @example const { index } = await rebuildRelatedLists(db); // then index.add(...) on publish
 */
export async function rebuildRelatedLists(
  db: Kysely<Tables>,
  options: { k?: number; batch?: number; engine?: Partial<RelatedOptions> } = {},
): Promise<RebuildResult> {
  const started = performance.now();
  const k = options.k ?? 5;
  const batch = options.batch ?? 1000;
  const docs = await loadRelatedDocs(db);
  const index = createRelatedIndex(options.engine);
  index.rebuild(docs);
  let rows = 0;
  for (let i = 0; i < docs.length; i += batch) {
    const lists = new Map<RelatedId, RelatedHit[]>();
    for (const doc of docs.slice(i, i + batch)) lists.set(doc.id, index.topK(doc.id, k));
    rows += (await saveRelatedLists(db, lists)).rows;
  }
  // Lists of articles no longer published are cleared.
  const published = new Set(docs.map((d) => Number(d.id)));
  const stale = await db.selectFrom("article_related").select("article_id").distinct().execute();
  const gone = stale.map((r) => Number(r.article_id)).filter((id) => !published.has(id));
  if (gone.length > 0)
    await saveRelatedLists(
      db,
      gone.map((id) => [id, []] as const),
    );
  return { index, articles: docs.length, rows, seconds: (performance.now() - started) / 1000 };
}
