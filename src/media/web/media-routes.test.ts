import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { seedTrends } from "../../../test/support/trend-fixtures.js";

const metaContent = (html: string, attr: string, name: string) =>
  new RegExp(`<meta ${attr}="${name}" content="([^"]*)"`).exec(html)?.[1];

function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([^<]*)<\/script>/g)].map(
    (m) => JSON.parse(m[1] ?? "{}") as Record<string, unknown>,
  );
}

async function pngSize(response: Response) {
  const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
  return [meta.format, meta.width, meta.height];
}

describe.each(TEST_DIALECTS)("share cards and logo on %s", (dialect) => {
  let site: SiteHarness;
  let flood: number;
  let articleId: number;

  beforeAll(async () => {
    site = await createSiteHarness(dialect);
    ({ flood } = await seedTrends(site.database.db));
    [articleId = 0] = await site.publish({
      slug: "beijing-rain",
      headline: "Heavy rain floods Beijing's suburbs",
      hashtag: "#北京暴雨#",
      hashtag_en: "Beijing rainstorm",
    });
  });
  afterAll(() => site.destroy());

  it("gives an article without a picture its card as og:image, twitter:image and JSON-LD image", async () => {
    const html = await (await site.request("/news/beijing-rain")).text();
    const og = metaContent(html, "property", "og:image") ?? "";
    expect(og).toMatch(
      new RegExp(`^https://resou\\.example/cards/article/${articleId}-[0-9a-f]{12}\\.png$`),
    );
    expect(metaContent(html, "name", "twitter:image")).toBe(og);
    expect(metaContent(html, "name", "twitter:card")).toBe("summary_large_image");
    expect(metaContent(html, "property", "og:image:width")).toBe("1200");
    expect(metaContent(html, "property", "og:image:height")).toBe("630");
    const article = jsonLd(html).find((d) => d["@type"] === "NewsArticle") ?? {};
    expect(article.image).toEqual([{ "@type": "ImageObject", url: og, width: 1200, height: 630 }]);
    expect(article.publisher).toMatchObject({
      logo: { url: "https://resou.example/logo-600x60.png", width: 600, height: 60 },
    });
    // The card is not drawn on the article page itself: it repeats the headline.
    expect(html).not.toContain("<picture>");

    const card = await site.request(new URL(og).pathname);
    expect(card.status).toBe(200);
    expect(card.headers.get("content-type")).toBe("image/png");
    expect(card.headers.get("cache-control")).toContain("immutable");
    expect(await pngSize(card)).toEqual(["png", 1200, 630]);
  });

  it("moves the card to a new URL when the article changes, and the old one redirects", async () => {
    const before = metaContent(
      await (await site.request("/news/beijing-rain")).text(),
      "property",
      "og:image",
    );
    await site.database.db
      .updateTable("article")
      .set({ headline: "Heavy rain floods Beijing's suburbs; thousands moved" })
      .where("id", "=", articleId)
      .execute();
    const after = metaContent(
      await (await site.request("/news/beijing-rain")).text(),
      "property",
      "og:image",
    );
    expect(after).not.toBe(before);
    const old = await site.request(new URL(before ?? "").pathname);
    expect(old.status).toBe(302);
    expect(old.headers.get("location")).toBe(new URL(after ?? "").pathname);
  });

  it("serves no card for an article that is not public", async () => {
    const [draft] = await site.publish({
      slug: "draft-story",
      status: "draft",
      hashtag: "#北京暴雨#",
    });
    const response = await site.request(`/cards/article/${draft}-000000000000.png`);
    expect(response.status).toBe(404);
  });

  it("gives a hot-search topic page its card", async () => {
    const html = await (await site.request(`/trends/topic/${flood}`)).text();
    const og = metaContent(html, "property", "og:image") ?? "";
    expect(og).toMatch(new RegExp(`/cards/topic/${flood}-[0-9a-f]{12}\\.png$`));
    const card = await site.request(new URL(og).pathname);
    expect(await pngSize(card)).toEqual(["png", 1200, 630]);
    expect((await site.request(`/cards/topic/999999-000000000000.png`)).status).toBe(404);
  });

  it("serves the logo as SVG and in the PNG sizes Google asks for", async () => {
    expect(await pngSize(await site.request("/logo-600x60.png"))).toEqual(["png", 600, 60]);
    expect(await pngSize(await site.request("/logo-512.png"))).toEqual(["png", 512, 512]);
    for (const path of ["/logo.svg", "/logo-mark.svg"]) {
      const svg = await site.request(path);
      expect(svg.headers.get("content-type")).toBe("image/svg+xml");
      expect(await svg.text()).toMatch(/^<svg[^>]*>.*<path/s);
    }
    const home = await (await site.request("/")).text();
    expect(home).toContain('src="/logo-mark.svg"');
  });
});
