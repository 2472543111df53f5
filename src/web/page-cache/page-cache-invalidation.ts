import type { RecordedChange } from "../../changes/change.js";
import type { ChangeFeed } from "../../changes/change-feed.js";
import { tagsForChange } from "../cache-tags.js";
import type { CategoryMemo } from "../category-memo.js";
import type { PageCache } from "./page-cache.js";

/** Drops every cached page that shows one of the changes. */
export function invalidateForChanges(cache: PageCache, changes: readonly RecordedChange[]): void {
  const tags = new Set<string>();
  for (const change of changes) for (const tag of tagsForChange(change)) tags.add(tag);
  if (tags.size > 0) cache.invalidate(tags);
}

/** Drops the in-memory categories when settings change (categories are settings). */
export function refreshMemosForChanges(
  categories: CategoryMemo,
  changes: readonly RecordedChange[],
): void {
  if (changes.some((c) => c.kind === "settings")) categories.clear();
}

/**
 * Keeps the cache exact from boot on. The listener invalidates synchronously, so by the time
 * the feed counts a change as delivered (and a publishing command returns) no stale page is
 * left in this process.
 */
export function subscribePageCache(
  feed: ChangeFeed,
  cache: PageCache | undefined,
  categories: CategoryMemo,
): () => void {
  return feed.subscribe((changes) => {
    refreshMemosForChanges(categories, changes);
    if (cache) invalidateForChanges(cache, changes);
  });
}
