import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CachedSite, createCachedSite } from "../../../test/support/page-cache-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { createApp } from "../../app/create-app.js";
import { startChangeFeed } from "../../changes/database-change-feed.js";
import { silentLogger } from "../../core/log.js";
import { openDatabase } from "../../db/database.js";
import { CategoryMemo } from "../category-memo.js";
import { PageCache } from "./page-cache.js";
import { subscribePageCache } from "./page-cache-invalidation.js";

describe.each(TEST_DIALECTS)("page cache fed by the change table (%s)", (dialect) => {
  let site: CachedSite;
  let category: string;

  beforeEach(async () => {
    site = await createCachedSite(dialect);
    await site.publish(
      { slug: "a", headline: "Alpha story", category: "News & Politics" },
      { slug: "b", headline: "Beta story", category: "Society" },
    );
    const row = await site.database.db
      .selectFrom("category")
      .select("slug")
      .where("name", "=", "Society")
      .executeTakeFirstOrThrow();
    category = row.slug;
  });

  afterEach(async () => {
    await site.destroy();
  });

  it("a publish through the store has invalidated the pages showing it when it returns", async () => {
    const paths = ["/", "/news/a", "/news/b", `/category/${category}`, "/feed.xml"];
    for (const path of paths) await site.cached.request(path);
    expect(paths.every((p) => site.cache.has(p))).toBe(true);
    await site.publish({
      slug: "a",
      headline: "Alpha story, corrected",
      category: "News & Politics",
    });
    expect(paths.filter((p) => !site.cache.has(p))).toEqual(["/", "/news/a", "/feed.xml"]);
    for (const path of paths) {
      expect(await (await site.cached.request(path)).text()).toBe(await site.fresh(path));
    }
    expect(await (await site.cached.request("/news/a")).text()).toContain("Alpha story, corrected");
  });

  it.runIf(dialect === "postgres")(
    "a second server process serves the fresh page as soon as the publish returns",
    async () => {
      // The other process: its own connections, its own feed (LISTEN) and page cache.
      const other = await openDatabase({ url: site.database.url, schema: site.database.schema });
      const feed = await startChangeFeed({ database: other, log: silentLogger, role: "web" });
      try {
        const cache = new PageCache({ maxBytes: 8e6, now: () => site.clock.now().getTime() });
        const categories = new CategoryMemo();
        subscribePageCache(feed, cache, categories);
        const app = createApp({
          ...site.deps,
          database: other,
          changes: feed,
          pageCache: cache,
          categories,
        });
        expect(await (await app.request("/news/a")).text()).toContain("Alpha story");
        expect(cache.has("/news/a")).toBe(true);
        await site.publish({
          slug: "a",
          headline: "Alpha story, corrected",
          category: "News & Politics",
        });
        expect(cache.has("/news/a")).toBe(false);
        expect(await (await app.request("/news/a")).text()).toContain("Alpha story, corrected");
      } finally {
        await feed.stop();
        await other.destroy();
      }
    },
  );
});
