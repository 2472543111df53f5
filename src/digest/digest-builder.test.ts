import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  FIXTURE_DAY,
  fixtureCaptures,
  storeFixtureDay,
} from "../../test/support/digest-fixtures.js";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { buildDigest } from "./digest-builder.js";
import { digestWindow } from "./digest-window.js";

/**
 * Expected values come from the research helper's independent extraction of the same 22
 * captures (`derived/`), computed here by a deliberately plain route: per query, the best
 * `realpos`, the seconds between consecutive captures listing it, and the 爆 labels.
 */
function expectedFromDerived(fromMs: number, toMs: number) {
  const captures = fixtureCaptures().filter(
    (c) => c.weibo_starttime * 1000 >= fromMs && c.weibo_starttime * 1000 < toMs,
  );
  const peak = new Map<string, number>();
  const seconds = new Map<string, number>();
  const boom = new Set<string>();
  const pinned = new Set<string>();
  const adverts = new Set<string>();
  let previous: Map<string, number> | null = null;
  let previousAt = 0;
  for (const capture of captures) {
    const ranked = new Map<string, number>();
    for (const item of capture.items) {
      if (item.pinned) pinned.add(item.word);
      if (item.is_ad_pos || item.realpos === null) {
        if (!item.pinned) adverts.add(item.word);
        continue;
      }
      ranked.set(item.query_key, item.realpos);
      peak.set(item.query_key, Math.min(peak.get(item.query_key) ?? 99, item.realpos));
      if (item.label === "爆") boom.add(item.query_key);
      if (previous?.has(item.query_key)) {
        seconds.set(
          item.query_key,
          (seconds.get(item.query_key) ?? 0) + capture.weibo_starttime - previousAt,
        );
      }
    }
    previous = ranked;
    previousAt = capture.weibo_starttime;
  }
  return { captures: captures.length, peak, seconds, boom, pinned, adverts };
}

