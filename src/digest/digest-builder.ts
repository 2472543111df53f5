import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";
import {
  type Digest,
  type DigestArticle,
  type DigestTopic,
  type RankPoint,
  SECTION_SIZE,
} from "./digest-model.js";
import type { DigestWindow } from "./digest-window.js";

const BOOM = "爆";

interface PointRow {
  snapshot_id: number;
  topic_id: number;
  captured_at: string;
  rank: number;
  label: string;
  is_commercial: number;
}

interface Accumulator {
  topicId: number;
  points: RankPoint[];
  peakRank: number;
  peakAt: string;
  seconds: number;
  rise: { from: number; to: number; at: string } | null;
  boomAt: string | null;
}

/**
 * Builds the issue for a window from the stored hot-search captures and the articles
 * published in it. Pinned rows are never stored as points; ranked adverts are (flagged
 * `is_commercial`), and a topic that was an advert in any capture is left out entirely.
 */
export async function buildDigest(
  db: Kysely<Tables>,
  window: DigestWindow,
  note = "",
): Promise<Digest> {
  const snapshots = await db
    .selectFrom("trend_snapshot")
    .select(["id", "captured_at"])
    .where("kind", "=", "list")
    .where("captured_at", ">=", window.start)
    .where("captured_at", "<", window.end)
    .orderBy("captured_at")
    .orderBy("id")
    .execute();
  // The capture just before the window: a topic listed then and at the window's first
  // capture was on the list since midnight, so that stretch (clipped) counts.
  const before = await db
    .selectFrom("trend_snapshot")
    .select(["id", "captured_at"])
    .where("kind", "=", "list")
    .where("captured_at", "<", window.start)
    .orderBy("captured_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const ordered = before ? [before, ...snapshots] : snapshots;
  const rows: PointRow[] =
    ordered.length === 0
      ? []
      : await db
          .selectFrom("trend_point as p")
          .innerJoin("trend_snapshot as s", "s.id", "p.snapshot_id")
          .select([
            "p.snapshot_id",
            "p.topic_id",
            "p.captured_at",
            "p.rank",
            "p.label",
            "p.is_commercial",
          ])
          .where("s.kind", "=", "list")
          .where("s.captured_at", ">=", ordered[0]?.captured_at ?? window.start)
          .where("s.captured_at", "<", window.end)
          .execute();

  const bySnapshot = new Map<number, Map<number, PointRow>>();
  const adverts = new Set<number>();
  for (const row of rows) {
    if (row.is_commercial === 1) adverts.add(row.topic_id);
    let list = bySnapshot.get(row.snapshot_id);
    if (!list) {
      list = new Map();
      bySnapshot.set(row.snapshot_id, list);
    }
    list.set(row.topic_id, row);
  }

  const topics = new Map<number, Accumulator>();
  const windowStartMs = Date.parse(window.start);
  let previous: { at: string; points: Map<number, PointRow> } | null = null;
  for (const snapshot of ordered) {
    const points = bySnapshot.get(snapshot.id) ?? new Map<number, PointRow>();
    const inWindow = snapshot.captured_at >= window.start;
    if (inWindow) {
      for (const point of points.values()) {
        if (adverts.has(point.topic_id)) continue;
        let topic = topics.get(point.topic_id);
        if (!topic) {
          topic = {
            topicId: point.topic_id,
            points: [],
            peakRank: point.rank,
            peakAt: point.captured_at,
            seconds: 0,
            rise: null,
            boomAt: null,
          };
          topics.set(point.topic_id, topic);
        }
        topic.points.push({ at: point.captured_at, rank: point.rank });
        if (point.rank < topic.peakRank) {
          topic.peakRank = point.rank;
          topic.peakAt = point.captured_at;
        }
        if (point.label === BOOM && topic.boomAt === null) topic.boomAt = point.captured_at;
        const earlier = previous?.points.get(point.topic_id);
        if (previous && earlier) {
          const fromMs = Math.max(Date.parse(previous.at), windowStartMs);
          topic.seconds += Math.max(0, (Date.parse(point.captured_at) - fromMs) / 1000);
          const climb = earlier.rank - point.rank;
          if (climb > 0 && (topic.rise === null || climb > topic.rise.from - topic.rise.to)) {
            topic.rise = { from: earlier.rank, to: point.rank, at: point.captured_at };
          }
        }
      }
    }
    previous = { at: snapshot.captured_at, points };
  }

  const ids = [...topics.keys()];
  const facts =
    ids.length === 0
      ? []
      : await db
          .selectFrom("trend_topic")
          .select(["id", "word", "query", "is_hashtag", "title_en", "title_en_machine"])
          .where("id", "in", ids)
          .execute();
  const boomCandidates = [...topics.values()]
    .filter((t) => t.boomAt !== null)
    .map((t) => t.topicId);
  const boomedBefore = new Set(
    boomCandidates.length === 0
      ? []
      : (
          await db
            .selectFrom("trend_point")
            .select("topic_id")
            .distinct()
            .where("topic_id", "in", boomCandidates)
            .where("label", "=", BOOM)
            .where("captured_at", "<", window.start)
            .execute()
        ).map((r) => r.topic_id),
  );

  const all: DigestTopic[] = facts.flatMap((f) => {
    const t = topics.get(f.id);
    if (!t) return [];
    return [
      {
        topicId: f.id,
        word: f.word,
        query: f.query,
        isHashtag: f.is_hashtag === 1,
        titleEn: f.title_en,
        titleEnMachine: f.title_en_machine === 1,
        peakRank: t.peakRank,
        peakAt: t.peakAt,
        minutesOnList: Math.round(t.seconds / 60),
        rise: t.rise,
        boomAt: boomedBefore.has(f.id) ? null : t.boomAt,
        points: t.points,
      },
    ];
  });
  // Every ordering ends on the topic id so equal numbers always list in the same order.
  const byPeak = [...all].sort(
    (a, b) =>
      a.peakRank - b.peakRank ||
      b.minutesOnList - a.minutesOnList ||
      a.peakAt.localeCompare(b.peakAt) ||
      a.topicId - b.topicId,
  );
  const byTime = [...all].sort(
    (a, b) => b.minutesOnList - a.minutesOnList || a.peakRank - b.peakRank || a.topicId - b.topicId,
  );
  const climb = (t: DigestTopic) => (t.rise ? t.rise.from - t.rise.to : 0);
  const risers = all
    .filter((t) => t.rise !== null)
    .sort((a, b) => climb(b) - climb(a) || a.peakRank - b.peakRank || a.topicId - b.topicId);
  const booms = all
    .filter((t) => t.boomAt !== null)
    .sort((a, b) => (a.boomAt ?? "").localeCompare(b.boomAt ?? "") || a.topicId - b.topicId);

  return {
    window,
    snapshotCount: snapshots.length,
    topByPeak: byPeak.slice(0, SECTION_SIZE.peak),
    topByTime: byTime.slice(0, SECTION_SIZE.time),
    risers: risers.slice(0, SECTION_SIZE.risers),
    booms: booms.slice(0, SECTION_SIZE.booms),
    articles: await articlesIn(db, window),
    note,
  };
}

/** Articles first published inside the window, oldest first (the order the day ran). */
async function articlesIn(db: Kysely<Tables>, window: DigestWindow): Promise<DigestArticle[]> {
  const rows = await db
    .selectFrom("article as a")
    .innerJoin("category as c", "c.id", "a.category_id")
    .select([
      "a.slug",
      "a.headline",
      "a.dek",
      "a.published_at",
      "c.slug as category_slug",
      "c.name as category_name",
    ])
    .where("a.status", "=", "published")
    .where("a.published_at", ">=", window.start)
    .where("a.published_at", "<", window.end)
    .orderBy("a.published_at")
    .orderBy("a.id")
    .execute();
  return rows.map((r) => ({
    slug: r.slug,
    headline: r.headline,
    dek: r.dek,
    categorySlug: r.category_slug,
    categoryName: r.category_name,
    publishedAt: r.published_at ?? window.start,
  }));
}
