import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { publishDue } from "../../newsroom/commands/publish-commands.js";
import { newsroomDeps } from "../../newsroom/newsroom-deps.js";
import {
  HIDDEN_SLUGS,
  HOSTILE_HEADLINE,
  NOW,
  node,
  nodes,
  parseXml,
  publishFixtures,
  RFC3339,
  RFC3339_OFFSET,
  SITE_URL,
  text,
} from "../feeds/feed-fixtures.js";
import {
  MAX_NEWS_URLS,
  NEWS_NS,
  type NewsSitemapEntry,
  renderNewsSitemap,
} from "./news-sitemap.js";
import { parseArticleSitemapName } from "./sitemap-index.js";
import { SITEMAP_NS } from "./sitemap-xml.js";

const XML = "application/xml; charset=utf-8";

async function getXml(site: SiteHarness, path: string) {
  const res = await site.request(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-type"), path).toBe(XML);
  const body = await res.text();
  return { body, doc: parseXml(body) };
}

function locs(urlset: ReturnType<typeof node>): string[] {
  return nodes(urlset.url).map((u) => text(u.loc));
}

describe.each(TEST_DIALECTS)("sitemaps and robots.txt on %s", (dialect) => {
  let site: SiteHarness;
  beforeEach(async () => {
    site = await createSiteHarness(dialect, NOW);
    await publishFixtures(site);
  });
  afterEach(async () => {
    await site.destroy();
  });

  it("serves robots.txt allowing the site, keeping crawlers off search and admin", async () => {
    const res = await site.request("/robots.txt");
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const lines = (await res.text()).split("\n");
    expect(lines).toContain("User-agent: *");
    expect(lines).toContain("Allow: /");
    for (const path of ["/search", "/admin", "/api"]) expect(lines).toContain(`Disallow: ${path}`);
    expect(lines).toContain(`Sitemap: ${SITE_URL}/sitemap.xml`);
    expect(lines).toContain(`Sitemap: ${SITE_URL}/news-sitemap.xml`);
    expect(lines.filter((l) => l.startsWith("Disallow:"))).not.toContain("Disallow: /");
  });

  it("serves a sitemap index of the pages file and one file per month in the site's zone", async () => {
    const { doc } = await getXml(site, "/sitemap.xml");
    const index = node(doc.sitemapindex);
    expect(index["@_xmlns"]).toBe(SITEMAP_NS);
    const children = nodes(index.sitemap);
    expect(children.map((c) => text(c.loc))).toEqual([
      `${SITE_URL}/sitemaps/pages.xml`,
      `${SITE_URL}/sitemaps/articles-2025-08.xml`,
      `${SITE_URL}/sitemaps/articles-2025-07.xml`,
    ]);
    for (const child of children) expect(text(child.lastmod)).toMatch(RFC3339);
    // Every listed child exists and is a valid urlset.
    for (const child of children) {
      const path = text(child.loc).slice(SITE_URL.length);
      const { doc: file } = await getXml(site, path);
      expect(node(file.urlset)["@_xmlns"]).toBe(SITEMAP_NS);
    }
  });

  it("lists home, categories, tags and bylines with lastmod in pages.xml", async () => {
    const { doc } = await getXml(site, "/sitemaps/pages.xml");
    const urlset = node(doc.urlset);
    const urls = nodes(urlset.url);
    const all = locs(urlset);
    expect(all[0]).toBe(`${SITE_URL}/`);
    for (const path of [
      "/category/news-politics",
      "/category/society",
      "/category/business-tech",
      "/category/entertainment",
      "/category/sports",
      "/tag/diplomacy",
      "/tag/north-korea",
      "/tag/weather",
      "/byline/trending-on-weibo",
      "/byline/li-wei",
    ]) {
      expect(all).toContain(`${SITE_URL}${path}`);
    }
    // Only hidden articles use these: listing them would leak unpublished work.
    expect(all).not.toContain(`${SITE_URL}/tag/secret-tag`);
    expect(all).not.toContain(`${SITE_URL}/byline/hidden-author`);
    const lastmod = (path: string) =>
      urls.find((u) => text(u.loc) === `${SITE_URL}${path}`)?.lastmod;
    expect(text(lastmod("/"))).toBe("2025-08-28T08:00:00+08:00");
    expect(text(lastmod("/category/news-politics"))).toBe("2025-08-26T09:30:00+08:00");
    expect(text(lastmod("/byline/li-wei"))).toBe("2025-08-28T08:00:00+08:00");
    // An empty category is a real page, listed without a guessed date.
    expect(lastmod("/category/entertainment")).toBeUndefined();
  });

  it("cuts monthly article files in the site's zone and lists only public articles", async () => {
    const august = locs(node((await getXml(site, "/sitemaps/articles-2025-08.xml")).doc.urlset));
    expect(august.sort()).toEqual(
      ["august-first", "leaders-meet", "rain-beijing"].map((s) => `${SITE_URL}/news/${s}`),
    );
    const julyFile = await getXml(site, "/sitemaps/articles-2025-07.xml");
    const july = node(julyFile.doc.urlset);
    expect(locs(july)).toEqual([`${SITE_URL}/news/july-story`]);
    expect(text(nodes(july.url)[0]?.lastmod)).toBe("2025-07-15T10:00:00+08:00");

    for (const path of [
      "/sitemaps/articles-2025-09.xml",
      "/sitemaps/articles-2025-13.xml",
      "/sitemaps/articles-2025-08-1.xml",
      "/sitemaps/articles-2025-08-2.xml",
      "/sitemaps/other.xml",
    ]) {
      expect((await site.request(path)).status, path).toBe(404);
    }
  });

  it("serves a Google News sitemap of the last 48 hours only", async () => {
    const { body, doc } = await getXml(site, "/news-sitemap.xml");
    const urlset = node(doc.urlset);
    expect(urlset["@_xmlns"]).toBe(SITEMAP_NS);
    expect(urlset["@_xmlns:news"]).toBe(NEWS_NS);
    const urls = nodes(urlset.url);
    expect(urls.map((u) => text(u.loc))).toEqual([`${SITE_URL}/news/rain-beijing`]);
    const news = nodes(urls[0]?.["news:news"])[0] ?? {};
    const publication = node(news["news:publication"]);
    expect(text(publication["news:name"])).toBe("Resou");
    expect(text(publication["news:language"])).toBe("en");
    expect(text(news["news:publication_date"])).toBe("2025-08-28T08:00:00+08:00");
    expect(text(news["news:publication_date"])).toMatch(RFC3339_OFFSET);
    // The headline's markup arrives as text, never as elements.
    expect(text(news["news:title"])).toBe(HOSTILE_HEADLINE);
    expect(body).not.toContain("<script");

    // Two days later the story has aged out; the file stays valid and empty.
    site.clock.set("2025-08-30T01:00:00Z");
    const later = node((await getXml(site, "/news-sitemap.xml")).doc.urlset);
    expect(later.url).toBeUndefined();
  });

  it("keeps demo content out of the Google News sitemap and marks it in lists and feeds", async () => {
    // Demo articles are loaded into an empty database with real-looking dates.
    await site.database.db
      .updateTable("article")
      .set({ is_demo: 1 })
      .where("slug", "=", "rain-beijing")
      .execute();
    const news = node((await getXml(site, "/news-sitemap.xml")).doc.urlset);
    expect(news.url).toBeUndefined();
    const feed = await (await site.request("/feed.xml")).text();
    expect(feed).toMatch(/<title>Demo: [^<]*<\/title>/);
    const category = await (await site.request("/category/society")).text();
    expect(category).toContain('<span class="demo-mark">Demo article</span>');
  });

  it("never lists scheduled, future, unpublished or draft articles", async () => {
    for (const path of [
      "/sitemap.xml",
      "/sitemaps/pages.xml",
      "/sitemaps/articles-2025-08.xml",
      "/news-sitemap.xml",
    ]) {
      const { body } = await getXml(site, path);
      for (const slug of HIDDEN_SLUGS) expect(body, `${path} ${slug}`).not.toContain(slug);
    }
    // A published story with a future time is scheduled; the due sweep publishes it (with a
    // recorded change) once its time comes, and not before.
    site.clock.set("2025-09-02T03:00:00Z");
    await publishDue(newsroomDeps(site.deps));
    const { body } = await getXml(site, "/news-sitemap.xml");
    expect(body).toContain("future-story");
    expect(body).not.toContain("scheduled-story");
    const index = await getXml(site, "/sitemap.xml");
    expect(index.body).toContain("articles-2025-09.xml");
  });

  it("answers conditional requests with 304", async () => {
    for (const path of [
      "/sitemap.xml",
      "/sitemaps/pages.xml",
      "/news-sitemap.xml",
      "/robots.txt",
    ]) {
      const first = await site.request(path);
      const etag = first.headers.get("etag") ?? "";
      expect(first.headers.get("cache-tag"), path).not.toBe("");
      const again = await site.request(path, { headers: { "If-None-Match": etag } });
      expect(again.status, path).toBe(304);
    }
    const first = await site.request("/sitemap.xml");
    const since = first.headers.get("last-modified") ?? "";
    expect(since).not.toBe("");
    const again = await site.request("/sitemap.xml", { headers: { "If-Modified-Since": since } });
    expect(again.status).toBe(304);
  });
});

describe.each(TEST_DIALECTS)("news sitemap size on %s", (dialect) => {
  let site: SiteHarness;
  beforeEach(async () => {
    site = await createSiteHarness(dialect, NOW);
  });
  afterEach(async () => {
    await site.destroy();
  });

  it("holds at most 1,000 articles, the newest", async () => {
    // Bulk rows straight into the table: 1,001 saves through the store would be slow.
    const author = await site.database.db
      .insertInto("author")
      .values({ slug: "bulk-desk", name: "Bulk Desk", kind: "desk", bio: "" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const category = await site.database.db
      .selectFrom("category")
      .select("id")
      .where("slug", "=", "society")
      .executeTakeFirstOrThrow();
    const start = Date.parse("2025-08-27T00:00:00Z");
    const rows = Array.from({ length: MAX_NEWS_URLS + 1 }, (_, i) => {
      const at = new Date(start + i * 60_000).toISOString();
      return {
        slug: `bulk-${i}`,
        kind: "article" as const,
        headline: `Bulk ${i}`,
        dek: "",
        lead: "",
        sections: "[]",
        category_id: category.id,
        author_id: author.id,
        hashtag: "",
        hashtag_en: "",
        image_url: "",
        image_alt: "",
        status: "published" as const,
        published_at: at,
        updated_at: at,
        created_at: at,
        time_zone: "Asia/Shanghai",
        word_count: 0,
        is_demo: 0,
        plain_text: "",
      };
    });
    for (let i = 0; i < rows.length; i += 250) {
      await site.database.db
        .insertInto("article")
        .values(rows.slice(i, i + 250))
        .execute();
    }
    const urls = nodes(node((await getXml(site, "/news-sitemap.xml")).doc.urlset).url);
    expect(urls).toHaveLength(MAX_NEWS_URLS);
    expect(text(urls[0]?.loc)).toBe(`${SITE_URL}/news/bulk-${MAX_NEWS_URLS}`);
    expect(text(urls.at(-1)?.loc)).toBe(`${SITE_URL}/news/bulk-1`);
  });
});

describe("sitemap helpers", () => {
  it("caps the rendered news sitemap at 1,000 URLs", () => {
    const entries: NewsSitemapEntry[] = Array.from({ length: 1_200 }, (_, i) => ({
      loc: `${SITE_URL}/news/n-${i}`,
      title: `N ${i}`,
      published: "2025-08-28T00:00:00.000Z",
      timeZone: "Asia/Shanghai",
    }));
    const urlset = node(parseXml(renderNewsSitemap(entries, "Resou")).urlset);
    expect(nodes(urlset.url)).toHaveLength(1_000);
  });

  it("accepts only canonical monthly file names", () => {
    expect(parseArticleSitemapName("articles-2025-08.xml")).toEqual({
      year: "2025",
      month: "08",
      part: 1,
    });
    expect(parseArticleSitemapName("articles-2025-08-3.xml")?.part).toBe(3);
    for (const bad of ["articles-2025-08-1.xml", "articles-2025-00.xml", "articles-25-08.xml"]) {
      expect(parseArticleSitemapName(bad), bad).toBeUndefined();
    }
  });
});
