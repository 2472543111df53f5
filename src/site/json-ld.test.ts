import { JSDOM } from "jsdom";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../test/support/test-database.js";

const OFFSET_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

type JsonLd = Record<string, unknown>;

/** Every `application/ld+json` block on the page, each parsed as JSON. */
function jsonLdBlocks(html: string): JsonLd[] {
  const doc = new JSDOM(html).window.document;
  return [...doc.querySelectorAll('script[type="application/ld+json"]')].map(
    (script) => JSON.parse(script.textContent ?? "") as JsonLd,
  );
}

describe.each(TEST_DIALECTS)("article JSON-LD on %s", (dialect) => {
  let site: SiteHarness;
  beforeEach(async () => {
    site = await createSiteHarness(dialect, "2025-08-28T12:00:00Z");
  });
  afterEach(async () => {
    await site.destroy();
  });

  it("describes the article as a schema.org NewsArticle with zoned dates", async () => {
    await site.publish({
      slug: "leaders-meet",
      headline: "Leaders meet at the border",
      dek: "What the meeting means.",
      byline: "Li Wei",
      category: "News & Politics",
      tags: ["Diplomacy"],
      image_url: "https://images.example/leaders.jpg",
      published_at: "2025-08-26T09:30:00+08:00",
      updated_at: "2025-08-27T18:00:00+08:00",
    });
    const res = await site.request("/news/leaders-meet");
    expect(res.status).toBe(200);
    const blocks = jsonLdBlocks(await res.text());
    const article = blocks.find((b) => b["@type"] === "NewsArticle");
    expect(article).toBeDefined();
    if (!article) return;
    expect(article["@context"]).toBe("https://schema.org");
    expect(article.headline).toBe("Leaders meet at the border");
    expect(article.datePublished).toBe("2025-08-26T09:30:00+08:00");
    expect(article.dateModified).toBe("2025-08-27T18:00:00+08:00");
    expect(article.datePublished).toMatch(OFFSET_DATE);
    expect(article.dateModified).toMatch(OFFSET_DATE);
    expect(article.articleSection).toBe("News & Politics");
    expect(article.url).toBe("https://resou.example/news/leaders-meet");
    expect(article.image).toEqual(["https://images.example/leaders.jpg"]);

    const authors = article.author as JsonLd[];
    expect(authors[0]).toMatchObject({
      "@type": "Person",
      name: "Li Wei",
      url: "https://resou.example/byline/li-wei",
    });
    const publisher = article.publisher as JsonLd;
    expect(publisher.name).toBe("Resou");
    expect(publisher.url).toBe("https://resou.example");
    expect(["Organization", "NewsMediaOrganization"]).toContain(publisher["@type"]);
    expect((publisher.logo as JsonLd).url).toMatch(/^https:\/\/resou\.example\//);

    const breadcrumb = blocks.find((b) => b["@type"] === "BreadcrumbList");
    expect(((breadcrumb?.itemListElement ?? []) as JsonLd[]).map((i) => i.name)).toEqual([
      "Home",
      "News & Politics",
      "Leaders meet at the border",
    ]);
  });

  it("keeps a hostile headline inside the script element and intact as data", async () => {
    const headline = `Breaking </script><script>alert(1)</script> "quoted" & more`;
    await site.publish({ slug: "hostile-ld", headline, byline: "Trending on Weibo" });
    const html = await (await site.request("/news/hostile-ld")).text();
    expect(html).not.toContain("<script>alert(1)");
    const article = jsonLdBlocks(html).find((b) => b["@type"] === "NewsArticle");
    expect(article?.headline).toBe(headline);
    // A desk byline is an organisation, still with a URL for its page.
    expect(((article?.author ?? []) as JsonLd[])[0]).toMatchObject({
      "@type": "Organization",
      url: "https://resou.example/byline/trending-on-weibo",
    });
  });
});
