import { JSDOM } from "jsdom";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { ingestCapture } from "../../trends/testing/ingest-capture.js";
import { mWeiboCnCaptures } from "../../trends/testing/weibo-fixtures.js";
import { hotSearchNow } from "../../trends/trend-queries.js";

const dom = (html: string) => new JSDOM(html).window.document;

describe.each(TEST_DIALECTS)("public pages on %s", (dialect) => {
  let site: SiteHarness;
  beforeEach(async () => {
    site = await createSiteHarness(dialect);
  });
  afterEach(async () => {
    await site.destroy();
  });

  it("serves the home page with the newest story on top", async () => {
    await site.publish(
      { slug: "older", headline: "Older story", published_at: "2025-08-25T09:00:00+08:00" },
      {
        slug: "newer",
        headline: "Newer story",
        published_at: "2025-08-26T09:00:00+08:00",
        category: "Sports",
      },
    );
    const res = await site.request("/");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    const doc = dom(html);
    expect(doc.querySelector(".lead-story h2")?.textContent).toBe("Newer story");
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(
      "https://resou.example/",
    );
    expect(doc.querySelector("main#main")).not.toBeNull();
    expect(doc.documentElement.getAttribute("lang")).toBe("en-GB");
  });

  it("shows the top of Weibo's hot-search list and links our coverage", async () => {
    const capture = mWeiboCnCaptures()[0];
    if (!capture) throw new Error("fixture missing");
    await ingestCapture(site.database, capture.body);
    const first = (await hotSearchNow(site.database.db)).rows[0];
    if (!first) throw new Error("no rows");
    await site.publish({ slug: "covered", hashtag: first.word });
    const doc = dom(await (await site.request("/")).text());
    const items = [...doc.querySelectorAll(".trending-list > li")];
    expect(items).toHaveLength(10);
    expect(items[0]?.querySelector("a")?.getAttribute("href")).toBe(
      `/trends/topic/${first.topicId}`,
    );
    expect(items[0]?.textContent).toContain("Our story");
  });

  it("renders an article with dateline, byline, category, sections, share links and hashtag box", async () => {
    await site.publish({
      slug: "hashtag-story",
      headline: "A story about a hashtag",
      byline: "Trending on Weibo",
      hashtag: "#特朗普称与金正恩关系非常好#",
      hashtag_en: "Trump says his relationship with Kim is very good",
      tags: ["Diplomacy"],
      sections: [
        { heading: "A timeline", body: "First." },
        { heading: "What comes next", body: "Second." },
      ],
    });
    const res = await site.request("/news/hashtag-story");
    expect(res.status).toBe(200);
    const doc = dom(await res.text());
    expect(doc.querySelector("h1")?.textContent).toBe("A story about a hashtag");
    expect(doc.querySelector(".dateline")?.textContent).toBe("26 August 2025");
    expect(doc.querySelector(".byline a")?.textContent).toBe("Trending on Weibo");
    expect(doc.querySelector(".kicker a")?.getAttribute("href")).toBe("/category/news-politics");
    const headings = [...doc.querySelectorAll(".article-body h2")].map((h) => h.textContent);
    expect(headings).toEqual(["A timeline", "What comes next"]);
    expect(doc.querySelector(".hashtag-box .zh")?.textContent).toBe("#特朗普称与金正恩关系非常好#");
    const weibo = doc
      .querySelector('.hashtag-box a[href^="https://s.weibo.com/weibo?q="]')
      ?.getAttribute("href");
    expect(weibo).toBe(
      `https://s.weibo.com/weibo?q=${encodeURIComponent("#特朗普称与金正恩关系非常好#")}`,
    );
    const share = [...doc.querySelectorAll(".share a")].map((a) => a.getAttribute("data-network"));
    expect(share).toEqual([
      "x",
      "facebook",
      "linkedin",
      "reddit",
      "whatsapp",
      "telegram",
      "weibo",
      "email",
    ]);
    const x = doc.querySelector('.share a[data-network="x"]')?.getAttribute("href") ?? "";
    expect(new URL(x).searchParams.get("url")).toBe("https://resou.example/news/hashtag-story");
    expect(res.headers.get("etag")).toMatch(/^".+"$/);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
  });

  it("answers 404 for unknown and future articles, 410 for unpublished ones", async () => {
    await site.publish(
      { slug: "later", published_at: "2030-01-01T00:00:00Z" },
      { slug: "withdrawn", status: "unpublished", published_at: "2025-08-20T00:00:00Z" },
    );
    expect((await site.request("/news/nope")).status).toBe(404);
    expect((await site.request("/news/later")).status).toBe(404);
    expect((await site.request("/news/withdrawn")).status).toBe(410);
    expect((await site.request("/no/such/page")).status).toBe(404);
  });

  it("answers a conditional request with 304", async () => {
    await site.publish({ slug: "cached" });
    const first = await site.request("/news/cached");
    const etag = first.headers.get("etag") ?? "";
    const again = await site.request("/news/cached", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
  });

  it("escapes markup in every plain field and strips script from Markdown", async () => {
    await site.publish({
      slug: "hostile",
      headline: "<script>alert(1)</script> headline",
      dek: '"><img src=x onerror=alert(1)>',
      lead: "Text <script>alert(2)</script> and [link](javascript:alert(3))",
      tags: ["<b>tag</b>"],
    });
    const html = await (await site.request("/news/hostile")).text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain('href="javascript:');
    expect(dom(html).querySelector("h1")?.textContent).toBe("<script>alert(1)</script> headline");
  });

  it("paginates lists with stable URLs and 404s past the end", async () => {
    site = await swapHarness(site, { PAGE_SIZE: "2" });
    await site.publish(
      ...[1, 2, 3, 4, 5].map((d) => ({
        slug: `day-${d}`,
        published_at: `2025-08-0${d}T10:00:00+08:00`,
      })),
    );
    const first = dom(await (await site.request("/category/news-politics")).text());
    expect(
      [...first.querySelectorAll(".story-list h3 a")].map((a) => a.getAttribute("href")),
    ).toEqual(["/news/day-5", "/news/day-4"]);
    expect(first.querySelector('a[rel="next"]')?.getAttribute("href")).toBe(
      "/category/news-politics/page/2",
    );
    const third = dom(await (await site.request("/category/news-politics/page/3")).text());
    expect([...third.querySelectorAll(".story-list h3 a")].map((a) => a.textContent)).toHaveLength(
      1,
    );
    expect(third.querySelector('a[rel="prev"]')?.getAttribute("href")).toBe(
      "/category/news-politics/page/2",
    );
    expect((await site.request("/category/news-politics/page/4")).status).toBe(404);
    expect((await site.request("/category/news-politics/page/1")).status).toBe(404);
    expect((await site.request("/category/news-politics/page/x")).status).toBe(404);
  });

  it("lists by tag, byline and month archive", async () => {
    await site.publish(
      {
        slug: "t1",
        tags: ["Diplomacy"],
        byline: "Li Wei",
        published_at: "2025-08-01T01:00:00+08:00",
      },
      { slug: "t2", tags: ["Weather"], published_at: "2025-07-31T23:00:00+08:00" },
    );
    const tag = dom(await (await site.request("/tag/diplomacy")).text());
    expect(
      [...tag.querySelectorAll(".story-list h3 a")].map((a) => a.getAttribute("href")),
    ).toEqual(["/news/t1"]);
    const byline = dom(await (await site.request("/byline/li-wei")).text());
    expect(byline.querySelector("h1")?.textContent).toBe("Li Wei");
    // 1 August 01:00 in Beijing is 31 July in UTC: archives follow the site's zone.
    const august = dom(await (await site.request("/archive/2025/08")).text());
    expect(
      [...august.querySelectorAll(".story-list h3 a")].map((a) => a.getAttribute("href")),
    ).toEqual(["/news/t1"]);
    const index = dom(await (await site.request("/archive")).text());
    expect([...index.querySelectorAll(".story-list a")].map((a) => a.getAttribute("href"))).toEqual(
      ["/archive/2025/08", "/archive/2025/07"],
    );
    expect((await site.request("/tag/unknown")).status).toBe(404);
    expect((await site.request("/archive/2025/13")).status).toBe(404);
  });

  it("falls back to same-category stories nearest in time for related articles", async () => {
    await site.publish(
      { slug: "main", published_at: "2025-08-26T10:00:00+08:00" },
      { slug: "near", headline: "Near", published_at: "2025-08-25T10:00:00+08:00" },
      { slug: "far", headline: "Far", published_at: "2025-07-01T10:00:00+08:00" },
      {
        slug: "other",
        headline: "Other",
        category: "Sports",
        published_at: "2025-08-26T09:00:00+08:00",
      },
    );
    const doc = dom(await (await site.request("/news/main")).text());
    const related = [...doc.querySelectorAll(".related h3 a")].map((a) => a.getAttribute("href"));
    expect(related).toEqual(["/news/near", "/news/far"]);
    expect(doc.querySelector(".related .meta time")?.textContent).toBe("25 Aug 2025");
  });
});

async function swapHarness(old: SiteHarness, env: Record<string, string>): Promise<SiteHarness> {
  const dialect = old.database.dialect;
  await old.destroy();
  return createSiteHarness(dialect, undefined, env);
}
