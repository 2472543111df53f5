import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../test/support/test-database.js";
import { importArticles } from "./import/import-articles.js";
import { MAX_QUERY_LENGTH, searchArticles } from "./search-queries.js";

/** Issue 14, point 3: search finds what readers mean, on both databases. */
const REFERENCE = fileURLToPath(
  new URL(
    "../../test/fixtures/articles/reference/trump-kim-very-good-relationship-2025-08-26.md",
    import.meta.url,
  ),
);
const REFERENCE_HEADLINE = "Trump Declares Ongoing";

/** The reference article's prose, front matter and headings left out. */
function referenceProse(): string {
  const text = readFileSync(REFERENCE, "utf8");
  return text
    .slice(text.indexOf("\n---\n", 4) + 5)
    .split("\n")
    .filter((line) => line.trim() && !line.startsWith("#"))
    .join(" ");
}

describe.each(TEST_DIALECTS)("search that finds what readers mean on %s", (dialect) => {
  let site: SiteHarness;
  const page = { limit: 20, offset: 0 };
  const slugsFor = async (q: string) =>
    (await searchArticles(site.database, q, site.clock.now().toISOString(), page)).hits
      .map((h) => h.article.slug)
      .sort();

  beforeAll(async () => {
    site = await createSiteHarness(dialect);
    const report = await importArticles(site.database, [REFERENCE], {
      now: site.clock.now(),
      deskByline: "Trending on Weibo",
      timeZone: "Asia/Shanghai",
    });
    expect(report.results.map((r) => r.outcome)).toEqual(["created"]);
    // The trend desk's English title for a hashtag no article spells out in English.
    await site.database.db
      .insertInto("trend_topic")
      .values({
        word: "台风杨柳登陆",
        query: "#台风杨柳登陆#",
        is_hashtag: 1,
        title_en: "Typhoon Yangliu makes landfall",
        first_seen_at: "2025-08-26T00:00:00Z",
        last_seen_at: "2025-08-26T06:00:00Z",
        state: "steady",
        seconds_on_list: 21_600,
        snapshot_count: 360,
        last_label: "",
        updated_at: "2025-08-26T06:00:00Z",
      })
      .execute();
    await site.publish(
      {
        slug: "storm-shelters",
        headline: "Coastal towns open their shelters",
        lead: "Schools and gyms took in families overnight.",
        tags: ["Typhoon season"],
        byline: "Lena Whitcombe",
      },
      {
        slug: "weibo-hashtag",
        headline: "台风杨柳登陆广东",
        lead: "网友分享了现场视频。",
        sections: [],
        hashtag: "#台风杨柳登陆#",
      },
      {
        slug: "landfall-english",
        headline: "Storm crosses the Guangdong coast",
        lead: "Typhoon Yangliu makes landfall near Zhanjiang with winds of 150 km/h.",
      },
      {
        slug: "chinese-trump",
        headline: "网友热议",
        lead: "特朗普称与金正恩关系非常好。",
        sections: [],
        hashtag: "#特朗普称与金正恩关系非常好#",
      },
      {
        slug: "metro-hashtag",
        headline: "广州地铁新线开通",
        lead: "首日客流超过十万人次。",
        sections: [],
        hashtag: "#广州地铁新线开通#",
        hashtag_en: "Guangzhou opens a new metro line",
      },
      {
        // Saved before the trend desk had any English title for its hashtag.
        slug: "riders-hashtag",
        headline: "外卖骑手罢工",
        lead: "多个城市的骑手停止接单。",
        sections: [],
        hashtag: "#外卖骑手要求提高配送费#",
      },
      {
        slug: "organized-labor",
        headline: "Port workers vote on a new contract",
        lead: "The organized labor movement at the port has grown, and its color is red.",
      },
      {
        slug: "harbour-centre",
        headline: "Ferry timetable changes",
        lead: "The harbour centre reopens after the travellers' complaints were catalogued.",
      },
    );
  });
  afterAll(async () => {
    await site.destroy();
  });

  it("searches tags and bylines", async () => {
    expect(await slugsFor("Typhoon season")).toEqual(["storm-shelters"]);
    expect(await slugsFor("Whitcombe")).toEqual(["storm-shelters"]);
    expect(await slugsFor('"Lena Whitcombe" shelters')).toEqual(["storm-shelters"]);
  });

  it("searches hashtags in Chinese and by their stored English title", async () => {
    expect(await slugsFor("广州地铁新线开通")).toEqual(["metro-hashtag"]);
    expect(await slugsFor("Guangzhou metro")).toEqual(["metro-hashtag"]);
  });

  it("finds the English article for 特朗普 through the newsroom's aliases", async () => {
    const at = site.clock.now().toISOString();
    const result = await searchArticles(site.database, "特朗普", at, page);
    const slugs = result.hits.map((h) => h.article.slug);
    expect(slugs).toContain("chinese-trump");
    const reference = result.hits.find((h) => h.article.headline.startsWith(REFERENCE_HEADLINE));
    expect(reference, "the reference article").toBeDefined();
    // The snippet marks the English spelling the alias matched.
    expect(reference?.snippet).toContain("<mark>Trump</mark>");
  });

  it("finds Chinese hashtags for English names and English articles for Chinese names", async () => {
    const trump = await searchArticles(
      site.database,
      "Trump",
      site.clock.now().toISOString(),
      page,
    );
    expect(trump.hits.map((h) => h.article.slug)).toContain("chinese-trump");
    expect(trump.total).toBe(2);
    const kim = await slugsFor("Kim Jong Un");
    expect(kim).toContain("chinese-trump");
    expect(kim).toHaveLength(2);
    // 金正恩 is Kim Jong Un's Chinese name: the reference article calls him Kim Jong-un.
    expect((await slugsFor("金正恩")).length).toBe(2);
  });

  it("finds English articles for a hashtag through the trend desk's title, and back", async () => {
    expect(await slugsFor("台风杨柳登陆")).toEqual(["landfall-english", "weibo-hashtag"]);
    // The hashtag's stored title was indexed with the Chinese article.
    expect(await slugsFor("Yangliu landfall")).toEqual(["landfall-english", "weibo-hashtag"]);
  });

  it("finds a Chinese hashtag by an English title stored after its articles were saved", async () => {
    const topic = {
      word: "外卖骑手要求提高配送费",
      query: "#外卖骑手要求提高配送费#",
      is_hashtag: 1,
      first_seen_at: "2025-08-26T01:00:00Z",
      last_seen_at: "2025-08-26T02:00:00Z",
      state: "steady" as const,
      seconds_on_list: 3600,
      snapshot_count: 60,
      last_label: "",
      updated_at: "2025-08-26T02:00:00Z",
    };
    // Seen on the list first, titled later (as the translator does).
    const { id } = await site.database.db
      .insertInto("trend_topic")
      .values({ ...topic, title_en: "" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await slugsFor("delivery riders")).toEqual([]);
    const retitle = (title_en: string) =>
      site.database.db.updateTable("trend_topic").set({ title_en }).where("id", "=", id).execute();
    await retitle("Delivery riders demand higher fees");
    expect(await slugsFor("delivery riders")).toEqual(["riders-hashtag"]);
    // Spelling variants and prefixes reach the titles too; every word must be in one.
    expect(await slugsFor("rider fee*")).toEqual(["riders-hashtag"]);
    expect(await slugsFor("delivery typhoon")).toEqual([]);
    // A title the desk corrects is searched as corrected.
    await retitle("Couriers ask for better pay");
    expect(await slugsFor("couriers")).toEqual(["riders-hashtag"]);
    expect(await slugsFor("delivery riders")).toEqual([]);
    await site.database.db.deleteFrom("trend_topic").where("id", "=", id).execute();
    expect(await slugsFor("couriers")).toEqual([]);
  });

  it("matches British and American spellings both ways and marks them", async () => {
    const at = site.clock.now().toISOString();
    const denuclearization = await searchArticles(site.database, "denuclearization", at, page);
    expect(denuclearization.total).toBe(1);
    expect(denuclearization.hits[0]?.snippet).toContain("<mark>denuclearisation</mark>");
    expect(await slugsFor("organised labour")).toEqual(["organized-labor"]);
    expect(await slugsFor("colour")).toEqual(["organized-labor"]);
    expect(await slugsFor("harbor center")).toEqual(["harbour-centre"]);
    expect(await slugsFor("travelers cataloged")).toEqual(["harbour-centre"]);
    const reverse = await searchArticles(site.database, "organised", at, page);
    expect(reverse.hits[0]?.snippet).toContain("<mark>organized</mark>");
  });

  it("cuts a 5,000-character query at a word boundary and still finds the article", async () => {
    const prose = referenceProse();
    const q = prose.slice(0, 5000);
    expect(q.length).toBe(5000);
    const result = await searchArticles(site.database, q, site.clock.now().toISOString(), page);
    expect(result.query.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(prose.startsWith(result.query)).toBe(true);
    // The next character of the pasted text is not a letter: no word was cut.
    expect(prose.charAt(result.query.length)).toMatch(/[^\p{L}\p{N}]/u);
    expect(result.hits.map((h) => h.article.headline.slice(0, 22))).toEqual([REFERENCE_HEADLINE]);

    const res = await site.request(`/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Your search was long");
    expect(html).toContain(REFERENCE_HEADLINE);
  });
});
