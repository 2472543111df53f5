import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CachedSite, createCachedSite } from "../../../test/support/page-cache-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { seedTrends } from "../../../test/support/trend-fixtures.js";
import type { ArticlePlacement, Change, RecordedChange } from "../../changes/change.js";
import { invalidateForChanges } from "./page-cache-invalidation.js";

let sequence = 0;
function recorded(change: Change): RecordedChange {
  sequence += 1;
  return { ...change, id: sequence, at: "2025-08-27T12:00:00.000Z" };
}

describe.each(TEST_DIALECTS)("page cache on a site (%s)", (dialect) => {
  let site: CachedSite;
  let ids: { a: number; b: number };
  let slugs: { politics: string; society: string; desk: string };
  let topics: { flood: number; idol: number };
  let placementA: ArticlePlacement;

  const get = async (path: string, headers: Record<string, string> = {}) =>
    site.cached.request(path, { headers });

  beforeEach(async () => {
    site = await createCachedSite(dialect);
    const [a = 0, b = 0] = await site.publish(
      { slug: "a", headline: "Alpha story", category: "News & Politics", tags: ["Alpha"] },
      { slug: "b", headline: "Beta story", category: "Society", tags: ["Beta"] },
    );
    ids = { a, b };
    const db = site.database.db;
    const row = await db
      .selectFrom("article")
      .innerJoin("category", "category.id", "article.category_id")
      .innerJoin("author", "author.id", "article.author_id")
      .select([
        "category.id as categoryId",
        "category.slug",
        "author.id as authorId",
        "author.slug as desk",
      ])
      .where("article.id", "=", a)
      .executeTakeFirstOrThrow();
    const society = await db
      .selectFrom("category")
      .select("slug")
      .where("name", "=", "Society")
      .executeTakeFirstOrThrow();
    slugs = { politics: row.slug, society: society.slug, desk: row.desk };
    const alpha = await db
      .selectFrom("tag")
      .select("id")
      .where("slug", "=", "alpha")
      .executeTakeFirstOrThrow();
    placementA = {
      slug: "a",
      categoryId: row.categoryId,
      authorId: row.authorId,
      tagIds: [alpha.id],
      month: "2025-08",
      visible: true,
    };
    topics = await seedTrends(db);
  });

  afterEach(async () => {
    await site.destroy();
  });

  /** Every kind of cacheable page, the ones showing article a and the ones that do not. */
  const pages = () => [
    "/",
    "/news/a",
    "/news/b",
    `/category/${slugs.politics}`,
    `/category/${slugs.society}`,
    "/tag/alpha",
    "/tag/beta",
    `/byline/${slugs.desk}`,
    "/archive",
    "/archive/2025/08",
    "/feed.xml",
    "/atom.xml",
    `/category/${slugs.politics}/feed.xml`,
    `/category/${slugs.society}/feed.xml`,
    "/sitemap.xml",
    "/sitemaps/pages.xml",
    "/sitemaps/articles-2025-08.xml",
    "/news-sitemap.xml",
    "/robots.txt",
    "/trends",
    `/trends/topic/${topics.flood}`,
    `/trends/topic/${topics.idol}`,
    "/search",
  ];

  /** Fills the cache, applies the write and its change, and returns the pages dropped. */
  async function droppedBy(write: () => Promise<void>, change: Change): Promise<string[]> {
    for (const path of pages()) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(site.cache.has(path), path).toBe(true);
    }
    await write();
    invalidateForChanges(site.cache, [recorded(change)]);
    const dropped = pages().filter((p) => !site.cache.has(p));
    // Whatever is still cached is exactly what a fresh render shows: nothing stale is kept.
    for (const path of pages().filter((p) => site.cache.has(p))) {
      expect(await (await get(path)).text(), path).toBe(await site.fresh(path));
    }
    return dropped.sort();
  }

  const listsOfA = () => [
    "/",
    "/archive",
    "/archive/2025/08",
    "/atom.xml",
    `/byline/${slugs.desk}`,
    `/category/${slugs.politics}`,
    `/category/${slugs.politics}/feed.xml`,
    "/feed.xml",
    "/news-sitemap.xml",
    "/sitemap.xml",
    "/sitemaps/articles-2025-08.xml",
    "/sitemaps/pages.xml",
    "/tag/alpha",
    "/trends",
    `/trends/topic/${topics.flood}`,
    `/trends/topic/${topics.idol}`,
  ];

  it("an article edit drops the article's page and every list showing it, nothing else", async () => {
    const dropped = await droppedBy(
      async () => {
        await site.database.db
          .updateTable("article")
          .set({ headline: "Alpha story, corrected", updated_at: "2025-08-27T11:00:00.000Z" })
          .where("id", "=", ids.a)
          .execute();
      },
      { kind: "article", articleId: ids.a, before: placementA, after: placementA },
    );
    expect(dropped).toEqual([...listsOfA(), "/news/a"].sort());
    expect((await (await get("/news/a")).text()).includes("Alpha story, corrected")).toBe(true);
  });

  it("a new article drops the lists it joins and the pages whose fallback related box shows it", async () => {
    let c = 0;
    const dropped = await droppedBy(
      async () => {
        [c = 0] = await site.publish({
          slug: "c",
          headline: "Gamma story",
          category: "News & Politics",
          tags: ["Alpha"],
        });
      },
      { kind: "article", articleId: 0, before: null, after: { ...placementA, slug: "c" } },
    );
    expect(c).toBeGreaterThan(0);
    // Article a has no stored related list: its box shows its category's nearest stories.
    expect(dropped).toEqual([...listsOfA(), "/news/a"].sort());
  });

  it("a draft's change drops nothing", async () => {
    const hidden = { ...placementA, slug: "draft", visible: false };
    const dropped = await droppedBy(async () => {}, {
      kind: "article",
      articleId: 999,
      before: hidden,
      after: hidden,
    });
    expect(dropped).toEqual([]);
  });

  it("a related change drops only the pages of the articles whose lists were replaced", async () => {
    const dropped = await droppedBy(
      async () => {
        await site.database.db
          .insertInto("article_related")
          .values({ article_id: ids.b, related_id: ids.a, rank: 1, score: 1, fill: 0 })
          .execute();
      },
      { kind: "related", articleIds: [ids.b] },
    );
    expect(dropped).toEqual(["/news/b"]);
    expect(await (await get("/news/b")).text()).toContain("Alpha story");
  });

  it("a trends change drops the hot-search pages and the changed topics' pages", async () => {
    const dropped = await droppedBy(async () => {}, { kind: "trends", topicIds: [topics.flood] });
    expect(dropped).toEqual(["/", "/trends", `/trends/topic/${topics.flood}`].sort());
  });

  it("a settings change drops every page", async () => {
    const dropped = await droppedBy(async () => {}, { kind: "settings", keys: ["categories"] });
    expect(dropped).toEqual(pages().sort());
  });

  it("answers a revalidation with 304 without rendering again", async () => {
    const first = await get("/news/a");
    const etag = first.headers.get("etag") ?? "";
    const modified = first.headers.get("last-modified") ?? "";
    expect(etag).toMatch(/^".+"$/);
    expect(modified).not.toBe("");
    expect(first.headers.get("cache-control")).toMatch(/s-maxage=\d+/);
    expect(first.headers.get("cache-control")).toContain("stale-while-revalidate");
    expect(first.headers.get("content-security-policy")).toContain("script-src 'self'");
    const renders = site.cache.stats().misses;
    const byTag = await get("/news/a", { "If-None-Match": etag });
    expect(byTag.status).toBe(304);
    expect(byTag.headers.get("etag")).toBe(etag);
    expect(await byTag.text()).toBe("");
    const byDate = await get("/news/a", { "If-Modified-Since": modified });
    expect(byDate.status).toBe(304);
    expect(site.cache.stats().misses).toBe(renders);
    expect(site.cache.stats().hits).toBe(2);
    const changed = await get("/news/a", { "If-None-Match": '"something-else"' });
    expect(changed.status).toBe(200);
  });

  it("serves gzip and brotli variants that decode to the plain page", async () => {
    for (const path of ["/news/a", "/", "/feed.xml", "/sitemap.xml"]) {
      const plain = await get(path, { "Accept-Encoding": "identity" });
      const bytes = Buffer.from(await plain.arrayBuffer());
      expect(plain.headers.get("content-encoding")).toBeNull();
      expect(plain.headers.get("vary")).toBe("Accept-Encoding");
      const gz = await get(path, { "Accept-Encoding": "gzip" });
      expect(gz.headers.get("content-encoding")).toBe("gzip");
      expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(bytes)).toBe(true);
      const br = await get(path, { "Accept-Encoding": "gzip, deflate, br" });
      expect(br.headers.get("content-encoding")).toBe("br");
      const brBytes = Buffer.from(await br.arrayBuffer());
      expect(Number(br.headers.get("content-length"))).toBe(brBytes.length);
      expect(brotliDecompressSync(brBytes).equals(bytes)).toBe(true);
      expect(br.headers.get("etag")).not.toBe(plain.headers.get("etag"));
      expect(bytes.toString()).toBe(await site.fresh(path));
    }
    expect(site.cache.stats().misses).toBe(4);
  });

  it("shows its counters on /trends/status, which it never stores", async () => {
    await get("/news/a");
    await get("/news/a");
    const html = await (await get("/trends/status")).text();
    expect(html).toContain("Page cache of this process");
    expect(html).toMatch(/Pages stored<\/th><td>1<\/td>/);
    // The status request itself was looked up too: one hit, two misses.
    expect(html).toMatch(/Hits<\/th><td>1<\/td>/);
    expect(html).toMatch(/Hit rate<\/th><td>33\.3 %<\/td>/);
    expect(site.cache.has("/trends/status")).toBe(false);
  });

  it("keeps personal and query pages out of the cache", async () => {
    await get("/search?q=alpha");
    await get("/news/a?utm=x");
    await get("/news/nope");
    await get("/admin/login");
    expect(site.cache.stats().entries).toBe(0);
  });

  it("never serves a stale page to a request made after the publish returned", async () => {
    let publishedAt = Number.POSITIVE_INFINITY;
    let stale = 0;
    let served = 0;
    const reader = async (path: string) => {
      for (let i = 0; i < 40; i += 1) {
        const started = performance.now();
        const body = await (await get(path, { "Accept-Encoding": "identity" })).text();
        served += 1;
        if (started > publishedAt && !body.includes("Alpha story, corrected")) stale += 1;
      }
    };
    const writer = async () => {
      await new Promise((r) => setTimeout(r, 20));
      await site.database.db
        .updateTable("article")
        .set({ headline: "Alpha story, corrected", updated_at: "2025-08-27T11:00:00.000Z" })
        .where("id", "=", ids.a)
        .execute();
      invalidateForChanges(site.cache, [
        recorded({ kind: "article", articleId: ids.a, before: placementA, after: placementA }),
      ]);
      publishedAt = performance.now();
    };
    const paths = ["/news/a", "/", `/category/${slugs.politics}`, "/feed.xml"];
    await Promise.all([writer(), ...paths.flatMap((p) => [reader(p), reader(p)])]);
    expect(served).toBe(paths.length * 2 * 40);
    expect(publishedAt).toBeLessThan(Number.POSITIVE_INFINITY);
    expect(stale).toBe(0);
  });
});
