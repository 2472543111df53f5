import { fileURLToPath } from "node:url";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app/create-app.js";
import { loadConfig } from "../../src/config/env.js";
import { DEFAULT_CATEGORIES, ensureCategories } from "../../src/content/categories.js";
import { importArticles } from "../../src/content/import/import-articles.js";
import { fixedClock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/log.js";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "../support/test-database.js";

// A copy of the user's seed (../shared/seed), see test/fixtures/articles/reference/README.md.
const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const REFERENCE = `${REPO_ROOT}test/fixtures/articles/reference/trump-kim-very-good-relationship-2025-08-26.md`;
const NEIGHBOURS = `${REPO_ROOT}test/fixtures/articles/news-2025-08`;
const SLUG = "trump-kim-very-good-relationship-2025-08-26";
const HARBOUR_FERRY = "Harbour Ferry Timetable Change Puzzles Commuters";

const SECTION_HEADINGS = [
  "A timeline of the overtures",
  "Personal diplomacy versus institutional caution",
  "Implications beyond the headline",
];
const SHARE_HOSTS: Record<string, string> = {
  x: "x.com",
  facebook: "www.facebook.com",
  linkedin: "www.linkedin.com",
  reddit: "www.reddit.com",
  whatsapp: "wa.me",
  telegram: "t.me",
  weibo: "service.weibo.com",
  email: "",
};

describe.each(TEST_DIALECTS)("the reference article on %s", (dialect) => {
  let database: TestDatabase;
  let doc: Document;
  let status = 0;
  const config = loadConfig({});
  const canonical = `${config.SITE_URL}/news/${SLUG}`;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await ensureCategories(database.db, DEFAULT_CATEGORIES);
    const clock = fixedClock("2025-08-27T04:00:00Z");
    const report = await importArticles(database, [REFERENCE, NEIGHBOURS], {
      now: clock.now(),
      deskByline: config.DESK_BYLINE,
      timeZone: config.TIME_ZONE,
    });
    expect(report.results.map((r) => r.outcome)).toEqual(Array(5).fill("created"));
    // The page's own "Related Articles" list is kept in the front matter, not imported.
    expect(report.warnings.join("\n")).toContain('ignored unknown key "reference_related"');
    const app = createApp({ database, config, clock, log: silentLogger });
    const res = await app.request(`/news/${SLUG}`);
    status = res.status;
    doc = new JSDOM(await res.text()).window.document;
  });
  afterAll(async () => {
    await database?.destroy();
  });

  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, " ").trim();

  it("shows the headline, dateline, byline and category link", () => {
    expect(status).toBe(200);
    const h1 = doc.querySelectorAll("h1");
    expect(h1).toHaveLength(1);
    expect(text(h1[0])).toBe(
      "Trump Declares Ongoing “Very Good” Relationship with Kim Jong‑un, Hints at APEC Summit Talks",
    );
    expect(doc.title).toContain("Trump Declares Ongoing");
    const dateline = doc.querySelector("time.dateline");
    expect(text(dateline)).toBe("26 August 2025");
    expect(text(doc.querySelector(".byline"))).toBe("By Trending on Weibo");
    const category = [...doc.querySelectorAll("main a")].find((a) => text(a) === "News & Politics");
    expect(category?.getAttribute("href")).toBe("/category/news-politics");
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(canonical);
  });

  it("renders the lead and the three section headings as h2", () => {
    expect(text(doc.querySelector(".lead"))).toMatch(/^From the moment he entered the Oval Office/);
    const headings = [...doc.querySelectorAll(".article-body section > h2")].map(text);
    expect(headings).toEqual(SECTION_HEADINGS);
    // Heading order: nothing below h1 skips a level before the sections.
    const levels = [...doc.querySelectorAll("main h1, main h2, main h3")].map((h) =>
      Number(h.tagName.slice(1)),
    );
    for (const [i, level] of levels.entries()) {
      if (i > 0) expect(level - (levels[i - 1] ?? 1)).toBeLessThanOrEqual(1);
    }
  });

  it("offers eight share links with encoded parameters", () => {
    const box = doc.querySelector("section.share");
    expect(text(box?.querySelector("h2"))).toBe("Share this article");
    const links = [...(box?.querySelectorAll("a[data-network]") ?? [])];
    expect(links.map((a) => a.getAttribute("data-network"))).toEqual(Object.keys(SHARE_HOSTS));
    expect(links.map(text)).toEqual([
      "X",
      "Facebook",
      "LinkedIn",
      "Reddit",
      "WhatsApp",
      "Telegram",
      "Weibo",
      "Email",
    ]);
    const headline = text(doc.querySelector("h1")) ?? "";
    for (const link of links) {
      const href = link.getAttribute("href") ?? "";
      // Every parameter is percent-encoded: no raw spaces, quotes or non-ASCII survive.
      expect(href).not.toMatch(/[\s"“”‑]|[^\x21-\x7e]/);
      const url = new URL(href);
      const network = link.getAttribute("data-network") ?? "";
      if (network === "email") {
        expect(url.protocol).toBe("mailto:");
        expect(url.searchParams.get("subject")).toBe(headline);
        expect(url.searchParams.get("body")).toBe(`${headline} ${canonical}`);
        continue;
      }
      expect(url.protocol).toBe("https:");
      expect(url.host).toBe(SHARE_HOSTS[network]);
      const values = [...url.searchParams.values()];
      expect(values.some((v) => v === canonical || v === `${headline} ${canonical}`)).toBe(true);
    }
    const copy = box?.querySelector("button[data-copy-link]");
    expect(text(copy)).toBe("Copy link");
  });

  it("lists related articles with title, byline, category and short date", () => {
    const related = doc.querySelector("section.related");
    expect(text(related?.querySelector("h2"))).toBe("Related Articles");
    const items = [...(related?.querySelectorAll("li") ?? [])];
    expect(items.length).toBeGreaterThanOrEqual(2);
    for (const item of items) {
      const title = item.querySelector("h3 a");
      expect(title?.getAttribute("href")).toMatch(/^\/news\/[a-z0-9-]+$/);
      expect(title?.getAttribute("href")).not.toBe(`/news/${SLUG}`);
      const meta = item.querySelector(".meta");
      expect(meta?.querySelector('a[href^="/byline/"]')).not.toBeNull();
      expect(meta?.querySelector('a[href^="/category/"]')).not.toBeNull();
      expect(text(meta?.querySelector("time"))).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    }
    const ferry = items.find((li) => text(li.querySelector("h3")) === HARBOUR_FERRY);
    expect(ferry).toBeDefined();
    expect(text(ferry?.querySelector(".meta"))).toBe(
      "Trending on Weibo · News & Politics · 26 Aug 2025",
    );
  });

  it("has no hashtag box, because the reference names no hashtag", () => {
    // "Trending on Weibo" is the desk byline here; the hashtag box only appears with a hashtag.
    expect(doc.querySelector(".hashtag-box")).toBeNull();
    expect(doc.body.textContent).toContain("Trending on Weibo");
  });
});
