import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../test/support/test-database.js";

/**
 * Issue 12, finding 1: a value that slipped into the database past validation (an older
 * build, a hand edit, a restore) must cost at most its own field, never the site. Each
 * case writes the bad value straight into the row and fetches every page that shows it.
 */
const PAGES = [
  "/",
  "/news/bad-row",
  "/category/society",
  "/search?q=harbour",
  "/archive/2025/08",
  "/feed.xml",
  "/atom.xml",
  "/feed.json",
  "/news-sitemap.xml",
];

const BAD_VALUES: { name: string; set: Record<string, string> }[] = [
  { name: "an unknown time zone", set: { time_zone: "Not/AZone" } },
  { name: "an empty time zone", set: { time_zone: "" } },
  { name: "an unreadable updated time", set: { updated_at: "yesterday-ish" } },
  { name: "an unreadable publication time", set: { published_at: "2025-08-26Tgarbage" } },
  { name: "a script image URL", set: { image_url: "javascript:alert(1)" } },
  { name: "an image URL with control characters", set: { image_url: "https://x.test/\u0001\n" } },
];

describe.each(TEST_DIALECTS)("a page meeting a bad stored value on %s", (dialect) => {
  let site: SiteHarness;
  beforeEach(async () => {
    site = await createSiteHarness(dialect, "2025-08-27T12:00:00Z");
    await site.publish(
      { slug: "bad-row", headline: "Harbour ferry story", category: "Society" },
      { slug: "good-row", headline: "Harbour market story", category: "Society" },
    );
  });
  afterEach(async () => {
    await site.destroy();
  });

  for (const bad of BAD_VALUES) {
    it(`still renders every page with ${bad.name}`, async () => {
      await site.database.db
        .updateTable("article")
        .set(bad.set)
        .where("slug", "=", "bad-row")
        .execute();
      for (const path of PAGES) {
        const response = await site.request(path);
        const body = await response.text();
        expect(`${path} ${response.status}`).toBe(`${path} 200`);
        // The healthy neighbour is still listed wherever lists appear.
        if (path !== "/news/bad-row" && path !== "/archive/2025/08" && path !== "/search?q=harbour")
          expect(body).toContain("good-row");
        expect(body).not.toContain("javascript:alert");
        expect(body).not.toContain("\u0001");
      }
    });
  }

  it("serves a stored slug that is not a valid slug without breaking lists", async () => {
    await site.database.db
      .updateTable("article")
      .set({ slug: "Bad Slug/<b>\u00e9" })
      .where("slug", "=", "bad-row")
      .execute();
    for (const path of [
      "/",
      "/category/society",
      "/feed.xml",
      "/news-sitemap.xml",
      "/sitemap.xml",
    ]) {
      const response = await site.request(path);
      expect(`${path} ${response.status}`).toBe(`${path} 200`);
      expect(await response.text()).not.toContain("<b>");
    }
  });
});
