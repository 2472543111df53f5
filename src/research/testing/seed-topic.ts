import type { Kysely } from "kysely";
import type { Tables } from "../../db/schema.js";
import { compressPayload, payloadHash } from "../../trends/payload-codec.js";
import { readFixture } from "../../trends/testing/weibo-fixtures.js";

export const LEE_WORD = "李在明说愿意与特朗普一起访华";

/**
 * The topic #李在明说愿意与特朗普一起访华# as the trend tracker stores it after the lxw
 * hourly captures of 12:00 and 13:00 (+08:00) on 2025-08-26: two snapshots with their real
 * raw payloads, the topic and its two points.
 */
export async function seedLeeTopic(db: Kysely<Tables>, titleEn = ""): Promise<number> {
  const captures = [
    { hour: "12", at: "2025-08-26T04:00:00.000Z", rank: 5, heat: 541_433 },
    { hour: "13", at: "2025-08-26T05:00:00.000Z", rank: 9, heat: 225_457 },
  ];
  const topic = await db
    .insertInto("trend_topic")
    .values({
      word: LEE_WORD,
      query: `#${LEE_WORD}#`,
      is_hashtag: 1,
      title_en: titleEn,
      first_seen_at: captures[0]?.at ?? "",
      last_seen_at: captures[1]?.at ?? "",
      run_started_at: captures[0]?.at ?? "",
      seconds_on_list: 3600,
      snapshot_count: 2,
      peak_rank: 5,
      peak_heat: 541_433,
      last_rank: 9,
      previous_rank: 5,
      last_heat: 225_457,
      last_label: "",
      state: "falling",
      updated_at: captures[1]?.at ?? "",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const c of captures) {
    const payload = readFixture("lxw-hourly", `lxw-2025-08-26-${c.hour}.json`);
    const snapshot = await db
      .insertInto("trend_snapshot")
      .values({
        source: "lxw-hourly",
        kind: "list",
        captured_at: c.at,
        stored_at: c.at,
        payload_hash: payloadHash(payload),
        payload_gzip: compressPayload(payload),
        content_type: "application/json",
        ranked_count: 50,
        pinned_count: 1,
        ad_count: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("trend_point")
      .values({
        snapshot_id: snapshot.id,
        topic_id: topic.id,
        captured_at: c.at,
        rank: c.rank,
        heat: c.heat,
        heat_category: "",
        label: "",
        is_commercial: 0,
      })
      .execute();
  }
  return topic.id;
}
