import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { writerChangeFeed } from "../changes/database-change-feed.js";
import { loadConfig } from "../config/env.js";
import { DEFAULT_CATEGORIES, ensureCategories } from "../content/categories.js";
import { type Clock, fixedClock } from "../core/clock.js";
import { silentLogger } from "../core/log.js";
import { briefWriter } from "../newsroom/commands/brief-commands.js";
import { newsroomDeps } from "../newsroom/newsroom-deps.js";
import { ingestCapture } from "./testing/ingest-capture.js";
import { mWeiboCnCaptures } from "./testing/weibo-fixtures.js";
import { topicPinyin } from "./topic-pinyin.js";
import {
  briefCandidates,
  buildTrendBrief,
  formatDuration,
  publishTrendBrief,
  type SaveBrief,
} from "./trend-brief.js";
import { publishDueBriefs } from "./trend-poller.js";
import { hotSearchNow, topicFactsForHashtag } from "./trend-queries.js";

describe.each(TEST_DIALECTS)("trend briefs and queries on %s", (dialect) => {
  let database: TestDatabase;
  let stopFeed: () => Promise<void>;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    for (const capture of mWeiboCnCaptures()) await ingestCapture(database, capture.body);
  });
  afterEach(async () => {
    await stopFeed?.();
    await database.destroy();
  });

  /** The newsroom's audited brief writer, as the scheduler wires it. */
  async function newsroomWriter(clock: Clock): Promise<SaveBrief> {
    const changes = await writerChangeFeed(database, silentLogger);
    stopFeed = () => changes.stop();
    const config = loadConfig({ DEMO_CONTENT: "0" });
    return briefWriter(newsroomDeps({ database, config, clock, log: silentLogger, changes }));
  }

  it("writes a factual brief from stored numbers, in Chinese with pinyin when untranslated", async () => {
    const facts = await topicFactsForHashtag(database.db, "#九三盛大阅兵#");
    if (!facts) throw new Error("topic missing");
    const brief = buildTrendBrief(facts, "Asia/Shanghai");
    expect(brief?.headline).toBe(
      "#九三盛大阅兵# (jiǔ sān shèng dà yuè bīng) reached No. 2 on Weibo's hot search list",
    );
    expect(brief?.lead).toBe(
      "The hashtag #九三盛大阅兵# (jiǔ sān shèng dà yuè bīng) entered Weibo's real-time hot search list at 12:28 on 26 August 2025 (Beijing time) at No. 2 with a heat score of 648,472. " +
        "It peaked at No. 2, and its highest heat score was 648,472. Weibo labelled it 新 (new). " +
        "It stayed on the list for 4 hours 5 minutes, across 5 snapshots, and was last seen at 16:33 on 26 August 2025 (Beijing time) at No. 50.",
    );
    expect(brief?.slug).toBe("trend-jiu-san-sheng-da-yue-bing-20250826");
    await database.db
      .updateTable("trend_topic")
      .set({ title_en: "Grand September 3 military parade" })
      .where("id", "=", facts.id)
      .execute();
    const translated = await topicFactsForHashtag(database.db, "九三盛大阅兵");
    expect(translated && buildTrendBrief(translated, "Asia/Shanghai")?.name).toBe(
      "“Grand September 3 military parade” (#九三盛大阅兵#)",
    );
  });

  it("publishes a brief only when the setting allows, idempotently", async () => {
    await ensureCategories(database.db, DEFAULT_CATEGORIES);
    const clock = fixedClock("2025-08-27T00:00:00Z");
    const facts = await topicFactsForHashtag(database.db, "九三盛大阅兵");
    if (!facts) throw new Error("topic missing");
    const config = { TRENDS_BRIEFS: false, TIME_ZONE: "Asia/Shanghai" };
    const saveBrief = await newsroomWriter(clock);
    expect(await publishTrendBrief({ database, config, saveBrief }, facts.id)).toEqual({
      status: "disabled",
    });
    const on = { database, config: { ...config, TRENDS_BRIEFS: true }, saveBrief };
    expect(await publishTrendBrief(on, facts.id)).toMatchObject({
      status: "created",
      slug: "trend-jiu-san-sheng-da-yue-bing-20250826",
    });
    expect(await publishTrendBrief(on, facts.id)).toMatchObject({ status: "unchanged" });
    const article = await database.db
      .selectFrom("article")
      .selectAll()
      .where("slug", "=", "trend-jiu-san-sheng-da-yue-bing-20250826")
      .executeTakeFirstOrThrow();
    expect(article).toMatchObject({ kind: "brief", hashtag: "九三盛大阅兵", status: "published" });
    // Audited like any newsroom write, once: the unchanged second save adds no event.
    const audit = await database.db
      .selectFrom("audit_event")
      .select(["action", "actor_label", "target_id"])
      .execute();
    expect(audit).toEqual([
      { action: "story.create", actor_label: "trend desk", target_id: String(article.id) },
    ]);
    const changes = await database.db
      .selectFrom("change")
      .select("id")
      .where("kind", "=", "article")
      .execute();
    expect(changes).toHaveLength(1);
    const candidates = await briefCandidates(database, new Date("2025-08-26T00:00:00Z"));
    expect(candidates).toContain(facts.id);
    const now = await hotSearchNow(database.db);
    expect(now.rows).toHaveLength(50);
    expect(now.snapshot?.capturedAt).toBe("2025-08-26T15:24:53.000Z");
  });

  it("publishes due briefs after a poll only when enabled", async () => {
    await ensureCategories(database.db, DEFAULT_CATEGORIES);
    const clock = fixedClock("2025-08-26T15:30:00Z");
    const base = {
      TRENDS_POLL_SECONDS: 60,
      TRENDS_SOURCES: ["m-weibo-cn" as const],
      WEIBO_COOKIE: "",
      WEIBO_USER_AGENT: "Mozilla/5.0 test",
      TRENDS_FETCH_TIMEOUT_MS: 1000,
      TRENDS_FETCH_ATTEMPTS: 1,
    };
    const deps = { database, clock, log: silentLogger };
    const saveBrief = await newsroomWriter(clock);
    expect(await publishDueBriefs({ ...deps, config: base }, saveBrief)).toBe(0);
    const published = await publishDueBriefs(
      { ...deps, config: { ...base, TRENDS_BRIEFS: true } },
      saveBrief,
    );
    expect(published).toBeGreaterThan(0);
    const briefs = await database.db
      .selectFrom("article")
      .select("kind")
      .where("kind", "=", "brief")
      .execute();
    expect(briefs).toHaveLength(published);
    expect(
      await publishDueBriefs({ ...deps, config: { ...base, TRENDS_BRIEFS: true } }, saveBrief),
    ).toBe(0);
    const audited = await database.db
      .selectFrom("audit_event")
      .select("id")
      .where("action", "=", "story.create")
      .where("actor_label", "=", "trend desk")
      .execute();
    expect(audited).toHaveLength(published);
  });

  it("lists the hot search now with movement, minutes on the list and sparklines", async () => {
    const now = await hotSearchNow(database.db);
    const top = now.rows[0];
    expect(top?.rank).toBe(1);
    expect(now.rows.every((r) => r.sparkline.length >= 1 && r.sparkline.length <= 22)).toBe(true);
    const stayed = now.rows.find((r) => r.movement !== null);
    expect(stayed?.minutesOnList).toBeGreaterThan(0);
    const entered = now.rows.filter((r) => r.movement === null);
    expect(entered.every((r) => r.minutesOnList === 0)).toBe(true);
  });
});

describe("brief helpers", () => {
  it("formats durations and pinyin", () => {
    expect(formatDuration(14679)).toBe("4 hours 5 minutes");
    expect(formatDuration(3600)).toBe("1 hour");
    expect(formatDuration(20)).toBe("less than a minute");
    expect(topicPinyin("天猫WBG")).toBe("tiān māo WBG");
  });
});
