import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";
import { type CurvePoint, scoreCurve, type TopicScore } from "./topic-score.js";

/** Curves are read over the last day: the score is about what is happening now. */
const WINDOW_MS = 24 * 3_600_000;
const CHUNK = 200;

/**
 * Scores the topics on the hot-search list now (not gone, not dismissed) from their stored
 * points of the last 24 hours, best first.
 */
export async function scoreTopics(db: Kysely<Tables>, now: Date): Promise<TopicScore[]> {
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const topics = await db
    .selectFrom("trend_topic")
    .leftJoin("topic_dismissal", "topic_dismissal.topic_id", "trend_topic.id")
    .select([
      "trend_topic.id",
      "trend_topic.word",
      "trend_topic.category",
      "trend_topic.seconds_on_list",
      "trend_topic.first_seen_at",
    ])
    .where("trend_topic.state", "!=", "gone")
    .where("topic_dismissal.topic_id", "is", null)
    .execute();
  const byTopic = new Map<number, CurvePoint[]>();
  for (let i = 0; i < topics.length; i += CHUNK) {
    const ids = topics.slice(i, i + CHUNK).map((t) => t.id);
    const points = await db
      .selectFrom("trend_point")
      .select([
        "topic_id",
        "captured_at",
        "rank",
        "heat",
        "label",
        "heat_category",
        "is_commercial",
      ])
      .where("topic_id", "in", ids)
      .where("captured_at", ">=", since)
      .where("captured_at", "<=", now.toISOString())
      .orderBy("captured_at")
      .execute();
    for (const p of points) {
      const list = byTopic.get(p.topic_id) ?? [];
      list.push({
        capturedAt: p.captured_at,
        rank: p.rank,
        heat: p.heat,
        label: p.label,
        heatCategory: p.heat_category,
        isCommercial: p.is_commercial === 1,
      });
      byTopic.set(p.topic_id, list);
    }
  }
  return topics
    .map((t) => {
      const points = byTopic.get(t.id) ?? [];
      const entered = points.length > 0 && t.first_seen_at >= since;
      return scoreCurve(
        {
          topicId: t.id,
          word: t.word,
          category: t.category,
          secondsOnList: t.seconds_on_list,
          points,
        },
        entered,
      );
    })
    .filter((s) => s.bestRank !== null)
    .sort((a, b) => b.score - a.score || a.topicId - b.topicId);
}
