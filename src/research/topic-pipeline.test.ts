import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { loadConfig } from "../config/env.js";
import { DEFAULT_CATEGORIES, ensureCategories } from "../content/categories.js";
import { fixedClock } from "../core/clock.js";
import { silentLogger } from "../core/log.js";
import { runTick } from "../jobs/scheduler.js";
import { listAudit, systemContext } from "../newsroom/audit-log.js";
import { newsroomDeps } from "../newsroom/newsroom-deps.js";
import { changeSettings } from "../newsroom/settings.js";
import { ingestCapture } from "../trends/testing/ingest-capture.js";
import { mWeiboCnCaptures } from "../trends/testing/weibo-fixtures.js";
import type { SiteDeps } from "../web/site-deps.js";
import { topicPipelineTask } from "./pipeline-task.js";
import { startStoryFromTopic } from "./start-story.js";
import { scoreTopics } from "./topic-candidates.js";
import { categoryAllowed } from "./topic-score.js";

/** One minute after the last of the 22 hourly captures of 2025-08-26 (23:24 +08:00). */
const NOW = "2025-08-26T15:25:53.000Z";

describe.each(TEST_DIALECTS)("topics to stories on %s (real curves of 2025-08-26)", (dialect) => {
  let database: TestDatabase;
  let deps: SiteDeps;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await ensureCategories(database.db, DEFAULT_CATEGORIES);
    for (const capture of mWeiboCnCaptures()) await ingestCapture(database, capture.body);
    deps = {
      database,
      config: loadConfig({ DEMO_CONTENT: "0" }),
      clock: fixedClock(NOW),
      log: silentLogger,
    };
  }, 120_000);
  afterAll(async () => {
    await database.destroy();
  });

  const idOf = async (word: string) =>
    (
      await database.db
        .selectFrom("trend_topic")
        .select("id")
        .where("word", "=", word)
        .executeTakeFirstOrThrow()
    ).id;

  it("scores the topics on the list from their stored curves", async () => {
    const scores = await scoreTopics(database.db, new Date(NOW));
    expect(scores).toHaveLength(50);
    for (const s of scores) {
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(100);
    }
    expect(scores.map((s) => s.score)).toEqual(
      [...scores.map((s) => s.score)].sort((a, b) => b - a),
    );
    const by = new Map(scores.map((s) => [s.word, s]));
    // 郑恺小姨子 came in at rank 11 with the 爆 label and 7 million heat: the day's top story.
    expect(scores[0]?.word).toBe("郑恺小姨子");
    expect(by.get("郑恺小姨子")?.parts).toMatchObject({ label: 10, heat: 25, velocity: 20 });
    // Rank 1 for hours beats a topic seen once at rank 49.
    expect(by.get("退款查账")?.parts.time).toBe(15);
    expect(by.get("退款查账")?.score).toBeGreaterThan(
      (by.get("馒头的绝配到底是什么啊")?.score ?? 0) + 40,
    );
    // A paid topic (ads_word) counts half.
    const paid = by.get("科技让千年石窟会说话");
    expect(paid?.commercial).toBe(true);
    const sum = Object.values(paid?.parts ?? {}).reduce((a, b) => a + b, 0);
    expect(paid?.score).toBeCloseTo(sum / 2, 0);
    // Entertainment boards are read from the heat strings and kept out by the defaults.
    expect(by.get("李雪琴胃里切了8个息肉")?.category).toBe("综艺");
    expect(by.get("子夜归男二掀桌")?.category).toBe("剧集");
    const defaults = ["综艺", "剧集", "演出", "盛典", "音乐", "电影"];
    expect(categoryAllowed("综艺", [], defaults)).toBe(false);
    expect(categoryAllowed("", [], defaults)).toBe(true);
    expect(categoryAllowed("明星-内地", ["明星"], [])).toBe(true);
    expect(categoryAllowed("社会", ["明星"], [])).toBe(false);
  });

  it("starts each topic above the threshold once across two scheduler ticks, as the Resou pipeline", async () => {
    await changeSettings(
      database.db,
      { "pipeline.score_threshold": "60", "pipeline.max_starts_per_run": "20" },
      systemContext,
      new Date(NOW),
    );
    const expected = (await scoreTopics(database.db, new Date(NOW)))
      .filter(
        (s) =>
          s.score >= 60 &&
          categoryAllowed(s.category, [], ["综艺", "剧集", "演出", "盛典", "音乐", "电影"]),
      )
      .map((s) => s.topicId)
      .sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(expected).not.toContain(await idOf("李雪琴胃里切了8个息肉"));

    const task = topicPipelineTask(deps);
    expect(await runTick(deps, task, "scheduler-a", new Date("2025-08-26T15:25:15Z"))).toBe(true);
    expect(await runTick(deps, task, "scheduler-b", new Date("2025-08-26T15:30:15Z"))).toBe(true);

    const stories = await database.db
      .selectFrom("newsroom_story")
      .select(["article_id", "topic_id", "owner_id"])
      .orderBy("topic_id")
      .execute();
    expect(stories.map((s) => s.topic_id)).toEqual(expected);
    expect(stories.every((s) => s.owner_id === null)).toBe(true);
    const jobs = await database.db
      .selectFrom("job")
      .select(["kind", "payload", "unique_key"])
      .where("kind", "=", "writing.pipeline")
      .execute();
    expect(jobs.map((j) => j.unique_key).sort()).toEqual(
      stories.map((s) => `writing.pipeline:${s.article_id}`).sort(),
    );
    expect(jobs.map((j) => JSON.parse(j.payload).articleId).sort((a, b) => a - b)).toEqual(
      stories.map((s) => s.article_id).sort((a, b) => a - b),
    );
    const created = await listAudit(database.db, { limit: 100, action: "story.create" });
    expect(created).toHaveLength(expected.length);
    expect(new Set(created.map((e) => e.actorLabel))).toEqual(new Set(["Resou pipeline"]));
    const draft = await database.db
      .selectFrom("article")
      .select(["status", "hashtag"])
      .where("id", "=", stories[0]?.article_id ?? 0)
      .executeTakeFirstOrThrow();
    expect(draft.status).toBe("draft");
  });

  it("links a covered topic (same topic, same hashtag or a near-identical word) to its story", async () => {
    const nd = newsroomDeps(deps);
    const editor = { deps: nd, audit: { ...systemContext, actorLabel: "editor@resou.example" } };
    const first = await startStoryFromTopic(editor, await idOf("退款查账"));
    expect(first.existing).toBe(true);

    const topic = async (word: string) =>
      (
        await database.db
          .insertInto("trend_topic")
          .values({
            word,
            query: `#${word}#`,
            is_hashtag: 1,
            first_seen_at: NOW,
            last_seen_at: NOW,
            run_started_at: NOW,
            seconds_on_list: 0,
            snapshot_count: 1,
            peak_rank: 3,
            peak_heat: 100_000,
            last_rank: 3,
            previous_rank: null,
            last_heat: 100_000,
            last_label: "新",
            state: "new",
            updated_at: NOW,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const original = await startStoryFromTopic(editor, await topic("广州暴雨致地铁停运"));
    expect(original.existing).toBe(false);
    // A near-identical wording the next day is the same story…
    const similar = await startStoryFromTopic(editor, await topic("广州暴雨致地铁全线停运"), {
      pastedUrls: ["https://news.example/guangzhou-rain"],
    });
    expect(similar).toEqual({ articleId: original.articleId, existing: true });
    const pasted = await database.db
      .selectFrom("story_pasted_link")
      .select("url")
      .where("article_id", "=", original.articleId)
      .execute();
    expect(pasted.map((p) => p.url)).toEqual(["https://news.example/guangzhou-rain"]);
    const gather = await database.db
      .selectFrom("job")
      .select("unique_key")
      .where("kind", "=", "research.gather")
      .execute();
    expect(gather.map((g) => g.unique_key)).toEqual([`research.gather:${original.articleId}`]);
    // …a different event is not.
    const other = await startStoryFromTopic(editor, await topic("广州地铁新线开通"));
    expect(other.existing).toBe(false);
    // Past the window, a similar word opens a new story.
    (deps.clock as ReturnType<typeof fixedClock>).set("2025-09-10T00:00:00Z");
    const later = await startStoryFromTopic(editor, await topic("广州暴雨致地铁部分停运"));
    expect(later.existing).toBe(false);
    (deps.clock as ReturnType<typeof fixedClock>).set(NOW);
  });
});
