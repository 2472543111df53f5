import type { Database } from "../db/database.js";
import { listsShowing, loadDocsChangedSince, loadPublicDocs, publicIds } from "./related-docs.js";
import { createRelatedIndex, type RelatedIndex } from "./related-index.js";
import { saveRelatedLists } from "./related-store.js";
import type { RelatedDoc, RelatedHit, RelatedOptions } from "./related-types.js";

export const RELATED_LIST_SIZE = 5;

export interface RefreshReport {
  /** Articles (re)indexed or removed by this refresh. */
  changed: number;
  /** Stored lists rewritten. */
  lists: number;
  /** True when the index was built from the whole corpus. */
  rebuilt: boolean;
}

export interface RelatedService {
  /**
   * Catches the index up with the database (articles edited, published, unpublished or
   * come due since the last call) and rewrites only the lists that can change.
   */
  refresh(now: Date): Promise<RefreshReport>;
  /** Rebuilds the index from every public article and rewrites every list. */
  rebuildAll(now: Date): Promise<RefreshReport>;
}

// Writes in one second can share an updated_at with the previous refresh's watermark.
const WATERMARK_OVERLAP_MS = 1_000;

/**
 * The process's related-articles engine over the database. The index is built lazily (a
 * web-only process never pays for it) and kept current incrementally, so one publish costs
 * a handful of top-k queries, not a corpus rebuild. Each process syncs from the database,
 * so changes made by another process are caught up on the next refresh.
 */
export function createRelatedService(
  database: Database,
  options: Partial<RelatedOptions> = {},
): RelatedService {
  let index: RelatedIndex | undefined;
  let watermark = "";
  let running: Promise<unknown> = Promise.resolve();

  // One refresh at a time per process: two overlapping ones would race on the index.
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = running.then(task, task);
    running = next.catch(() => undefined);
    return next;
  };

  const build = async (now: Date, writeAllLists: boolean): Promise<RefreshReport> => {
    const at = now.toISOString();
    const docs = await loadPublicDocs(database.db, at);
    index = createRelatedIndex(options);
    index.rebuild(docs);
    watermark = at;
    const stored = await database.db
      .selectFrom("article_related")
      .select("article_id")
      .limit(1)
      .execute();
    if (!writeAllLists && stored.length > 0)
      return { changed: docs.length, lists: 0, rebuilt: true };
    const lists = new Map<number, RelatedHit[]>();
    for (const doc of docs) lists.set(Number(doc.id), index.topK(doc.id, RELATED_LIST_SIZE));
    // Lists of articles that are no longer public are cleared too.
    const visible = new Set(docs.map((d) => Number(d.id)));
    const orphaned = await database.db
      .selectFrom("article_related")
      .select("article_id")
      .distinct()
      .execute();
    for (const row of orphaned) if (!visible.has(row.article_id)) lists.set(row.article_id, []);
    await saveRelatedLists(database.db, lists);
    return { changed: docs.length, lists: lists.size, rebuilt: true };
  };

  const incremental = async (current: RelatedIndex, now: Date): Promise<RefreshReport> => {
    const at = now.toISOString();
    const since = new Date(Date.parse(watermark) - WATERMARK_OVERLAP_MS).toISOString();
    const changed = await loadDocsChangedSince(database.db, since, at);
    watermark = at;
    if (changed.length === 0) return { changed: 0, lists: 0, rebuilt: false };
    const visible = await publicIds(
      database.db,
      at,
      changed.map((c) => c.id),
    );
    const affected = new Set<number>();
    const removed = new Set<number>();
    for (const { id, doc } of changed) {
      if (visible.has(id) && doc) {
        current.add(doc);
        affected.add(id);
        for (const other of current.affectedBy(id)) affected.add(Number(other));
      } else if (current.has(id)) {
        for (const other of current.remove(id)) affected.add(Number(other));
        removed.add(id);
      } else {
        removed.add(id);
      }
    }
    // The database knows which stored lists show a changed article, even ones computed by
    // another process; those must be recomputed as well.
    for (const id of await listsShowing(
      database.db,
      changed.map((c) => c.id),
    ))
      affected.add(id);
    const lists = new Map<number, RelatedHit[]>();
    for (const id of removed) lists.set(id, []);
    for (const id of affected) {
      if (!removed.has(id) && current.has(id)) lists.set(id, current.topK(id, RELATED_LIST_SIZE));
    }
    await saveRelatedLists(database.db, lists);
    return { changed: changed.length, lists: lists.size, rebuilt: false };
  };

  return {
    refresh: (now) => serial(() => (index ? incremental(index, now) : build(now, false))),
    rebuildAll: (now) => serial(() => build(now, true)),
  };
}

export type { RelatedDoc };
