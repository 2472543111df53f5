import type { Kysely } from "kysely";
import type { Tables } from "../../db/schema.js";

/** One sighting of a topic on the list. */
export interface RankPoint {
  at: string;
  rank: number;
}

export interface CardTrend {
  points: RankPoint[];
  peakRank: number | null;
  secondsOnList: number;
}

/**
 * The rank curve and two facts of a topic, read straight from the trend tables (media sits
 * below the trends pages, which import the page shell, so it does not import them back).
 */
export async function cardTrend(db: Kysely<Tables>, topicId: number): Promise<CardTrend | null> {
  const topic = await db
    .selectFrom("trend_topic")
    .select(["peak_rank", "seconds_on_list"])
    .where("id", "=", topicId)
    .executeTakeFirst();
  if (!topic) return null;
  const points = await db
    .selectFrom("trend_point")
    .select(["captured_at", "rank"])
    .where("topic_id", "=", topicId)
    .orderBy("captured_at")
    .execute();
  return {
    points: points.map((p) => ({ at: p.captured_at, rank: p.rank })),
    peakRank: topic.peak_rank,
    secondsOnList: topic.seconds_on_list,
  };
}

/** "3 hours 20 minutes": how long a topic stayed on the list. */
export function durationText(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [h > 0 ? `${h} ${h === 1 ? "hour" : "hours"}` : "", m > 0 ? `${m} min` : ""];
  return parts.filter(Boolean).join(" ") || "under a minute";
}