describe.each(TEST_DIALECTS)("buildDigest on %s", (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await storeFixtureDay(database);
  });
  afterEach(async () => {
    await database.destroy();
  });

  it("ranks the day's topics by peak rank and time on the list, from the stored captures", async () => {
    const window = digestWindow("daily", FIXTURE_DAY, "Asia/Shanghai");
    const digest = await buildDigest(database.db, window);
    const expected = expectedFromDerived(Date.parse(window.start), Date.parse(window.end));
    expect(digest.snapshotCount).toBe(22);
    expect(expected.captures).toBe(22);
    expect(digest.topByPeak).toHaveLength(10);
    for (const topic of [...digest.topByPeak, ...digest.topByTime, ...digest.risers]) {
      expect(topic.peakRank).toBe(expected.peak.get(topic.query));
      expect(topic.minutesOnList).toBe(Math.round((expected.seconds.get(topic.query) ?? 0) / 60));
      expect(topic.points.every((p) => p.at >= window.start && p.at < window.end)).toBe(true);
    }
    // The first places go to topics that reached number 1; the longest stay is the real maximum.
    expect(digest.topByPeak[0]?.peakRank).toBe(1);
    const longest = Math.max(...[...expected.seconds.values()]);
    expect(digest.topByTime[0]?.minutesOnList).toBe(Math.round(longest / 60));
    for (let i = 1; i < digest.topByTime.length; i++) {
      expect(digest.topByTime[i - 1]?.minutesOnList).toBeGreaterThanOrEqual(
        digest.topByTime[i]?.minutesOnList ?? 0,
      );
    }
  });

  it("lists every topic that went 爆 that day and the biggest climbs between captures", async () => {
    const window = digestWindow("daily", FIXTURE_DAY, "Asia/Shanghai");
    const digest = await buildDigest(database.db, window);
    const expected = expectedFromDerived(Date.parse(window.start), Date.parse(window.end));
    expect(expected.boom.size).toBeGreaterThan(0);
    expect(new Set(digest.booms.map((t) => t.query))).toEqual(
      new Set([...expected.boom].slice(0, 10)),
    );
    expect(digest.risers.length).toBeGreaterThan(0);
    for (const riser of digest.risers) {
      expect(riser.rise).not.toBeNull();
      const climb = (riser.rise?.from ?? 0) - (riser.rise?.to ?? 0);
      expect(climb).toBeGreaterThan(0);
      // The climb is between two consecutive stored captures of this very topic.
      const at = riser.points.findIndex((p) => p.at === riser.rise?.at);
      expect(riser.points[at - 1]?.rank).toBe(riser.rise?.from);
      expect(riser.points[at]?.rank).toBe(riser.rise?.to);
    }
  });

  it("never shows pinned rows or adverts, even a ranked advert", async () => {
    const window = digestWindow("daily", FIXTURE_DAY, "Asia/Shanghai");
    const expected = expectedFromDerived(Date.parse(window.start), Date.parse(window.end));
    expect(expected.pinned.size).toBeGreaterThan(0);
    expect(expected.adverts.size).toBeGreaterThan(0);
    // The captures hold no ranked advert; mark the day's number 1 as one, as the ingest does
    // for a ranked row carrying `ads_word`, and it must vanish from every section.
    const top = await database.db
      .selectFrom("trend_point")
      .select("topic_id")
      .where("rank", "=", 1)
      .orderBy("captured_at")
      .executeTakeFirstOrThrow();
    await database.db
      .updateTable("trend_point")
      .set({ is_commercial: 1 })
      .where("topic_id", "=", top.topic_id)
      .where("rank", "=", 1)
      .execute();
    const digest = await buildDigest(database.db, window);
    const shown = [...digest.topByPeak, ...digest.topByTime, ...digest.risers, ...digest.booms];
    expect(shown.length).toBeGreaterThan(20);
    for (const topic of shown) {
      expect(topic.topicId).not.toBe(top.topic_id);
      expect(expected.pinned.has(topic.word)).toBe(false);
      expect(expected.adverts.has(topic.word)).toBe(false);
    }
  });

  it("cuts the day at local midnight of the configured zone", async () => {
    const utc = digestWindow("daily", FIXTURE_DAY, "UTC");
    const digest = await buildDigest(database.db, utc);
    const expected = expectedFromDerived(Date.parse(utc.start), Date.parse(utc.end));
    expect(digest.snapshotCount).toBe(expected.captures);
    expect(digest.snapshotCount).toBeLessThan(22);
    expect(digest.snapshotCount).toBeGreaterThan(0);
    // The capture before UTC midnight counts toward time on the list, clipped at midnight.
    for (const topic of digest.topByTime) {
      expect(topic.minutesOnList).toBeLessThanOrEqual(24 * 60);
    }
    const empty = await buildDigest(database.db, digestWindow("daily", "2025-08-28", "UTC"));
    expect(empty.snapshotCount).toBe(0);
    expect(empty.topByPeak).toEqual([]);
  });

  it("lists the articles first published inside the window, in order", async () => {
    const { saveArticles } = await import("../content/article-store.js");
    const { articleInput } = await import("../content/article-input.js");
    const { DEFAULT_CATEGORIES, ensureCategories } = await import("../content/categories.js");
    await ensureCategories(database.db, DEFAULT_CATEGORIES);
    const make = (slug: string, at: string) =>
      articleInput.parse({
        slug,
        headline: `Headline ${slug}`,
        category: "Society",
        lead: "Lead.",
        sections: [{ heading: "What happened", body: "Body." }],
        published_at: at,
      });
    await saveArticles(
      database.db,
      [
        make("before-midnight", "2025-08-25T23:59:00+08:00"),
        make("late", "2025-08-26T22:00:00+08:00"),
        make("early", "2025-08-26T00:01:00+08:00"),
        make("next-day", "2025-08-27T00:00:00+08:00"),
      ],
      {
        dialect,
        now: new Date("2025-08-27T12:00:00Z"),
        deskByline: "Desk",
        timeZone: "Asia/Shanghai",
      },
    );
    const digest = await buildDigest(
      database.db,
      digestWindow("daily", FIXTURE_DAY, "Asia/Shanghai"),
    );
    expect(digest.articles.map((a) => a.slug)).toEqual(["early", "late"]);
    expect(digest.articles[0]?.categoryName).toBe("Society");
  });
});
