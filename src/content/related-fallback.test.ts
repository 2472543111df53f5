import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../test/support/test-database.js";
import { relatedArticleList } from "./article-queries.js";

// Without a stored related list an article shows its category's stories nearest in time.
// The query reads only the few nearest rows on each side, so it must still find them among
// many candidates (more than the 200 an earlier version fetched before sorting).
describe.each(TEST_DIALECTS)("related fallback on %s", (dialect) => {
  let site: SiteHarness;
  beforeEach(async () => {
    site = await createSiteHarness(dialect);
  });
  afterEach(async () => {
    await site.destroy();
  });

  it("picks the nearest stories of the category on both sides, ties to the newer id", async () => {
    const at = (hours: number) => new Date(Date.UTC(2025, 7, 1) + hours * 3_600_000).toISOString();
    // 230 stories in the hours before the main one, three after it, one in another category.
    const before = Array.from({ length: 230 }, (_, k) => ({
      slug: `before-${k}`,
      published_at: at(-(k + 1)),
    }));
    await site.publish(
      ...before,
      { slug: "main", published_at: at(0) },
      { slug: "same-time", published_at: at(0) },
      { slug: "after-2", published_at: at(2) },
      { slug: "after-1", published_at: at(1) },
      { slug: "after-far", published_at: at(24 * 61) },
      { slug: "other", category: "Sports", published_at: at(0.5) },
    );
    const main = await site.database.db
      .selectFrom("article")
      .select(["id", "category_id"])
      .where("slug", "=", "main")
      .executeTakeFirstOrThrow();
    const list = await relatedArticleList(
      site.database.db,
      { id: main.id, publishedAt: at(0), categoryId: main.category_id },
      "2025-12-31T00:00:00.000Z",
      5,
    );
    expect(list.stored).toBe(false);
    // 1 h before and 1 h after tie: the higher id (published later in this batch) first.
    expect(list.articles.map((a) => a.slug)).toEqual([
      "same-time",
      "after-1",
      "before-0",
      "after-2",
      "before-1",
    ]);
  });
});
