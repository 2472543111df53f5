import type { Kysely } from "kysely";
import type { Tables } from "../../src/db/schema.js";

/** A stored hot-search history: three snapshots of two topics, as the trend tracker keeps it. */
export async function seedTrends(db: Kysely<Tables>): Promise<{ flood: number; idol: number }> {
  const times = [
    "2025-08-27T11:40:00.000Z",
    "2025-08-27T11:50:00.000Z",
    "2025-08-27T12:00:00.000Z",
  ];
  const snapshots: number[] = [];
  for (const [i, at] of times.entries()) {
    const row = await db
      .insertInto("trend_snapshot")
      .values({
        source: "m-weibo-cn",
        kind: "list",
        captured_at: at,
        stored_at: at,
        payload_hash: `hash-${i}-${Math.random()}`,
        payload_gzip: "",
        content_type: "application/json",
        ranked_count: 50,
        pinned_count: 1,
        ad_count: 0,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    snapshots.push(row.id);
  }
  const topic = async (word: string, titleEn: string, rank: number, heat: number) =>
    (
      await db
        .insertInto("trend_topic")
        .values({
          word,
          query: `#${word}#`,
          is_hashtag: 1,
          title_en: titleEn,
          first_seen_at: times[0] ?? "",
          last_seen_at: times[2] ?? "",
          run_started_at: times[0] ?? "",
          seconds_on_list: 4500,
          snapshot_count: 3,
          peak_rank: rank,
          peak_heat: heat,
          last_rank: rank,
          previous_rank: rank + 1,
          last_heat: heat,
          last_label: "热",
          state: "rising",
          updated_at: times[2] ?? "",
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const flood = await topic("北京暴雨", "Beijing rainstorm", 1, 2_100_000);
  const idol = await topic("某明星官宣", "", 4, 800_000);
  for (const [i, snapshot] of snapshots.entries()) {
    for (const [id, heat] of [
      [flood, 1_000_000 + i * 500_000],
      [idol, 900_000 - i * 50_000],
    ] as const) {
      await db
        .insertInto("trend_point")
        .values({
          snapshot_id: snapshot,
          topic_id: id,
          captured_at: times[i] ?? "",
          rank: id === flood ? 3 - i : 4,
          heat,
          heat_category: "",
          label: "",
          is_commercial: 0,
        })
        .execute();
    }
  }
  return { flood, idol };
}
