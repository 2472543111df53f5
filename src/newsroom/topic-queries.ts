import type { Kysely } from "kysely";
import type { Tables, TrendState } from "../db/schema.js";
import type { StoryForm } from "./story-content.js";

type Db = Kysely<Tables>;

export interface QueueTopic {
  id: number;
  word: string;
  titleEn: string;
  isHashtag: boolean;
  rank: number | null;
  heat: number | null;
  state: TrendState;
  secondsOnList: number;
  firstSeenAt: string;
  /** Heat (or inverted rank) of the last points, oldest first, for a sparkline. */
  curve: number[];
  /** Stories started from this topic, or matching its hashtag. */
  coveredBy: { articleId: number; status: string }[];
}

/**
 * Topics on the hot-search list now (not gone), best rank first, without dismissed ones,
 * each with its recent curve and whether we already cover it.
 */
export async function queueTopics(db: Db, limit = 50): Promise<QueueTopic[]> {
  const topics = await db
    .selectFrom("trend_topic")
    .leftJoin("topic_dismissal", "topic_dismissal.topic_id", "trend_topic.id")
    .select([
      "trend_topic.id",
      "trend_topic.word",
      "trend_topic.title_en",
      "trend_topic.is_hashtag",
      "trend_topic.last_rank",
      "trend_topic.last_heat",
      "trend_topic.state",
      "trend_topic.seconds_on_list",
      "trend_topic.first_seen_at",
    ])
    .where("trend_topic.state", "!=", "gone")
    .where("topic_dismissal.topic_id", "is", null)
    .orderBy("trend_topic.last_rank")
    .limit(limit)
    .execute();
  if (topics.length === 0) return [];
  const ids = topics.map((t) => t.id);
  const points = await db
    .selectFrom("trend_point")
    .select(["topic_id", "captured_at", "rank", "heat"])
    .where("topic_id", "in", ids)
    .orderBy("captured_at", "desc")
    .limit(ids.length * 24)
    .execute();
  const words = topics.map((t) => t.word);
  const [byTopic, byHashtag] = await Promise.all([
    db
      .selectFrom("newsroom_story")
      .innerJoin("article", "article.id", "newsroom_story.article_id")
      .select(["newsroom_story.topic_id", "article.id", "article.status"])
      .where("newsroom_story.topic_id", "in", ids)
      .execute(),
    db
      .selectFrom("article")
      .select(["id", "status", "hashtag"])
      .where("hashtag", "in", words)
      .execute(),
  ]);
  return topics.map((t) => {
    const mine = points
      .filter((p) => p.topic_id === t.id)
      .slice(0, 24)
      .reverse();
    const covered = new Map<number, string>();
    for (const s of byTopic) if (s.topic_id === t.id) covered.set(s.id, s.status);
    for (const a of byHashtag) if (a.hashtag === t.word) covered.set(a.id, a.status);
    return {
      id: t.id,
      word: t.word,
      titleEn: t.title_en,
      isHashtag: t.is_hashtag === 1,
      rank: t.last_rank,
      heat: t.last_heat,
      state: t.state,
      secondsOnList: t.seconds_on_list,
      firstSeenAt: t.first_seen_at,
      curve: mine.map((p) => p.heat ?? 60 - p.rank),
      coveredBy: [...covered].map(([articleId, status]) => ({ articleId, status })),
    };
  });
}

/** Editor fields prefilled from a topic: its hashtag and an English working headline. */
export async function topicStart(
  db: Db,
  topicId: number,
): Promise<{ form: Partial<StoryForm> } | undefined> {
  const topic = await db
    .selectFrom("trend_topic")
    .select(["word", "title_en", "is_hashtag"])
    .where("id", "=", topicId)
    .executeTakeFirst();
  if (!topic) return undefined;
  return {
    form: {
      headline: topic.title_en || topic.word,
      hashtag: topic.word,
      hashtagEn: topic.title_en,
    },
  };
}
