import type { Kysely } from "kysely";
import type { Tables, TrendState } from "../db/schema.js";
import { coverageForTopics } from "./topic-coverage.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ChartPoint {
  at: string;
  rank: number;
  heat: number | null;
}

export interface HotRow {
  topicId: number;
  rank: number;
  word: string;
  query: string;
  isHashtag: boolean;
  titleEn: string;
  /** The English title is a model's translation (pages mark it); `titleEnModel` names the model. */
  titleEnMachine: boolean;
  titleEnModel: string;
  heat: number | null;
  heatCategory: string;
  label: string;
  isCommercial: boolean;
  /** Places gained since the previous snapshot (positive = up); null when it just entered. */
  movement: number | null;
  minutesOnList: number;
  sparkline: ChartPoint[];
  coverage: { slug: string; headline: string } | null;
}

export interface HotSearchNow {
  /** `isReplay`: the list comes from the recorded demo day, not from polling Weibo. */
  snapshot: { id: number; source: string; capturedAt: string; isReplay: boolean } | null;
  rows: HotRow[];
}

/**
 * The latest list with movement, age on the list, a 24-hour sparkline and our coverage
 * (published by `now`, UTC ISO; defaults to the present).
 */
export async function hotSearchNow(
  db: Kysely<Tables>,
  now: string = new Date().toISOString(),
): Promise<HotSearchNow> {
  const snapshot = await db
    .selectFrom("trend_snapshot")
    .select(["id", "source", "captured_at", "is_replay"])
    .where("kind", "=", "list")
    .orderBy("captured_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!snapshot) return { snapshot: null, rows: [] };
  const rows = await db
    .selectFrom("trend_point as p")
    .innerJoin("trend_topic as t", "t.id", "p.topic_id")
    .select([
      "t.id",
      "p.rank",
      "t.word",
      "t.query",
      "t.is_hashtag",
      "t.title_en",
      "t.title_en_machine",
      "t.title_en_model",
      "p.heat",
      "p.heat_category",
      "p.label",
      "p.is_commercial",
      "t.previous_rank",
      "t.run_started_at",
      "t.last_seen_at",
    ])
    .where("p.snapshot_id", "=", snapshot.id)
    .orderBy("p.rank")
    .execute();
  const since = new Date(Date.parse(snapshot.captured_at) - DAY_MS).toISOString();
  const ids = rows.map((r) => r.id);
  const points =
    ids.length === 0
      ? []
      : await db
          .selectFrom("trend_point")
          .select(["topic_id", "captured_at", "rank", "heat"])
          .where("topic_id", "in", ids)
          .where("captured_at", ">=", since)
          .orderBy("captured_at")
          .execute();
  const spark = new Map<number, ChartPoint[]>();
  for (const p of points) {
    spark.set(p.topic_id, [
      ...(spark.get(p.topic_id) ?? []),
      { at: p.captured_at, rank: p.rank, heat: p.heat },
    ]);
  }
  const coverage = await coverageForTopics(db, rows, now);
  return {
    snapshot: {
      id: snapshot.id,
      source: snapshot.source,
      capturedAt: snapshot.captured_at,
      isReplay: snapshot.is_replay === 1,
    },
    rows: rows.map((r) => ({
      topicId: r.id,
      rank: r.rank,
      word: r.word,
      query: r.query,
      isHashtag: r.is_hashtag === 1,
      titleEn: r.title_en,
      titleEnMachine: r.title_en_machine === 1,
      titleEnModel: r.title_en_model,
      heat: r.heat,
      heatCategory: r.heat_category,
      label: r.label,
      isCommercial: r.is_commercial === 1,
      movement: r.previous_rank === null ? null : r.previous_rank - r.rank,
      minutesOnList: r.run_started_at
        ? Math.max(
            0,
            Math.round((Date.parse(snapshot.captured_at) - Date.parse(r.run_started_at)) / 60000),
          )
        : 0,
      sparkline: spark.get(r.id) ?? [],
      coverage: coverage.get(r.id) ?? null,
    })),
  };
}

/** Published articles about these topic words (the article's hashtag is the word). */
export async function coverageFor(
  db: Kysely<Tables>,
  words: string[],
): Promise<Map<string, { slug: string; headline: string }>> {
  const found = new Map<string, { slug: string; headline: string }>();
  if (words.length === 0) return found;
  const rows = await db
    .selectFrom("article")
    .select(["slug", "headline", "hashtag"])
    .where("status", "=", "published")
    .where("hashtag", "in", words)
    .orderBy("published_at", "desc")
    .execute();
  for (const r of rows)
    if (!found.has(r.hashtag)) found.set(r.hashtag, { slug: r.slug, headline: r.headline });
  return found;
}

export interface TopicFacts {
  id: number;
  word: string;
  query: string;
  isHashtag: boolean;
  titleEn: string;
  /** The English title is a model's translation (pages mark it); `titleEnModel` names the model. */
  titleEnMachine: boolean;
  titleEnModel: string;
  category: string;
  firstSeenAt: string;
  lastSeenAt: string;
  secondsOnList: number;
  snapshotCount: number;
  peakRank: number | null;
  peakHeat: number | null;
  lastRank: number | null;
  lastLabel: string;
  state: TrendState;
  points: ChartPoint[];
  /** Labels seen over the topic's life, in first-seen order. */
  labels: string[];
}

/** One topic's facts and its full curve, by id. */
export async function topicFacts(db: Kysely<Tables>, id: number): Promise<TopicFacts | null> {
  const t = await db.selectFrom("trend_topic").selectAll().where("id", "=", id).executeTakeFirst();
  if (!t) return null;
  const points = await db
    .selectFrom("trend_point")
    .select(["captured_at", "rank", "heat", "label"])
    .where("topic_id", "=", id)
    .orderBy("captured_at")
    .execute();
  return {
    id: t.id,
    word: t.word,
    query: t.query,
    isHashtag: t.is_hashtag === 1,
    titleEn: t.title_en,
    titleEnMachine: t.title_en_machine === 1,
    titleEnModel: t.title_en_model,
    category: t.category,
    firstSeenAt: t.first_seen_at,
    lastSeenAt: t.last_seen_at,
    secondsOnList: t.seconds_on_list,
    snapshotCount: t.snapshot_count,
    peakRank: t.peak_rank,
    peakHeat: t.peak_heat,
    lastRank: t.last_rank,
    lastLabel: t.last_label,
    state: t.state,
    points: points.map((p) => ({ at: p.captured_at, rank: p.rank, heat: p.heat })),
    labels: [...new Set(points.map((p) => p.label).filter((l) => l !== ""))],
  };
}

/**
 * Facts for an article's hashtag box: the topic whose word is the hashtag (hashtag form
 * preferred over a bare word). Null when the topic never trended.
 */
export async function topicFactsForHashtag(
  db: Kysely<Tables>,
  hashtag: string,
): Promise<TopicFacts | null> {
  const word = hashtag.replace(/^#+|#+$/g, "").trim();
  if (!word) return null;
  const t = await db
    .selectFrom("trend_topic")
    .select("id")
    .where("query", "in", [`#${word}#`, word])
    .orderBy("is_hashtag", "desc")
    .limit(1)
    .executeTakeFirst();
  return t ? topicFacts(db, t.id) : null;
}
