import type { RecordedChange } from "../../changes/change.js";
import type { ChangeFeed } from "../../changes/change-feed.js";
import { tagsForChange } from "../cache-tags.js";
import type { PageCache } from "./page-cache.js";

/** Drops every cached page that shows one of the changes. */
export function invalidateForChanges(cache: PageCache, changes: readonly RecordedChange[]): void {
  const tags = new Set<string>();
  for (const change of changes) for (const tag of tagsForChange(change)) tags.add(tag);
  if (tags.size > 0) cache.invalidate(tags);
}

/**
 * Keeps the cache exact from boot on. The listener invalidates synchronously, so by the time
 * the feed counts a change as delivered (and a publishing command returns) no stale page is
 * left in this process.
 */
export function subscribePageCache(cache: PageCache, feed: ChangeFeed): () => void {
  return feed.subscribe((changes) => invalidateForChanges(cache, changes));
}
