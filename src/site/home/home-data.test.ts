import { JSDOM } from "jsdom";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { loadTrendReplay } from "../../trends/demo-replay.js";
import { ingestCapture } from "../../trends/testing/ingest-capture.js";
import { mWeiboCnCaptures } from "../../trends/testing/weibo-fixtures.js";
import { hotSearchNow } from "../../trends/trend-queries.js";
import { GRID_SIZE, loadHomeData, ROW_SIZE, TRENDING_SIZE } from "./home-data.js";

const dom = (html: string) => new JSDOM(html).window.document;
const CATEGORIES = ["News & Politics", "Society", "Business & Tech", "Entertainment", "Sports"];
const NOW = "2025-08-27T12:00:00.000Z";

describe.each(TEST_DIALECTS)("the front page's data on %s", (dialect) => {
  let site: SiteHarness;
  beforeEach(async () => {
    site = await createSiteHarness(dialect, NOW);
  });
  afterEach(async () => {
    await site.destroy();
  });

  /** 20 stories, an hour apart, round-robin over the five categories. */
  async function publishTwenty() {
    return site.publish(
      ...Array.from({ length: 20 }, (_, i) => ({
        slug: `story-at-${i}`,
        headline: `Story at hour ${i}`,
        category: CATEGORIES[i % CATEGORIES.length] ?? "Society",
        published_at: new Date(Date.parse("2025-08-26T00:00:00Z") + i * 3_600_000).toISOString(),
      })),
    );
  }

  it("puts the newest story first, the next ones in the grid, and repeats none below", async () => {
    await publishTwenty();
    const categories = await site.database.db
      .selectFrom("category")
      .select(["slug", "name"])
      .orderBy("position")
      .execute();
    const home = await loadHomeData(site.database.db, NOW, categories);
    expect(home.lead?.slug).toBe("story-at-19");
    expect(home.grid.map((a) => a.slug)).toEqual(
      [18, 17, 16, 15, 14, 13].map((i) => `story-at-${i}`),
    );
    expect(home.grid).toHaveLength(GRID_SIZE);
    const shown = [home.lead, ...home.grid, ...home.rows.flatMap((r) => r.articles)].map(
      (a) => a?.id,
    );
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown).toHaveLength(20);
    for (const row of home.rows) {
      expect(row.articles.length).toBeLessThanOrEqual(ROW_SIZE);
      expect(row.articles.every((a) => a.category.slug === row.slug)).toBe(true);
    }
    // Each category had four stories; the ones already shown above are not repeated
    // (stories 13 to 19 sit in the lead and grid: one of each of the first three
    // categories, two of each of the last two).
    expect(home.rows.map((r) => r.articles.length)).toEqual([3, 3, 3, 2, 2]);
  });

  it("leaves out paid topics and links a topic to our story by hashtag or by topic id", async () => {
    const capture = mWeiboCnCaptures()[0];
    if (!capture) throw new Error("fixture missing");
    const stored = await ingestCapture(site.database, capture.body);
    const before = (await hotSearchNow(site.database.db, NOW)).rows;
    const [paid, byHashtag, , byTopic] = before;
    if (!paid || !byHashtag || !byTopic) throw new Error("too few rows");
    await site.database.db
      .updateTable("trend_point")
      .set({ is_commercial: 1 })
      .where("snapshot_id", "=", stored.snapshotId)
      .where("topic_id", "=", paid.topicId)
      .execute();
    const [hashtagId, topicArticleId] = await site.publish(
      { slug: "by-hashtag", headline: "Covered through its hashtag", hashtag: byHashtag.word },
      { slug: "by-topic", headline: "Started from the topic" },
    );
    await site.database.db
      .insertInto("newsroom_story")
      .values({
        article_id: topicArticleId ?? 0,
        owner_id: null,
        assignee_id: null,
        topic_id: byTopic.topicId,
        revision: 1,
        sources: "[]",
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    expect(hashtagId).toBeGreaterThan(0);

    const home = await loadHomeData(site.database.db, NOW, []);
    const rows = home.trending?.rows ?? [];
    expect(rows).toHaveLength(TRENDING_SIZE);
    expect(rows.map((r) => r.topicId)).not.toContain(paid.topicId);
    expect(rows.every((r) => !r.isCommercial)).toBe(true);
    expect(rows[0]?.rank).toBe(2);
    expect(home.trending?.replay).toBeNull();

    const doc = dom(await (await site.request("/")).text());
    const items = [...doc.querySelectorAll(".trending-list > li")];
    expect(items).toHaveLength(TRENDING_SIZE);
    expect(items[0]?.getAttribute("value")).toBe("2");
    // The pinned row and the paid topic are nowhere in the module.
    const text = doc.querySelector(".trending")?.textContent ?? "";
    expect(text).not.toContain(paid.word);
    for (const pinned of (await pinnedWords(capture.body)).filter(Boolean))
      expect(text).not.toContain(pinned);
    const linkOf = (word: string) =>
      items
        .find((li) => li.querySelector("a")?.textContent?.includes(word))
        ?.querySelector('a[href^="/news/"]');
    expect(linkOf(byHashtag.word)?.getAttribute("href")).toBe("/news/by-hashtag");
    expect(linkOf(byTopic.word)?.getAttribute("href")).toBe("/news/by-topic");
    expect(linkOf(byTopic.word)?.textContent).toBe("Started from the topic");
  });

  it("marks a replayed day with its date on the home page, /trends and topic pages", async () => {
    await loadTrendReplay(site.database.db, new Date(NOW));
    await site.publish({ slug: "a-story", headline: "A story" });
    const home = dom(await (await site.request("/")).text());
    expect(home.querySelector(".trending h2")?.textContent).toBe("Trending on Weibo");
    expect(home.querySelector(".trending .replay-note")?.textContent).toContain(
      "Replay of 26 August 2025.",
    );
    const trends = dom(await (await site.request("/trends")).text());
    expect(trends.querySelector(".replay-note")?.textContent).toContain(
      "Replay of 26 August 2025.",
    );
    expect(trends.querySelectorAll("table.trend-table tbody tr")).toHaveLength(50);
    const topicId = (await hotSearchNow(site.database.db, NOW)).rows[0]?.topicId;
    const topic = dom(await (await site.request(`/trends/topic/${topicId}`)).text());
    // The topic entered the list at 23:24 China time: its curve's replay starts there.
    expect(topic.querySelector(".replay-note time")?.getAttribute("datetime")).toBe(
      "2025-08-26T15:24:53.000Z",
    );
    expect(topic.querySelector(".replay-note")?.textContent).toContain("Replay of 26 August 2025.");
    expect(topic.querySelector("svg.trend-chart")).not.toBeNull();
  });

  it("shows no replay note for a polled list", async () => {
    const capture = mWeiboCnCaptures()[0];
    if (!capture) throw new Error("fixture missing");
    await ingestCapture(site.database, capture.body);
    const trends = dom(await (await site.request("/trends")).text());
    expect(trends.querySelector(".replay-note")).toBeNull();
    const home = dom(await (await site.request("/")).text());
    expect(home.querySelector(".trending h2")?.textContent).toBe("Trending on Weibo now");
  });
});

/** Words of the pinned rows in a capture, read with the same parser the ingest uses. */
async function pinnedWords(body: string): Promise<string[]> {
  const { parseMWeiboCn } = await import("../../trends/sources/m-weibo-cn-source.js");
  const parsed = parseMWeiboCn(body);
  if ("reason" in parsed) return [];
  return parsed.rows.filter((r) => r.kind !== "ranked").map((r) => r.word);
}
