import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../test/support/test-database.js";
import { searchArticles } from "./search-queries.js";

describe.each(TEST_DIALECTS)("search among many drafts on %s", (dialect) => {
  let site: SiteHarness | undefined;
  afterEach(async () => {
    await site?.destroy();
  });

  it("finds every published match when drafts outrank them all", async () => {
    site = await createSiteHarness(dialect);
    const db = site.database.db;
    const author = await db
      .insertInto("author")
      .values({ slug: "desk", name: "Desk", kind: "desk", bio: "" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const category = await db.selectFrom("category").select("id").executeTakeFirstOrThrow();
    // 1,300 drafts with the word in their headline (ranked first), 40 published articles
    // with it in the body: more drafts than the candidates PostgreSQL checks at first.
    await sql`
      with recursive n(i) as (select 1 union all select i + 1 from n where i < 1340)
      insert into article (slug, headline, plain_text, status, published_at, category_id,
        author_id, updated_at, created_at, time_zone)
      select 'a-' || i,
        case when i <= 1300 then 'Summit draft ' || i else 'Harbour news ' || i end,
        'Talks at the summit went on.',
        case when i <= 1300 then 'draft' else 'published' end,
        '2025-08-01T00:00:00.000Z', ${category.id}, ${author.id},
        '2025-08-01T00:00:00.000Z', '2025-08-01T00:00:00.000Z', 'UTC'
      from n`.execute(db);
    await sql`insert into article_fts (rowid, headline, body, cjk)
      select id, headline, plain_text, '' from article`.execute(db);
    if (dialect === "postgres") await sql`analyze`.execute(db);
    const result = await searchArticles(site.database, "summit", "2025-09-01T00:00:00Z", {
      limit: 50,
      offset: 0,
    });
    expect(result.total).toBe(40);
    expect(result.hits.every((h) => h.article.slug.startsWith("a-13"))).toBe(true);
    // The same with the tiers a very common word gets.
    const tiered = await searchArticles(
      site.database,
      "summit",
      "2025-09-01T00:00:00Z",
      { limit: 50, offset: 0 },
      {},
      { fullRankLimit: 1 },
    );
    expect(tiered.total).toBe(40);
  });
});
