import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { articleRow } from "../../../test/support/article-row.js";
import { createSiteHarness, type SiteHarness } from "../../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { findArticleBySlug } from "../../content/article-queries.js";

// The article page reads the body's HTML stored when the article was saved; these check that
// it is written, that the page is the same as one rendered from the Markdown, and that a copy
// not made from the row's current Markdown is never shown.
describe.each(TEST_DIALECTS)("stored article body HTML on %s", (dialect) => {
  let site: SiteHarness;
  beforeEach(async () => {
    site = await createSiteHarness(dialect);
  });
  afterEach(async () => {
    await site.destroy();
  });

  const article = {
    slug: "stored",
    lead: "The *lead* paragraph.",
    sections: [
      { heading: "What happened", body: "Body with **bold** text." },
      { heading: "Why it matters", body: "A [link](https://example.com/a)." },
    ],
  };

  const bodyHtmlOf = async () =>
    (
      await site.database.db
        .selectFrom("article")
        .select("body_html")
        .where("slug", "=", article.slug)
        .executeTakeFirstOrThrow()
    ).body_html;

  it("is written with the article and rewritten with every edit", async () => {
    await site.publish(article);
    const first = await findArticleBySlug(site.database.db, article.slug);
    expect(first?.bodyHtml?.lead).toContain("<em>lead</em>");
    expect(first?.bodyHtml?.sections).toHaveLength(2);
    await site.publish({ ...article, lead: "An edited lead." });
    const edited = await findArticleBySlug(site.database.db, article.slug);
    expect(edited?.bodyHtml?.lead).toContain("An edited lead.");
    expect(edited?.bodyHtml?.lead).not.toContain("<em>");
  });

  it("gives the same page as rendering the Markdown", async () => {
    await site.publish(article);
    expect(await bodyHtmlOf()).not.toBe("");
    const stored = await (await site.request(`/news/${article.slug}`)).text();
    await site.database.db
      .updateTable("article")
      .set({ body_html: "" })
      .where("slug", "=", article.slug)
      .execute();
    expect((await findArticleBySlug(site.database.db, article.slug))?.bodyHtml).toBeUndefined();
    const rendered = await (await site.request(`/news/${article.slug}`)).text();
    expect(stored).toBe(rendered);
    expect(stored).toContain("Body with <strong>bold</strong> text.");
  });

  it("is not shown when the Markdown changed without it", async () => {
    await site.publish(article);
    // A writer that bypasses the store (a hand edit, an older build) leaves the old HTML.
    await site.database.db
      .updateTable("article")
      .set({ lead: "Changed by hand." })
      .where("slug", "=", article.slug)
      .execute();
    expect(await bodyHtmlOf()).toContain("<em>lead</em>");
    const page = await (await site.request(`/news/${article.slug}`)).text();
    expect(page).toContain("Changed by hand.");
    expect(page).not.toContain("<em>lead</em>");
  });

  it("defaults to empty for rows written without it, which render from the Markdown", async () => {
    const ids = await site.publish({ slug: "other" });
    const row = await site.database.db
      .selectFrom("article")
      .select(["category_id", "author_id"])
      .where("id", "=", ids[0] ?? 0)
      .executeTakeFirstOrThrow();
    await site.database.db
      .insertInto("article")
      .values(
        articleRow({
          slug: "raw-row",
          headline: "Raw row",
          text: "Written *without* HTML.",
          at: "2025-08-26T01:00:00.000Z",
          categoryId: row.category_id,
          authorId: row.author_id,
        }),
      )
      .execute();
    const stored = await site.database.db
      .selectFrom("article")
      .select("body_html")
      .where("slug", "=", "raw-row")
      .executeTakeFirstOrThrow();
    expect(stored.body_html).toBe("");
    const page = await (await site.request("/news/raw-row")).text();
    expect(page).toContain("Written <em>without</em> HTML.");
  });
});
