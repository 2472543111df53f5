import type { Hono } from "hono";
import { createApp } from "../../src/app/create-app.js";
import type { DialectName } from "../../src/db/database.js";
import { CategoryMemo } from "../../src/web/category-memo.js";
import { PageCache } from "../../src/web/page-cache/page-cache.js";
import { subscribePageCache } from "../../src/web/page-cache/page-cache-invalidation.js";
import { createSiteHarness, type SiteHarness } from "./site-harness.js";

export interface CachedSite extends SiteHarness {
  cache: PageCache;
  /** The app with the page cache in front. */
  cached: Hono;
  /** The same site rendering every request: what a fresh page looks like. */
  fresh(path: string): Promise<string>;
}

/**
 * A site harness whose app keeps pages in a real page cache (budget in bytes), subscribed to
 * the harness's change feed as at boot: `publish` returns once the cache has been invalidated.
 */
export async function createCachedSite(dialect: DialectName, maxBytes = 8e6): Promise<CachedSite> {
  const site = await createSiteHarness(dialect);
  const cache = new PageCache({ maxBytes, now: () => site.clock.now().getTime() });
  const categories = new CategoryMemo();
  subscribePageCache(site.deps.changes, cache, categories);
  const cached = createApp({ ...site.deps, pageCache: cache, categories });
  return {
    ...site,
    cache,
    cached,
    fresh: async (path) => (await site.request(path)).text(),
  };
}
