import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../test/support/test-database.js";
import { markSnippet, searchArticles, toFtsQuery } from "./search-queries.js";

describe("toFtsQuery", () => {
  it("quotes every term so FTS syntax in the input is plain text", () => {
    expect(toFtsQuery('kim NEAR(trump) -"very good" col:x ^y')).toBe(
      '"kim" AND "NEAR trump" AND "very good" AND "col x" AND "y"',
    );
    expect(toFtsQuery("summ*")).toBe('"summ"*');
    expect(toFtsQuery('"unbalanced')).toBe('"unbalanced"');
    expect(toFtsQuery("*** ((( ")).toBeUndefined();
  });
});

describe("markSnippet", () => {
  it("escapes article text and keeps only our highlight", () => {
    expect(markSnippet("a <b> \u0002kim\u0003")).toBe("a &#60;b&#62; <mark>kim</mark>");
  });
});

describe.each(TEST_DIALECTS)("search on %s", (dialect) => {
  let site: SiteHarness;
  beforeEach(async () => {
    site = await createSiteHarness(dialect);
    await site.publish(
      {
        slug: "summit",
        headline: "Leaders plan a summit in Gyeongju",
        lead: "The APEC summit in Gyeongju will take place in October.",
      },
      {
        slug: "rebar",
        headline: "Thin rebar scandal in Hunan",
        lead: "Builders used slimmed-down rebar; the summit of public anger came fast.",
      },
      { slug: "hidden", headline: "Draft summit notes", status: "draft" },
      {
        slug: "weibo-quote",
        headline: "What Weibo users said about the summit",
        category: "Society",
        tags: ["Diplomacy"],
        hashtag: "#特朗普称与金正恩关系非常好#",
        lead: "One post read: 两国领导人的关系非常好。",
        published_at: "2025-08-20T10:00:00+08:00",
      },
    );
  });
  afterEach(async () => {
    await site.destroy();
  });

  it("ranks headline matches first and highlights words", async () => {
    const result = await searchArticles(site.database, "summit", site.clock.now().toISOString(), {
      limit: 10,
      offset: 0,
    });
    expect(result.hits.map((h) => h.article.slug)).toEqual(["summit", "weibo-quote", "rebar"]);
    expect(result.hits[0]?.snippet).toContain("<mark>");
  });

  it("matches phrases and never shows drafts", async () => {
    const result = await searchArticles(
      site.database,
      '"public anger"',
      site.clock.now().toISOString(),
      {
        limit: 10,
        offset: 0,
      },
    );
    expect(result.hits.map((h) => h.article.slug)).toEqual(["rebar"]);
  });

  it("finds Chinese words inside longer runs, in text and hashtag", async () => {
    const at = site.clock.now().toISOString();
    const page = { limit: 10, offset: 0 };
    expect(
      (await searchArticles(site.database, "金正恩", at, page)).hits.map((h) => h.article.slug),
    ).toEqual(["weibo-quote"]);
    expect((await searchArticles(site.database, "领导人", at, page)).total).toBe(1);
  });

  it("matches prefixes and applies category, tag and date filters", async () => {
    const at = site.clock.now().toISOString();
    const page = { limit: 10, offset: 0 };
    const prefixed = await searchArticles(site.database, "Gyeong*", at, page);
    expect(prefixed.hits.map((h) => h.article.slug)).toEqual(["summit"]);
    expect(prefixed.hits[0]?.snippet).toBe(
      "The APEC summit in <mark>Gyeongju</mark> will take place in October. What happened Body text.",
    );
    const society = await site.database.db
      .selectFrom("category")
      .select("id")
      .where("slug", "=", "society")
      .executeTakeFirstOrThrow();
    const inSociety = await searchArticles(site.database, "summit", at, page, {
      categoryId: society.id,
    });
    expect(inSociety.hits.map((h) => h.article.slug)).toEqual(["weibo-quote"]);
    const tag = await site.database.db.selectFrom("tag").select("id").executeTakeFirstOrThrow();
    expect((await searchArticles(site.database, "summit", at, page, { tagId: tag.id })).total).toBe(
      1,
    );
    const recent = await searchArticles(site.database, "summit", at, page, {
      from: "2025-08-25T00:00:00Z",
    });
    expect(recent.hits.map((h) => h.article.slug).sort()).toEqual(["rebar", "summit"]);
  });

  it("ranks headline matches first, then the newest, when a word is everywhere", async () => {
    await site.publish(
      {
        slug: "old-body",
        headline: "Harbour news",
        lead: "Ferry summit talk.",
        published_at: "2025-08-01T10:00:00+08:00",
      },
      {
        slug: "new-body",
        headline: "Market news",
        lead: "More summit talk.",
        published_at: "2025-08-24T10:00:00+08:00",
      },
    );
    const at = site.clock.now().toISOString();
    const page = { limit: 10, offset: 0 };
    // A limit of 1 forces the tiered ranking a very common word gets on a large site.
    const tiered = await searchArticles(
      site.database,
      "summit",
      at,
      page,
      {},
      { fullRankLimit: 1 },
    );
    const slugs = tiered.hits.map((h) => h.article.slug);
    expect(slugs.slice(0, 2).sort()).toEqual(["summit", "weibo-quote"]);
    expect(slugs.slice(2).sort()).toEqual(["new-body", "old-body", "rebar"]);
    // SQLite's tiers: after headline matches, the newest first. PostgreSQL always ranks by
    // the headline and opening words, so its order of the rest follows those.
    if (dialect === "sqlite") expect(slugs.slice(2)).toEqual(["rebar", "new-body", "old-body"]);
  });

  it("answers hostile and huge queries with a page, never a 500", async () => {
    for (const q of [
      '"',
      "NEAR(",
      "a:b",
      "***",
      "' OR 1=1 --",
      "<script>alert(1)</script>",
      "x".repeat(10_000),
      "热搜",
      "a*",
      "s* t* a* e* i*",
      "the",
    ]) {
      const res = await site.request(`/search?q=${encodeURIComponent(q)}`);
      expect(res.status, q.slice(0, 20)).toBe(200);
      expect(await res.text()).not.toContain("<script>alert(1)</script>");
    }
    expect((await site.request("/search")).status).toBe(200);
    expect((await site.request("/search?q=summit&page=-5")).status).toBe(200);
  });
});
