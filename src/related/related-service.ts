import type { Database } from "../db/database.js";
import { CategoryFill } from "./category-fill.js";
import {
  listsShowing,
  loadDocsByIds,
  loadDocsChangedSince,
  loadPublicDocs,
  publicIds,
} from "./related-docs.js";
import { createRelatedIndex, type RelatedIndex } from "./related-index.js";
import { shippedRelatedModel } from "./related-model.js";
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
  /**
   * Brings the lists touched by these articles up to date now (theirs, and those that may
   * show them), whatever process changed them: what a CLI import calls before it returns.
   */
  refreshArticles(ids: readonly number[], now: Date): Promise<RefreshReport>;
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
  let fill = new CategoryFill();
  let watermark = "";
  const floor = shippedRelatedModel().file.floor;
  /** The stored list: engine picks above the model's floor, completed from the category. */
  const listOf = (current: RelatedIndex, id: RelatedDoc["id"]): RelatedHit[] =>
    fill.complete(
      id,
      current.topK(id, RELATED_LIST_SIZE).filter((h) => h.score >= floor),
      RELATED_LIST_SIZE,
    );
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
    fill = new CategoryFill();
    for (const doc of docs) fill.add(doc);
    watermark = at;
    const stored = await database.db
      .selectFrom("article_related")
      .select("article_id")
      .limit(1)
      .execute();
    if (!writeAllLists && stored.length > 0)
      return { changed: docs.length, lists: 0, rebuilt: true };
    const lists = new Map<number, RelatedHit[]>();
    for (const doc of docs) lists.set(Number(doc.id), listOf(index, doc.id));
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
    return apply(current, changed, at);
  };

  const apply = async (
    current: RelatedIndex,
    changed: { id: number; doc?: RelatedDoc }[],
    at: string,
  ): Promise<RefreshReport> => {
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
        fill.add(doc);
        affected.add(id);
        for (const other of current.affectedBy(id)) affected.add(Number(other));
      } else if (current.has(id)) {
        fill.remove(id);
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
      if (!removed.has(id) && current.has(id)) lists.set(id, listOf(current, id));
    }
    await saveRelatedLists(database.db, lists);
    return { changed: changed.length, lists: lists.size, rebuilt: false };
  };

  return {
    refresh: (now) => serial(() => (index ? incremental(index, now) : build(now, false))),
    rebuildAll: (now) => serial(() => build(now, true)),
    refreshArticles: (ids, now) =>
      serial(async () => {
        // A first build indexes these articles already; their lists are written below.
        if (!index) await build(now, false);
        const current = index;
        if (!current) throw new Error("the related index was not built");
        const at = now.toISOString();
        return apply(current, await loadDocsByIds(database.db, ids, at), at);
      }),
  };
}

export type { RelatedDoc };
