import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../test/support/test-database.js";
import { markSnippet, searchArticles, toFtsQuery } from "./search-queries.js";

describe("toFtsQuery", () => {
  it("quotes every term so FTS syntax in the input is plain text", () => {
    expect(toFtsQuery('kim NEAR(trump) -"very good" col:x ^y')).toBe(
      '"kim" "NEAR trump" "very good" "col x" "y"',
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
    expect(result.hits.map((h) => h.article.slug)).toEqual(["summit", "rebar"]);
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
    ]) {
      const res = await site.request(`/search?q=${encodeURIComponent(q)}`);
      expect(res.status, q.slice(0, 20)).toBe(200);
      expect(await res.text()).not.toContain("<script>alert(1)</script>");
    }
    expect((await site.request("/search")).status).toBe(200);
    expect((await site.request("/search?q=summit&page=-5")).status).toBe(200);
  });
});
