import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { ensureCategories } from "../../content/categories.js";
import { asReaderHtml, NOW, node, nodes, parseXml, text, texts } from "./feed-fixtures.js";

// Plain text that turns into live markup if a reader's HTML parser ever sees it unescaped,
// and text that is already entity-shaped, which must come back exactly as typed (not as the
// character it names).
const HEADLINE = `<svg onload=alert(1)> "Rain" & 'hail' &lt;b&gt; in Beijing`;
const DEK = `Dek <img src=x onerror=alert(2)> ]]> &amp; <script>alert(3)</script>`;
const BYLINE = `Li <b onmouseover=alert(4)>Wei</b>`;
const TAG = `<iframe src=javascript:alert(5)>`;
const CATEGORY = `Desk <math><mtext><a href=javascript:alert(6)>x</a></mtext></math>`;
const CATEGORY_DESCRIPTION = `About <style>@import'//x'</style><x onclick=alert(7)>`;

/** A field a reader renders as HTML: shown as exactly the plain text, with no element made. */
function expectReaderShowsText(markup: string, plain: string, what: string): void {
  const shown = asReaderHtml(markup);
  expect(shown.elements, what).toEqual([]);
  expect(shown.text, what).toBe(plain);
}

describe.each(TEST_DIALECTS)("feed text fields as a reader sees them on %s", (dialect) => {
  let site: SiteHarness;
  let categorySlug = "";
  beforeEach(async () => {
    site = await createSiteHarness(dialect, NOW);
    await ensureCategories(site.database.db, [CATEGORY]);
    const category = await site.database.db
      .updateTable("category")
      .set({ description: CATEGORY_DESCRIPTION })
      .where("name", "=", CATEGORY)
      .returning("slug")
      .executeTakeFirstOrThrow();
    categorySlug = category.slug;
    await site.publish({
      slug: "hostile-text",
      headline: HEADLINE,
      dek: DEK,
      byline: BYLINE,
      tags: [TAG],
      category: CATEGORY,
      published_at: "2025-08-28T08:00:00+08:00",
    });
  });
  afterEach(async () => {
    await site.destroy();
  });

  it("RSS title, description, category and dc:creator are HTML-escaped before XML-escaping", async () => {
    const channel = node(
      node(parseXml(await (await site.request(`/category/${categorySlug}/feed.xml`)).text()).rss)
        .channel,
    );
    expectReaderShowsText(text(channel.title), `Resou: ${CATEGORY}`, "channel title");
    expectReaderShowsText(text(channel.description), CATEGORY_DESCRIPTION, "channel description");
    const [item] = nodes(channel.item);
    expectReaderShowsText(text(item?.title), HEADLINE, "title");
    expectReaderShowsText(text(item?.description), DEK, "description");
    expectReaderShowsText(text(item?.["dc:creator"]), BYLINE, "dc:creator");
    const categories = texts(item?.category);
    expect(categories).toHaveLength(2);
    expectReaderShowsText(categories[0] ?? "", CATEGORY, "category");
    expectReaderShowsText(categories[1] ?? "", TAG, "tag");
  });

  it("Atom text constructs, JSON Feed plain fields and the news sitemap carry the text once escaped", async () => {
    const feed = node(parseXml(await (await site.request("/atom.xml")).text()).feed);
    const [entry] = nodes(feed.entry);
    expect(node(entry?.title)["@_type"]).toBe("text");
    expect(text(entry?.title)).toBe(HEADLINE);
    expect(node(entry?.summary)["@_type"]).toBe("text");
    expect(text(entry?.summary)).toBe(DEK);
    expect(text(node(entry?.author).name)).toBe(BYLINE);
    expect(nodes(entry?.category).map((c) => c["@_term"])).toEqual([CATEGORY, TAG]);

    const json = (await (await site.request("/feed.json")).json()) as {
      items: { title: string; summary: string; tags: string[]; authors: { name: string }[] }[];
    };
    expect(json.items[0]).toMatchObject({
      title: HEADLINE,
      summary: DEK,
      tags: [CATEGORY, TAG],
      authors: [{ name: BYLINE }],
    });

    const news = node(parseXml(await (await site.request("/news-sitemap.xml")).text()).urlset);
    const [url] = nodes(news.url);
    const [newsEntry] = nodes(url?.["news:news"]);
    expect(text(newsEntry?.["news:title"])).toBe(HEADLINE);
  });
});
